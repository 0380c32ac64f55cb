/**
 * One Parquet page's values: a dictionary page as the column's dictionary, a data page as
 * numbers or text codes at their rows. The common pages take the fast paths that allocate
 * nothing per page (parquet-number-page.ts, parquet-text-page.ts); any other page is decoded by
 * hyparquet. A page these cannot decode — a dictionary index past the dictionary, values that do
 * not match the levels — is refused with the file and column, never read as empty values.
 */
import type { ColumnMetaData, DecodedArray, PageHeader } from 'hyparquet'
import { convert, convertWithDictionary } from 'hyparquet/src/convert.js'
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js'
import { readPlain } from 'hyparquet/src/plain.js'
import { GateError, invalid } from '../../core/errors.js'
import type { TextColumn } from './columns.js'
import { decodeNumberDictionary, decodeNumberPage, type NumberPageBuffer } from './parquet-number-page.js'
import { codeValues, decodeDictionaryTextPage, dictionaryTexts, type TextPageBuffer } from './parquet-text-page.js'

export type ColumnDecoder = Parameters<typeof readDataPage>[2]
/** Numbers stay in the page's own typed array (float32 is half the size); the batch widens them. */
export type NumberPage = Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array
export type PageValues = NumberPage | TextColumn

/** One column chunk's decoding state, carried from page to page. */
export interface PageDecoding {
  file: string
  column: string
  rowGroup: number
  meta: ColumnMetaData
  decoder: ColumnDecoder
  maxDefinition: number
  /** The number fast path's page buffer, when the column takes it. */
  fast: NumberPageBuffer | undefined
  /** Text columns: their code buffer. */
  text: TextPageBuffer | undefined
  /** Where the fast number path keeps its dictionary from one row group to the next. */
  keep: { values?: Float32Array | Float64Array | Int32Array }
  dictionary?: DecodedArray
  /** Text columns: the dictionary as text (parquet-text-page.ts). */
  texts?: string[]
}

/** Rows in a page of either kind. */
export const pageLength = (page: PageValues): number => ('codes' in page ? page.codes.length : page.length)

/** Reads a dictionary page into `state`. */
export function readDictionaryPage(page: Uint8Array, header: PageHeader, state: PageDecoding): void {
  guard(state, () => {
    state.dictionary =
      (state.fast && decodeNumberDictionary(page, header, state.meta, state.keep)) ||
      readDictionary(page, header, state.decoder)
    state.texts = state.text && dictionaryTexts(state.dictionary)
  })
}

/**
 * A data page's values (rows from `firstRow` of the chunk), or undefined for a page that holds
 * none. Values are a view of the column's page buffer: the reader copies them out before it
 * asks for the next page.
 */
export function decodePage(
  page: Uint8Array,
  header: PageHeader,
  state: PageDecoding,
  firstRow: number
): PageValues | undefined {
  return guard(state, () => {
    const { meta, maxDefinition, dictionary, fast, text, texts } = state
    const numbers = fast && decodeNumberPage(page, header, meta, maxDefinition, dictionary, fast)
    if (numbers) return numbers
    const coded = text && texts && decodeDictionaryTextPage(page, header, meta, maxDefinition, texts, text)
    if (coded) return coded
    const decoded = decodeDataPage(page, header, state.decoder, dictionary)
    return decoded && scatter(decoded, state, firstRow)
  })
}

/** Runs a decode step; anything but a reason already meant for a person becomes one naming the page's column. */
function guard<T>(state: PageDecoding, step: () => T): T {
  try {
    return step()
  } catch (error) {
    if (error instanceof GateError) throw error
    throw invalid(
      `evaluation data ${state.file}: column '${state.column}' has a page in row group ${state.rowGroup + 1} ` +
        `that cannot be decoded (${(error as Error).message}); the file is corrupt`,
      error
    )
  }
}

function readDictionary(page: Uint8Array, header: PageHeader, decoder: ColumnDecoder): DecodedArray {
  const plain = decompressPage(page, Number(header.uncompressed_page_size), decoder.codec, undefined)
  const reader = { view: new DataView(plain.buffer, plain.byteOffset, plain.byteLength), offset: 0 }
  // A dictionary page is the distinct values, PLAIN encoded, without levels.
  const values = readPlain(reader, decoder.type, header.dictionary_page_header!.num_values, decoder.element.type_length)
  const dictionary = convert(values, decoder)
  // An uncompressed page's plain values may be a view of the read window, which is reused.
  return ArrayBuffer.isView(dictionary) ? (dictionary as Float64Array).slice() : dictionary
}

interface DecodedPage {
  values: DecodedArray
  definitionLevels: number[] | undefined
  rows: number
}

function decodeDataPage(
  page: Uint8Array,
  header: PageHeader,
  decoder: ColumnDecoder,
  dictionary?: DecodedArray
): DecodedPage | undefined {
  if (header.type === 'DATA_PAGE') {
    const daph = header.data_page_header!
    const plain = decompressPage(page, Number(header.uncompressed_page_size), decoder.codec, undefined)
    const { definitionLevels, dataPage } = readDataPage(plain, daph, decoder)
    const values = convertWithDictionary(dataPage, dictionary, daph.encoding, decoder)
    return { values, definitionLevels, rows: daph.num_values }
  }
  if (header.type === 'DATA_PAGE_V2') {
    const daph2 = header.data_page_header_v2!
    const { definitionLevels, dataPage } = readDataPageV2(page, header, decoder)
    const values = convertWithDictionary(dataPage, dictionary, daph2.encoding, decoder)
    return { values, definitionLevels, rows: daph2.num_rows }
  }
  return undefined // index pages carry no values
}

/** Places the page's non-null values at their rows; a row below the maximum definition level is null. */
function scatter(page: DecodedPage, state: PageDecoding, firstRow: number): PageValues {
  const { values, rows } = page
  const { maxDefinition, text } = state
  const levels = page.definitionLevels?.length ? page.definitionLevels : undefined
  const isNull = (i: number): boolean => levels !== undefined && levels[i]! < maxDefinition
  let used = 0
  let out: PageValues
  if (text !== undefined) {
    const coded = codeValues(values, rows, isNull, text)
    used = coded.used
    out = coded
  } else if (values.length === rows && isNumberArray(values)) {
    // Uncompressed plain values may be a view of the read window, which is reused: copy those.
    return state.meta.codec === 'UNCOMPRESSED' ? values.slice() : values
  } else {
    const numbers = new Float64Array(rows)
    for (let i = 0; i < rows; i++) numbers[i] = toNumber(isNull(i) ? null : values[used++], state, firstRow + i)
    out = numbers
  }
  if (used !== values.length) {
    throw invalid(
      `evaluation data ${state.file}: column '${state.column}' has a page whose values do not match ` +
        'its levels; the file is corrupt'
    )
  }
  return out
}

function toNumber(v: unknown, state: PageDecoding, row: number): number {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v === null || v === undefined) return Number.NaN
  const where = `column '${state.column}' row ${row + 1} of row group ${state.rowGroup + 1}`
  throw invalid(
    `evaluation data ${state.file}: ${where} holds ${typeof v} '${String(v).slice(0, 40)}', not a number; ` +
      'the model expects a numeric column — fix the data or the signature'
  )
}

function isNumberArray(values: DecodedArray): values is NumberPage {
  return (
    values instanceof Float32Array ||
    values instanceof Float64Array ||
    values instanceof Int32Array ||
    values instanceof Uint32Array ||
    values instanceof Uint8Array
  )
}
