/**
 * The common Parquet number page, decoded without allocating: a v1 data page of FLOAT, DOUBLE or
 * INT32 values (no logical type), PLAIN or dictionary encoded, SNAPPY or uncompressed, in a flat
 * column. hyparquet's own page reader makes a fresh decompressed buffer, a JS array of levels
 * and one of dictionary indices per page; at 21 columns of 1M rows that garbage held the peak
 * RSS of a read near 300 MiB (bench/recompute). Here the decompressed bytes, levels and indices
 * go to one scratch shared by every column — decoding a page is synchronous, so no two pages
 * use it at once — and the values to one buffer per column, which the reader copies out before
 * it asks that column for its next page. Anything else returns undefined: the caller decodes
 * it with hyparquet as before. Text pages share the level and index decoding (parquet-text-page.ts).
 */
import type { ColumnMetaData, DecodedArray, PageHeader, SchemaElement } from 'hyparquet'
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js'
import { snappyUncompress } from 'hyparquet/src/snappy.js'

type NumberValues = Float32Array | Float64Array

const scratch = {
  bytes: new Uint8Array(0),
  aligned: new Uint8Array(0),
  levels: new Int32Array(0),
  indices: new Int32Array(0)
}

function bytes(size: number): Uint8Array {
  if (scratch.bytes.length < size) scratch.bytes = new Uint8Array(size)
  return scratch.bytes.subarray(0, size)
}
function ints(kind: 'levels' | 'indices', size: number): Int32Array {
  if (scratch[kind].length < size) scratch[kind] = new Int32Array(size)
  return scratch[kind].subarray(0, size)
}

/** One column's page buffer: the values of its current page, overwritten by the next. */
export class NumberPageBuffer {
  private values: NumberValues

  constructor(private readonly float32: boolean) {
    this.values = float32 ? new Float32Array(0) : new Float64Array(0)
  }

  take(size: number): NumberValues {
    if (this.values.length < size) this.values = this.float32 ? new Float32Array(size) : new Float64Array(size)
    return this.values.subarray(0, size)
  }
}

const PLAIN_TYPES = new Set(['FLOAT', 'DOUBLE', 'INT32'])

/** Whether a column's pages can take the fast path at all (its type and codec). */
export function fastNumberColumn(meta: ColumnMetaData, element: SchemaElement): boolean {
  const plainNumber =
    PLAIN_TYPES.has(meta.type) && element.converted_type === undefined && element.logical_type === undefined
  return plainNumber && (meta.codec === 'SNAPPY' || meta.codec === 'UNCOMPRESSED')
}

/**
 * A v1 data page uncompressed, its definition levels read (undefined when no row is null):
 * everything before the values, shared by the number and the text fast paths. Undefined when
 * the page is not one these paths read.
 */
export interface PageBody {
  reader: { view: DataView; offset: number }
  plain: Uint8Array
  rows: number
  levels: Int32Array | undefined
  /** Rows that are not null: the number of values the page holds. */
  present: number
  dictionaryEncoded: boolean
}

export function readPageBody(
  page: Uint8Array,
  header: PageHeader,
  meta: ColumnMetaData,
  maxDefinition: number
): PageBody | undefined {
  const daph = header.data_page_header
  if (header.type !== 'DATA_PAGE' || daph === undefined) return undefined
  const dictionaryEncoded = daph.encoding === 'RLE_DICTIONARY' || daph.encoding === 'PLAIN_DICTIONARY'
  if (daph.encoding !== 'PLAIN' && !dictionaryEncoded) return undefined
  const plain = uncompressed(page, header, meta)
  if (plain === undefined) return undefined
  const reader = { view: new DataView(plain.buffer, plain.byteOffset, plain.byteLength), offset: 0 }
  const rows = daph.num_values
  let levels: Int32Array | undefined
  let nulls = 0
  if (maxDefinition > 0) {
    levels = ints('levels', rows)
    readRleBitPackedHybrid(reader, 32 - Math.clz32(maxDefinition), levels)
    for (let i = 0; i < rows; i++) if (levels[i]! < maxDefinition) nulls++
    if (nulls === 0) levels = undefined
  }
  return { reader, plain, rows, levels, present: rows - nulls, dictionaryEncoded }
}

/** The dictionary indices of a dictionary-encoded page body, each checked against the dictionary's size. */
export function readDictionaryIndices(body: PageBody, dictionarySize: number): Int32Array {
  const { reader } = body
  const width = reader.view.getUint8(reader.offset++)
  const indices = ints('indices', body.present)
  if (width === 0) indices.fill(0)
  else readRleBitPackedHybrid(reader, width, indices, reader.view.byteLength - reader.offset)
  for (let n = 0; n < body.present; n++) {
    if (indices[n]! >= dictionarySize) throw new RangeError(`dictionary index ${indices[n]} of ${dictionarySize}`)
  }
  return indices
}

/** Values at their rows (NaN for nulls), or undefined when this page needs hyparquet's reader. */
export function decodeNumberPage(
  page: Uint8Array,
  header: PageHeader,
  meta: ColumnMetaData,
  maxDefinition: number,
  dictionary: DecodedArray | undefined,
  out: NumberPageBuffer
): NumberValues | undefined {
  const body = readPageBody(page, header, meta, maxDefinition)
  if (body === undefined || (body.dictionaryEncoded && !isNumbers(dictionary))) return undefined
  const { rows, levels } = body
  const values = out.take(rows)
  if (body.dictionaryEncoded) {
    const dict = dictionary as NumberValues | Int32Array
    const indices = readDictionaryIndices(body, dict.length)
    if (levels === undefined) for (let i = 0; i < rows; i++) values[i] = dict[indices[i]!]!
    else for (let i = 0, n = 0; i < rows; i++) values[i] = levels[i]! < maxDefinition ? NaN : dict[indices[n++]!]!
    return values
  }
  const source = plainValues(body.plain, body.reader.offset, body.present, meta.type)
  if (levels === undefined) values.set(source)
  else for (let i = 0, n = 0; i < rows; i++) values[i] = levels[i]! < maxDefinition ? NaN : source[n++]!
  return values
}

/** The page's PLAIN values as a typed array (a view when aligned, else copied to an aligned scratch). */
function plainValues(plain: Uint8Array, offset: number, count: number, type: string): NumberValues | Int32Array {
  const width = type === 'DOUBLE' ? 8 : 4
  if (offset + count * width > plain.length) throw new RangeError('page values end past the page')
  let buffer = plain.buffer
  let start = plain.byteOffset + offset
  if (start % width !== 0) {
    if (scratch.aligned.length < count * width) scratch.aligned = new Uint8Array(count * width)
    scratch.aligned.set(plain.subarray(offset, offset + count * width))
    buffer = scratch.aligned.buffer
    start = 0
  }
  if (type === 'FLOAT') return new Float32Array(buffer, start, count)
  if (type === 'DOUBLE') return new Float64Array(buffer, start, count)
  return new Int32Array(buffer, start, count)
}

/**
 * A fast column's dictionary page, decoded into `keep` (the column's dictionary of its previous
 * row group, whose pages are all decoded by now) when it is large enough. Undefined: not PLAIN
 * numbers this path reads; the caller uses hyparquet.
 */
export function decodeNumberDictionary(
  page: Uint8Array,
  header: PageHeader,
  meta: ColumnMetaData,
  keep: { values?: NumberValues | Int32Array }
): NumberValues | Int32Array | undefined {
  const count = header.dictionary_page_header?.num_values
  if (count === undefined) return undefined
  const plain = uncompressed(page, header, meta)
  if (plain === undefined) return undefined
  const source = plainValues(plain, 0, count, meta.type)
  const Type = source.constructor as Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor
  if (!(keep.values instanceof Type) || keep.values.length < count) keep.values = new Type(count)
  const values = keep.values.subarray(0, count)
  values.set(source)
  return values
}

/** The page's bytes uncompressed (SNAPPY into the shared scratch); undefined when its size is wrong. */
function uncompressed(page: Uint8Array, header: PageHeader, meta: ColumnMetaData): Uint8Array | undefined {
  const size = Number(header.uncompressed_page_size)
  if (meta.codec !== 'SNAPPY') return page.length === size ? page : undefined
  const plain = bytes(size)
  snappyUncompress(page, plain)
  return plain
}

function isNumbers(values: DecodedArray | undefined): boolean {
  return values instanceof Float32Array || values instanceof Float64Array || values instanceof Int32Array
}
