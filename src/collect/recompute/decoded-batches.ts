/**
 * Column batches of the evaluation data and its SHA-256, decoded in a worker thread when the
 * worker is installed (the bundle ships dist/decode-worker.js beside dist/cli.js and
 * dist/index.js), so decoding the next batch overlaps onnxruntime scoring the current one on a
 * second core. From the TypeScript sources there is no compiled worker and the same decoder runs
 * on the calling thread. A worker that crashes, exits early or says something malformed ends the
 * stream with an error, so the recompute fails closed with the reason; it never waits forever.
 * A batch is valid until the next one is asked for: its number buffers are then reused.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { GateError, invalid } from '../../core/errors.js'
import { sha256File } from '../../hash.js'
import { openTable } from '../data/open-table.js'
import { BufferPool } from '../data/buffer-pool.js'
import { type ColumnBatch, columnBuffers } from '../data/columns.js'
import {
  type DecodedBatch,
  type DecodeJob,
  type ParentMessage,
  readWorkerMessage,
  type WorkerMessage
} from './decode-protocol.js'

const YOUNG_GENERATION_MB = 12

export interface DecodedData {
  batches: AsyncGenerator<DecodedBatch>
  /** Settles once the batches are all read (rejects with the same error when they fail). */
  sha256: Promise<string>
  /** Whether a worker thread decodes (false: the calling thread). */
  inWorker: boolean
}

/** dist/decode-worker.js, beside the bundle that imports this module; absent when running from sources. */
export function bundledWorker(): URL | undefined {
  const url = new URL('./decode-worker.js', import.meta.url)
  return existsSync(fileURLToPath(url)) ? url : undefined
}

/** `workerUrl`: the worker's entry file (usually `bundledWorker()`); undefined decodes on the calling thread. */
export function decodeBatches(job: DecodeJob, workerUrl: URL | undefined): DecodedData {
  if (workerUrl === undefined) {
    const sha256 = sha256File(job.path)
    sha256.catch(() => undefined) // awaited by the caller after the batches; the decoder reports a read error first
    return { batches: inThread(job), sha256, inWorker: false }
  }
  let settle!: { resolve: (sha: string) => void; reject: (error: Error) => void }
  const sha256 = new Promise<string>((resolve, reject) => (settle = { resolve, reject }))
  sha256.catch(() => undefined)
  return { batches: inWorker(job, workerUrl, settle), sha256, inWorker: true }
}

/** The consumer is done with a batch when it asks for the next: its buffers are then filled again. */
async function* inThread(job: DecodeJob): AsyncGenerator<ColumnBatch> {
  const table = await openTable(job.path, job.format)
  const pool = new BufferPool()
  for await (const batch of table.batches(job.columns, job.batchSize, pool)) {
    yield batch
    pool.give(columnBuffers(batch.columns))
  }
}

async function* inWorker(
  job: DecodeJob,
  url: URL,
  settle: { resolve: (sha: string) => void; reject: (error: Error) => void }
): AsyncGenerator<DecodedBatch> {
  // A small young generation: the decoder's garbage is mostly short-lived page buffers, and the
  // default semi-spaces let them pile up into tens of MiB of resident memory.
  const worker = new Worker(url, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } })
  const inbox: unknown[] = []
  let stopped: Error | undefined
  let wake: (() => void) | undefined
  const notify = (): void => {
    wake?.()
    wake = undefined
  }
  worker.on('message', (message: unknown) => {
    inbox.push(message)
    notify()
  })
  worker.on('error', (error: Error) => {
    const why = firstLine(error.message)
    stopped ??= invalid(`the data decoder thread failed (${why}); the recompute did not finish`, error)
    notify()
  })
  worker.on('exit', (code: number) => {
    stopped ??= invalid(
      `the data decoder thread stopped (exit code ${code}) before the end of the data; the recompute did not finish`
    )
    notify()
  })
  let done = false
  try {
    for (;;) {
      if (inbox.length === 0) {
        // Messages posted before a crash are still read first; then the crash is the error.
        if (stopped !== undefined) throw stopped
        await new Promise<void>((resolve) => (wake = resolve))
        continue
      }
      const message = readWorkerMessage(inbox.shift())
      if (message === undefined) {
        throw invalid('the data decoder thread sent a malformed message; the recompute did not finish')
      }
      if (message.t === 'error') throw fromWorker(message)
      if (message.t === 'end') {
        done = true
        settle.resolve(message.sha256)
        return
      }
      yield message.t === 'scored'
        ? { rows: message.rows, columns: message.columns, outputs: message.outputs }
        : { rows: message.rows, columns: message.columns }
      // The batch is done once the next one is asked for: its buffers go back to be filled again,
      // with a credit for a batch that took one (a batch the worker scored took none).
      const back: ParentMessage = {
        t: message.t === 'batch' ? 'credit' : 'return',
        buffers: columnBuffers(message.columns)
      }
      worker.postMessage(back, back.buffers)
    }
  } catch (error) {
    settle.reject(error as Error)
    throw error
  } finally {
    if (!done) settle.reject(invalid('the evaluation data was not read to the end, so it was not hashed'))
    await worker.terminate()
  }
}

function fromWorker(message: WorkerMessage & { t: 'error' }): Error {
  if (message.gate) return new GateError('invalid', message.message)
  const error = new Error(message.message) as NodeJS.ErrnoException
  if (message.code !== undefined) error.code = message.code
  return error
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text
