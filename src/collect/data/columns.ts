/**
 * The shape every evaluation-data reader produces: column batches decoded straight into typed
 * arrays, streamed so a large file never sits in memory whole. Numbers are a Float64Array; text
 * is a code per row into the batch's distinct values, because label and group columns hold a
 * handful of values on millions of rows, and a string array per batch was most of what a 10M-row
 * recompute left for V8 to collect (bench/recompute).
 */

import type { BufferPool } from './buffer-pool.js'

/** How a column is wanted: numbers (features, regression targets) or text (labels, groups). */
export type ColumnKind = 'number' | 'string'

export interface ColumnRequest {
  name: string
  kind: ColumnKind
}

/** A text column of one batch: row i holds `values[codes[i]]`; `values` are distinct and belong to this batch. */
export interface TextColumn {
  codes: Int32Array
  values: string[]
}

export type ColumnValues = Float64Array | TextColumn

export interface ColumnBatch {
  rows: number
  /** One entry per requested column, `rows` long (typed arrays may be views of a larger buffer). */
  columns: Record<string, ColumnValues>
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
   * Streams the requested columns in batches of at most `batchSize` rows. With a `pool`, column
   * buffers are filled from buffers the consumer gave back (buffer-pool.ts).
   */
  batches(columns: readonly ColumnRequest[], batchSize: number, pool?: BufferPool): AsyncGenerator<ColumnBatch>
}

export function numberColumn(batch: ColumnBatch, name: string): Float64Array {
  const column = batch.columns[name]
  if (!(column instanceof Float64Array)) throw new Error(`column '${name}' was not read as numbers`)
  return column
}

export function textColumn(batch: ColumnBatch, name: string): TextColumn {
  const column = batch.columns[name]
  if (column === undefined || column instanceof Float64Array) throw new Error(`column '${name}' was not read as text`)
  return column
}

/** The distinct buffers behind a batch's columns (numbers and text codes), to transfer or give back. */
export function columnBuffers(columns: Record<string, ColumnValues>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const values of Object.values(columns)) {
    const view = values instanceof Float64Array ? values : values.codes
    buffers.add(view.buffer as ArrayBuffer)
  }
  return [...buffers]
}

/** The column's text row by row (the strings are the batch's values, not copies). */
export function texts(column: TextColumn, rows: number): string[] {
  const out = new Array<string>(rows)
  for (let i = 0; i < rows; i++) out[i] = column.values[column.codes[i]!]!
  return out
}

/** Appends the column's text row by row to `out` (rows kept across batches). */
export function appendTexts(out: string[], column: TextColumn, rows: number): void {
  for (let i = 0; i < rows; i++) out.push(column.values[column.codes[i]!]!)
}

/** Builds a batch's text column: a code per row, each distinct text once. */
export class TextCodes {
  private byText = new Map<string, number>()
  values: string[] = []

  code(text: string): number {
    let code = this.byText.get(text)
    if (code === undefined) {
      code = this.values.length
      this.values.push(text)
      this.byText.set(text, code)
    }
    return code
  }

  /** The next batch starts with no values (the last batch keeps its array). */
  reset(): void {
    this.byText = new Map()
    this.values = []
  }
}
