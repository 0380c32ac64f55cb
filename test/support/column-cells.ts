/**
 * A batch column as plain cells, after checking what every reader promises: `rows` long, and for
 * text, codes that each name one of the batch's values, with each value listed once.
 */
import { expect } from 'vitest'
import type { ColumnValues } from '../../src/collect/data/columns.js'

export function cellsOf(column: ColumnValues, rows: number): (number | string)[] {
  if (column instanceof Float64Array) {
    expect(column.length).toBe(rows)
    return Array.from(column)
  }
  const { codes, values } = column
  expect(codes.length).toBe(rows)
  expect(new Set(values).size).toBe(values.length)
  for (const code of codes) expect(code >= 0 && code < values.length).toBe(true)
  return Array.from(codes, (code) => values[code]!)
}
