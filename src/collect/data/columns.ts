/**
 * The shape every evaluation-data reader produces: column batches decoded straight into typed
 * arrays (numbers) or string arrays, streamed so a large file never sits in memory whole.
 */

import type { Float64Pool } from './buffer-pool.js'

/** How a column is wanted: numbers (features, regression targets) or text (labels, groups). */
export type ColumnKind = 'number' | 'string'

export interface ColumnRequest {
  name: string
  kind: ColumnKind
}

export interface ColumnBatch {
  rows: number
  /** One entry per requested column, `rows` long (typed arrays may be views of a larger buffer). */
  columns: Record<string, Float64Array | string[]>
}

export interface TableSource {
  readonly path: string
  readonly format: 'csv' | 'parquet'
  readonly columnNames: readonly string[]
  /** Known up front for Parquet (from the footer); unknown for CSV until the end. */
  readonly totalRows?: number
  /** CSV: bytes read so far and the file's size, for the progress estimate. */
  readonly bytes?: () => { read: number; total: number }
  /**
   * Streams the requested columns in batches of at most `batchSize` rows. With a `pool`, number
   * columns are filled into buffers the consumer gave back (buffer-pool.ts).
   */
  batches(columns: readonly ColumnRequest[], batchSize: number, pool?: Float64Pool): AsyncGenerator<ColumnBatch>
}

export function numberColumn(batch: ColumnBatch, name: string): Float64Array {
  const column = batch.columns[name]
  if (!(column instanceof Float64Array)) throw new Error(`column '${name}' was not read as numbers`)
  return column
}

export function stringColumn(batch: ColumnBatch, name: string): string[] {
  const column = batch.columns[name]
  if (!Array.isArray(column)) throw new Error(`column '${name}' was not read as text`)
  return column
}
