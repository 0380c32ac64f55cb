/**
 * What the decode worker and the recompute say to each other. The worker streams column batches
 * (number columns transferred, not copied) and the file's SHA-256; the recompute hands out credits
 * so at most a few decoded batches wait in memory. Shared by both sides so they cannot drift.
 */
import type { ColumnBatch, ColumnRequest } from '../data/columns.js'
import type { TableFormat } from '../data/open-table.js'

export interface DecodeJob {
  path: string
  format: TableFormat
  columns: ColumnRequest[]
  batchSize: number
}

/** Batches decoded ahead of the one being scored: enough to keep both cores busy, few enough to bound memory. */
export const PREFETCH_BATCHES = 2

export type WorkerMessage =
  | { t: 'batch'; rows: number; columns: ColumnBatch['columns'] }
  | { t: 'end'; sha256: string }
  /** `gate`: a GateError (a reason meant for a person); `code`: a Node error code such as ENOENT. */
  | { t: 'error'; message: string; gate: boolean; code?: string }

export type ParentMessage = { t: 'credit' }

/** The typed-array buffers of a batch, to transfer rather than copy. */
export function transferList(columns: ColumnBatch['columns']): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const values of Object.values(columns)) {
    if (values instanceof Float64Array) buffers.add(values.buffer as ArrayBuffer)
  }
  return [...buffers]
}

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
  if (m.t !== 'batch' || !batchShape) return undefined
  const rows = m.rows as number
  const columns = m.columns as Record<string, unknown>
  for (const values of Object.values(columns)) {
    const ok =
      values instanceof Float64Array
        ? values.length === rows
        : Array.isArray(values) && values.length === rows && values.every((v) => typeof v === 'string')
    if (!ok) return undefined
  }
  return { t: 'batch', rows, columns: columns as ColumnBatch['columns'] }
}
