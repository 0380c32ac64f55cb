/**
 * The inference port and its onnxruntime-node adapter. Everything above this file speaks in
 * plain typed arrays, so tests and other runtimes can stand in for onnxruntime.
 */
import { readFile } from 'node:fs/promises'
import type { OnnxRuntime } from './load-runtime.js'
import { withoutZipMap } from './strip-zipmap.js'

export type FeedTensor =
  | { type: 'float32'; data: Float32Array; dims: number[] }
  | { type: 'float64'; data: Float64Array; dims: number[] }
  | { type: 'int64'; data: BigInt64Array; dims: number[] }
  | { type: 'int32'; data: Int32Array; dims: number[] }
  | { type: 'bool'; data: Uint8Array; dims: number[] }
  | { type: 'string'; data: string[]; dims: number[] }

export interface ValueInfo {
  name: string
  /** False for sequences and maps (a ZipMap output), which cannot be fetched as arrays. */
  isTensor: boolean
  /** ONNX element type as onnxruntime-node names it: float32, int64, string… */
  type?: string
  /** Dimensions; a string or -1 is a symbolic (batch) dimension. */
  shape: readonly (number | string)[]
}

export interface OutputTensor {
  type: string
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | string[] | ArrayLike<number>
  dims: readonly number[]
}

export interface InferenceRunner {
  readonly inputs: readonly ValueInfo[]
  readonly outputs: readonly ValueInfo[]
  run(feeds: Record<string, FeedTensor>, outputNames: readonly string[]): Promise<Record<string, OutputTensor>>
  close(): Promise<void>
}

/** `intraOpThreads`: onnxruntime's own default (one per core) when absent. */
export async function createOnnxRunner(
  runtime: OnnxRuntime,
  modelPath: string,
  intraOpThreads?: number
): Promise<InferenceRunner> {
  const threads = intraOpThreads === undefined ? {} : { intraOpNumThreads: intraOpThreads }
  // A final ZipMap's maps cannot be fetched: run the graph without it (strip-zipmap.ts).
  const { model } = withoutZipMap(new Uint8Array(await readFile(modelPath)))
  const session = await runtime.InferenceSession.create(model, { graphOptimizationLevel: 'all', ...threads })
  const info = (m: (typeof session.inputMetadata)[number]): ValueInfo =>
    m.isTensor
      ? { name: m.name, isTensor: true, type: m.type, shape: m.shape }
      : { name: m.name, isTensor: false, shape: [] }
  return {
    inputs: session.inputMetadata.map(info),
    outputs: session.outputMetadata.map(info),
    async run(feeds, outputNames) {
      const tensors: Record<string, InstanceType<OnnxRuntime['Tensor']>> = {}
      for (const [name, feed] of Object.entries(feeds))
        tensors[name] = new runtime.Tensor(feed.type, feed.data as never, feed.dims)
      const result = await session.run(tensors, outputNames as string[])
      const out: Record<string, OutputTensor> = {}
      for (const name of outputNames) {
        const tensor = result[name]
        if (tensor === undefined) throw new Error(`the model returned no output '${name}'`)
        out[name] = { type: tensor.type, data: tensor.data as OutputTensor['data'], dims: tensor.dims }
      }
      return out
    },
    async close() {
      await session.release()
    }
  }
}
