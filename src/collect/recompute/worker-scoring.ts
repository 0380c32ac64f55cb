/**
 * Scoring in the decode worker. When the main thread is behind (the worker holds a decoded
 * batch and no credit to send it), the worker runs the model on that batch itself rather than
 * wait, and sends the outputs with the label and group columns. Both threads then share the
 * inference, which is most of the job: on 2 cores this beat onnxruntime's own two intra-op
 * threads (bench/recompute/README.md). Both sessions run one intra-op thread, so a batch gets
 * the same numbers whichever thread scored it, and the report does not depend on timing.
 */
import type { ColumnBatch } from '../data/columns.js'
import { loadOnnxRuntime } from '../inference/load-runtime.js'
import { createOnnxRunner, type InferenceRunner, type OutputTensor } from '../inference/onnx-runner.js'
import { type InputPlan, type PlanRequest, planInputs } from '../inference/signature-inputs.js'

/** What the worker needs to score a batch, as plain data (it crosses to the worker thread). */
export interface ScoringJob {
  modelPath: string
  plan: PlanRequest
  outputNames: string[]
  /** The columns the main thread reads besides the outputs (label, weights, groups): sent back with them. */
  needed: string[]
}

export interface BatchScorer {
  /** The model's outputs for the batch, copied into buffers that can be transferred. */
  score(batch: ColumnBatch): Promise<Record<string, OutputTensor>>
  close(): Promise<void>
}

/** The same session settings on both threads: one intra-op thread each. */
export const SCORING_THREADS = 1

export async function openScorer(job: ScoringJob): Promise<BatchScorer> {
  const loaded = await loadOnnxRuntime()
  if (!loaded.ok) throw new Error(loaded.detail)
  const runner: InferenceRunner = await createOnnxRunner(loaded.runtime, job.modelPath, SCORING_THREADS)
  const plan: InputPlan = planInputs({ ...job.plan, inputs: runner.inputs })
  return {
    async score(batch) {
      const result = await runner.run(plan.build(batch), job.outputNames)
      const out: Record<string, OutputTensor> = {}
      for (const [name, tensor] of Object.entries(result)) {
        // onnxruntime's output memory may not be detachable: copy it into a plain buffer.
        const data = Array.isArray(tensor.data) ? [...tensor.data] : (tensor.data as Float32Array).slice()
        out[name] = { type: tensor.type, data, dims: [...tensor.dims] }
      }
      return out
    },
    close: () => runner.close()
  }
}

/** The buffers of typed output tensors, to transfer. */
export function outputBuffers(outputs: Record<string, OutputTensor>): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = []
  for (const tensor of Object.values(outputs)) {
    if (ArrayBuffer.isView(tensor.data)) buffers.push(tensor.data.buffer as ArrayBuffer)
  }
  return buffers
}
