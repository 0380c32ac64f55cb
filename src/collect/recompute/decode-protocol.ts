/**
 * What the decode worker and the recompute say to each other. The worker streams column batches
 * (number and text-code buffers transferred, not copied) and the file's SHA-256; the recompute
 * hands out credits so at most a few decoded batches wait in memory. Shared by both sides so they
 * cannot drift.
 */
import type { ColumnBatch, ColumnRequest, TextColumn } from '../data/columns.js'
import type { TableFormat } from '../data/open-table.js'
import type { OutputTensor } from '../inference/onnx-runner.js'
import type { ScoringJob } from './worker-scoring.js'

export interface DecodeJob {
  path: string
  format: TableFormat
  columns: ColumnRequest[]
  batchSize: number
  /** When set, the worker also scores batches while the main thread is behind (worker-scoring.ts). */
  scoring?: ScoringJob
}

/** A decoded batch; `outputs` when the worker already ran the model on it (its features are then left out). */
export interface DecodedBatch extends ColumnBatch {
  outputs?: Record<string, OutputTensor>
}

/**
 * Batches the worker may decode before the recompute hands one back: enough to keep both cores
 * busy (the one being scored, one waiting, one being decoded), few enough to bound memory.
 */
export const PREFETCH_BATCHES = 3

export type WorkerMessage =
  | { t: 'batch'; rows: number; columns: ColumnBatch['columns'] }
  | { t: 'scored'; rows: number; columns: ColumnBatch['columns']; outputs: Record<string, OutputTensor> }
  | { t: 'end'; sha256: string }
  /** `gate`: a GateError (a reason meant for a person); `code`: a Node error code such as ENOENT. */
  | { t: 'error'; message: string; gate: boolean; code?: string }

/**
 * `credit`: one more batch may be sent, with the column buffers of a batch the main thread is
 * done with; `return`: only the buffers (of a batch the worker scored, which took no credit).
 */
export type ParentMessage = { t: 'credit' | 'return'; buffers: ArrayBuffer[] }

/** A message from the worker, checked: a worker that says something else has failed. */
export function readWorkerMessage(message: unknown): WorkerMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined
  const m = message as Record<string, unknown>
  const digest = m.sha256
  if (m.t === 'end' && typeof digest === 'string' && /^[0-9a-f]{64}$/.test(digest)) return m as WorkerMessage
  if (m.t === 'error' && typeof m.message === 'string' && typeof m.gate === 'boolean') {
    return m as WorkerMessage
  }
  const batchShape = Number.isSafeInteger(m.rows) && typeof m.columns === 'object' && m.columns !== null
  if ((m.t !== 'batch' && m.t !== 'scored') || !batchShape) return undefined
  const rows = m.rows as number
  const columns = m.columns as Record<string, unknown>
  for (const values of Object.values(columns)) {
    const ok = values instanceof Float64Array ? values.length === rows : isTextColumn(values, rows)
    if (!ok) return undefined
  }
  if (m.t === 'batch') return { t: 'batch', rows, columns: columns as ColumnBatch['columns'] }
  const outputs = readOutputs(m.outputs, rows)
  return outputs === undefined ? undefined : { t: 'scored', rows, columns: columns as ColumnBatch['columns'], outputs }
}

/** Codes each naming one of the values: a code out of range would read as no label at all. */
function isTextColumn(value: unknown, rows: number): boolean {
  const { codes, values } = (value ?? {}) as Partial<TextColumn>
  if (!(codes instanceof Int32Array) || codes.length !== rows || !Array.isArray(values)) return false
  if (!values.every((v) => typeof v === 'string')) return false
  for (let i = 0; i < rows; i++) if (codes[i]! < 0 || codes[i]! >= values.length) return false
  return true
}

/** Outputs of `rows` rows: each tensor's first dimension is the batch, and its data fills the dimensions. */
function readOutputs(value: unknown, rows: number): Record<string, OutputTensor> | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  for (const tensor of Object.values(value as Record<string, unknown>)) {
    const t = tensor as Partial<OutputTensor> | null
    const dims = Array.isArray(t?.dims) && t.dims.every((d) => Number.isSafeInteger(d) && d >= 0)
    const data = ArrayBuffer.isView(t?.data) || Array.isArray(t?.data)
    if (typeof t?.type !== 'string' || !dims || !data) return undefined
    const size = t.dims!.reduce((product, d) => product * d, 1)
    if (t.dims![0] !== rows || (t.data as ArrayLike<unknown>).length !== size) return undefined
  }
  return value as Record<string, OutputTensor>
}
