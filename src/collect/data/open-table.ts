/** Opens evaluation data by format (given, or from the file extension). */
import { extname } from 'node:path'
import { invalid } from '../../core/errors.js'
import type { TableSource } from './columns.js'
import { openCsv } from './csv-reader.js'
import { openParquet } from './parquet-reader.js'

export type TableFormat = 'csv' | 'parquet'

export function formatOf(path: string, format?: TableFormat): TableFormat {
  if (format !== undefined) return format
  const ext = extname(path).toLowerCase()
  if (ext === '.csv') return 'csv'
  if (ext === '.parquet' || ext === '.pq') return 'parquet'
  throw invalid(
    `evaluation data ${path}: cannot tell the format from ` +
      `'${ext || 'no extension'}'; name it .csv or .parquet, or set the format in the policy`
  )
}

export async function openTable(path: string, format?: TableFormat): Promise<TableSource> {
  return formatOf(path, format) === 'csv' ? openCsv(path) : openParquet(path)
}
