/**
 * Parquet reader over hyparquet (pure JS): one row group at a time, only the requested columns,
 * decoded into typed arrays and cut into batches. Memory is one row group's worth of the
 * requested columns. hyparquet is imported lazily: a CSV-only gate never loads it.
 */
import { basename } from 'node:path'
import { invalid } from '../../core/errors.js'
import type { ColumnBatch, ColumnRequest, TableSource } from './columns.js'

type Decoded = ArrayLike<unknown> & { length: number }

export async function openParquet(path: string): Promise<TableSource> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } = await import('hyparquet')
  const name = basename(path)
  const file = await asyncBufferFromFile(path)
  const metadata = await parquetMetadataAsync(file).catch((error: unknown) => {
    throw invalid(
      `evaluation data ${name}: not a readable Parquet file ` +
        `(${(error as Error).message}); check the file or set the format to csv`,
      error
    )
  })
  const columnNames = parquetSchema(metadata).children.map((child) => child.element.name)
  return {
    path,
    format: 'parquet',
    columnNames,
    totalRows: Number(metadata.num_rows),
    async *batches(wanted: readonly ColumnRequest[], batchSize: number): AsyncGenerator<ColumnBatch> {
      for (const column of wanted) {
        if (!columnNames.includes(column.name))
          throw invalid(
            `evaluation data ${name}: column '${column.name}' is not in the file; add it or ` +
              `fix the column name in the policy`
          )
      }
      const { parquetScan } = await import('hyparquet')
      const scan = await parquetScan({ file, metadata, columns: wanted.map((c) => c.name), useOffsetIndex: false })
      for (const range of scan.ranges) {
        const decoded: Record<string, Float64Array | string[]> = {}
        for (const column of wanted) {
          const data = (await scan.readColumn({
            column: column.name,
            rowStart: range.rowStart,
            rowEnd: range.rowEnd
          })) as Decoded
          decoded[column.name] = column.kind === 'number' ? toNumbers(data, column.name, name) : toStrings(data)
        }
        const rows = range.rowEnd - range.rowStart
        for (let start = 0; start < rows; start += batchSize) {
          const end = Math.min(start + batchSize, rows)
          const columns: ColumnBatch['columns'] = {}
          for (const column of wanted) {
            const values = decoded[column.name]!
            columns[column.name] =
              values instanceof Float64Array ? values.subarray(start, end) : values.slice(start, end)
          }
          yield { rows: end - start, columns }
        }
      }
    }
  }
}

function toNumbers(data: Decoded, column: string, file: string): Float64Array {
  if (data instanceof Float64Array) return data
  const out = new Float64Array(data.length)
  if (
    data instanceof Float32Array ||
    data instanceof Int32Array ||
    data instanceof Uint32Array ||
    data instanceof Uint8Array
  ) {
    out.set(data)
    return out
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i]
    if (typeof v === 'number') out[i] = v
    else if (typeof v === 'bigint') out[i] = Number(v)
    else if (typeof v === 'boolean') out[i] = v ? 1 : 0
    else if (v === null || v === undefined) out[i] = Number.NaN
    else
      throw invalid(
        `evaluation data ${file}: column '${column}' row ${i + 1} holds ${typeof v} ` +
          `'${String(v).slice(0, 40)}', not a number; the model expects a numeric column — ` +
          `fix the data or the signature`
      )
  }
  return out
}

function toStrings(data: Decoded): string[] {
  const out = new Array<string>(data.length)
  for (let i = 0; i < data.length; i++) {
    const v = data[i]
    out[i] = v === null || v === undefined ? '' : String(v)
  }
  return out
}
