/**
 * One Parquet column chunk, read page by page from the file and decoded straight into a
 * Float64Array (numbers, NaN for nulls) or a string array ('' for nulls). hyparquet decodes each
 * page (the common number pages are decoded in parquet-number-page.ts without allocating); we
 * never ask it to assemble a whole chunk, so memory is one read window and one page per
 * column, whatever the row-group size. Only flat columns are supported (evaluation tables are).
 */
import type { FileHandle } from 'node:fs/promises'
import type { ColumnMetaData, DecodedArray, FileMetaData, PageHeader, SchemaTree } from 'hyparquet'
import { parquetHeader } from 'hyparquet/src/column.js'
import { convert, convertWithDictionary, DEFAULT_PARSERS } from 'hyparquet/src/convert.js'
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js'
import { readPlain } from 'hyparquet/src/plain.js'
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getSchemaPath } from 'hyparquet/src/schema.js'
import { invalid } from '../../core/errors.js'
import type { ColumnKind } from './columns.js'
import { decodeNumberDictionary, decodeNumberPage, fastNumberColumn, NumberPageBuffer } from './parquet-number-page.js'

type ColumnDecoder = Parameters<typeof readDataPage>[2]
/** Numbers stay in the page's own typed array (float32 is half the size); the batch widens them. */
export type NumberPage = Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array
export type PageValues = NumberPage | string[]

/** Reads are at least this large, so most page headers and pages come in one read. */
const WINDOW_BYTES = 1024 * 1024
/** A page header larger than this is not a Parquet page header. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024

/**
 * Buffers a column keeps from one row group to the next (its read window and page values), so a
 * file of many row groups does not leave a set of them behind per group for the collector.
 */
export interface ColumnScratch {
  window: Uint8Array
  /** A column's physical type is the same in every row group, so one page buffer serves them all. */
  numbers?: NumberPageBuffer
  dictionary: { values?: Float32Array | Float64Array | Int32Array }
}

export const columnScratch = (): ColumnScratch => ({ window: new Uint8Array(0), dictionary: {} })

/** A window of the file over [start, start + bytes.length). */
class ChunkBytes {
  private bytes: Uint8Array = new Uint8Array(0)
  private start = 0

  constructor(
    private readonly handle: FileHandle,
    readonly end: number,
    private readonly scratch: ColumnScratch
  ) {}

  /** `length` bytes from `position` (fewer at the chunk's end), read from the file when needed. */
  async at(position: number, length: number): Promise<Uint8Array> {
    const want = Math.min(length, this.end - position)
    if (position < this.start || position + want > this.start + this.bytes.length) {
      // One buffer, reused: a page's values are copied out before the next read, and the
      // dictionary is copied (readDictionary), so nothing still points into the old window.
      const size = Math.min(Math.max(want, WINDOW_BYTES), this.end - position)
      if (this.scratch.window.length < size) this.scratch.window = new Uint8Array(size)
      const { bytesRead } = await this.handle.read(this.scratch.window, 0, size, position)
      this.bytes = this.scratch.window.subarray(0, bytesRead)
      this.start = position
    }
    const offset = position - this.start
    return this.bytes.subarray(offset, Math.min(offset + want, this.bytes.length))
  }
}

export interface ChunkRequest {
  handle: FileHandle
  metadata: FileMetaData
  rowGroup: number
  column: string
  kind: ColumnKind
  /** For messages: the data file's name. */
  file: string
  /** This column's buffers from its previous row group, to reuse. */
  scratch?: ColumnScratch
}

/** Yields the chunk's values one data page at a time. */
export async function* columnPages(request: ChunkRequest): AsyncGenerator<PageValues> {
  const { metadata, column, file } = request
  const meta = chunkMetadata(request)
  const schemaPath = getSchemaPath(metadata.schema, meta.path_in_schema) as SchemaTree[]
  if (meta.path_in_schema.length !== 1 || getMaxRepetitionLevel(schemaPath) > 0) {
    throw invalid(
      `evaluation data ${file}: column '${column}' is nested (a list, map or struct); ` +
        'evaluation columns must be flat — flatten it before the gate reads it'
    )
  }
  const decoder: ColumnDecoder = {
    pathInSchema: meta.path_in_schema,
    type: meta.type,
    element: schemaPath[schemaPath.length - 1]!.element,
    schemaPath,
    codec: meta.codec,
    parsers: DEFAULT_PARSERS
  }
  const maxDefinition = getMaxDefinitionLevel(schemaPath)
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset)
  // The previous row group's last page was copied out before this one was asked for.
  const scratch = request.scratch ?? columnScratch()
  const bytes = new ChunkBytes(request.handle, start + Number(meta.total_compressed_size), scratch)
  let position = start
  let rows = 0
  let dictionary: DecodedArray | undefined
  const total = Number(metadata.row_groups[request.rowGroup]!.num_rows)
  const fastColumn = request.kind === 'number' && fastNumberColumn(meta, decoder.element)
  if (fastColumn) scratch.numbers ??= new NumberPageBuffer(meta.type === 'FLOAT')
  const fast = fastColumn ? scratch.numbers : undefined
  while (rows < total && position < bytes.end) {
    const { header, length } = await pageHeader(bytes, position, file, column)
    position += length
    const page = await bytes.at(position, header.compressed_page_size)
    if (page.length < header.compressed_page_size) {
      throw invalid(`evaluation data ${file}: column '${column}' ends inside a page; the file is truncated`)
    }
    position += header.compressed_page_size
    if (header.type === 'DICTIONARY_PAGE') {
      dictionary =
        (fast && decodeNumberDictionary(page, header, meta, scratch.dictionary)) ||
        readDictionary(page, header, decoder)
      continue
    }
    // The values are a view of this column's page buffer: PageQueue copies them out before it asks for the next page.
    const numbers = fast && decodeNumberPage(page, header, meta, maxDefinition, dictionary, fast)
    if (numbers) {
      rows += numbers.length
      yield numbers
      continue
    }
    const decoded = decodeDataPage(page, header, decoder, dictionary)
    if (decoded === undefined) continue
    const values = scatter(decoded, maxDefinition, { ...request, codec: meta.codec }, rows)
    rows += values.length
    yield values
  }
  if (rows < total) {
    const group = request.rowGroup + 1
    throw invalid(
      `evaluation data ${file}: column '${column}' has ${rows} values in row group ${group} ` +
        `but the footer says ${total}; the file is truncated or corrupt`
    )
  }
}

function chunkMetadata({ metadata, rowGroup, column, file }: ChunkRequest): ColumnMetaData {
  const chunk = metadata.row_groups[rowGroup]!.columns.find((c) => c.meta_data?.path_in_schema[0] === column)
  if (chunk?.meta_data === undefined || chunk.file_path !== undefined) {
    throw invalid(
      `evaluation data ${file}: row group ${rowGroup + 1} has no readable chunk for column '${column}'; ` +
        'rewrite the file with pyarrow or pandas'
    )
  }
  return chunk.meta_data
}

async function pageHeader(
  bytes: ChunkBytes,
  position: number,
  file: string,
  column: string
): Promise<{ header: PageHeader; length: number }> {
  for (let window = 64 * 1024; ; window *= 4) {
    const view = await bytes.at(position, window)
    const reader = { view: new DataView(view.buffer, view.byteOffset, view.byteLength), offset: 0 }
    let header: PageHeader
    try {
      header = parquetHeader(reader)
    } catch (error) {
      // A header cut by the window reads past its end: retry with more bytes, up to a sane limit.
      if (!(error instanceof RangeError) || view.length < window || window >= MAX_HEADER_BYTES) {
        throw unreadable(file, column, (error as Error).message, error)
      }
      continue
    }
    const size = header.compressed_page_size
    const sane = Number.isSafeInteger(size) && size >= 0 && Number.isSafeInteger(header.uncompressed_page_size)
    if (header.type === undefined || !sane) {
      throw unreadable(file, column, `type ${String(header.type)}, ${String(size)} bytes`)
    }
    return { header, length: reader.offset }
  }
}

const unreadable = (file: string, column: string, why: string, cause?: unknown): Error =>
  invalid(
    `evaluation data ${file}: column '${column}' has an unreadable page header (${why}); ` +
      'the file is corrupt or not Parquet',
    cause
  )

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
function scatter(
  page: DecodedPage,
  maxDefinition: number,
  request: ChunkRequest & { codec: string },
  firstRow: number
): PageValues {
  const { values, rows } = page
  const levels = page.definitionLevels?.length ? page.definitionLevels : undefined
  const number = request.kind === 'number'
  if (number && values.length === rows && isNumberArray(values)) {
    // Uncompressed plain values may be a view of the read window, which is reused: copy those.
    return request.codec === 'UNCOMPRESSED' ? values.slice() : values
  }
  const out: PageValues = number ? new Float64Array(rows) : new Array<string>(rows)
  let next = 0
  for (let i = 0; i < rows; i++) {
    const isNull = levels !== undefined && levels[i]! < maxDefinition
    const v = isNull ? null : values[next++]
    if (number) (out as Float64Array)[i] = toNumber(v, request, firstRow + i)
    else (out as string[])[i] = v === null || v === undefined ? '' : String(v)
  }
  if (next !== values.length) {
    throw invalid(
      `evaluation data ${request.file}: column '${request.column}' has a page whose values do not match ` +
        'its levels; the file is corrupt'
    )
  }
  return out
}

function toNumber(v: unknown, request: ChunkRequest, row: number): number {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v === null || v === undefined) return Number.NaN
  const where = `column '${request.column}' row ${row + 1} of row group ${request.rowGroup + 1}`
  throw invalid(
    `evaluation data ${request.file}: ${where} holds ${typeof v} '${String(v).slice(0, 40)}', not a number; ` +
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
