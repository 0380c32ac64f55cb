/**
 * A Parquet page of a text column (label, group) as codes (columns.ts TextColumn) rather than a
 * string per row. A dictionary-encoded page — what pyarrow writes for such columns — needs no
 * strings at all: its dictionary indices are the codes, and the dictionary is made text once per
 * column chunk. Any other page is decoded by hyparquet and its values coded here, one string per
 * distinct value. The codes are a view of the column's own buffer, which the reader copies out
 * before it asks that column for its next page.
 */
import type { ColumnMetaData, DecodedArray, PageHeader } from 'hyparquet'
import type { TextColumn } from './columns.js'
import { readDictionaryIndices, readPageBody } from './parquet-number-page.js'

/** A column's code buffer, overwritten by each page. */
export class TextPageBuffer {
  private codes = new Int32Array(0)

  take(size: number): Int32Array {
    if (this.codes.length < size) this.codes = new Int32Array(size)
    return this.codes.subarray(0, size)
  }
}

/** How a Parquet value reads as text; a null is the empty string (as pandas writes it to CSV). */
export const valueText = (v: unknown): string => (v === null || v === undefined ? '' : String(v))

/** A dictionary's values as text, with '' appended: the code of a null row is the dictionary's size. */
export function dictionaryTexts(dictionary: DecodedArray): string[] {
  const texts = Array.from(dictionary as ArrayLike<unknown>, valueText)
  texts.push('')
  return texts
}

/** The page's codes into `texts` (from dictionaryTexts), or undefined when hyparquet must decode it. */
export function decodeDictionaryTextPage(
  page: Uint8Array,
  header: PageHeader,
  meta: ColumnMetaData,
  maxDefinition: number,
  texts: string[],
  out: TextPageBuffer
): TextColumn | undefined {
  if (meta.codec !== 'SNAPPY' && meta.codec !== 'UNCOMPRESSED') return undefined
  const body = readPageBody(page, header, meta, maxDefinition)
  if (body === undefined || !body.dictionaryEncoded) return undefined
  const size = texts.length - 1
  const indices = readDictionaryIndices(body, size)
  const { rows, levels } = body
  const codes = out.take(rows)
  if (levels === undefined) codes.set(indices.subarray(0, rows))
  else for (let i = 0, n = 0; i < rows; i++) codes[i] = levels[i]! < maxDefinition ? size : indices[n++]!
  return { codes, values: texts }
}

/** Values hyparquet decoded, at their rows (`isNull(i)` for row i), as codes. */
export function codeValues(
  values: ArrayLike<unknown>,
  rows: number,
  isNull: (row: number) => boolean,
  out: TextPageBuffer
): TextColumn & { used: number } {
  const codes = out.take(rows)
  const byValue = new Map<unknown, number>()
  const texts: string[] = []
  let next = 0
  for (let i = 0; i < rows; i++) {
    const v = isNull(i) ? null : values[next++]
    let code = byValue.get(v)
    if (code === undefined) {
      code = texts.length
      texts.push(valueText(v))
      byValue.set(v, code)
    }
    codes[i] = code
  }
  return { codes, values: texts, used: next }
}
