/**
 * One Parquet column chunk, read page by page from the file, each page decoded straight into
 * numbers (NaN for nulls) or text codes ('' for nulls) by parquet-page-decode.ts. We never ask
 * hyparquet to assemble a whole chunk, so memory is one read window and one page per column,
 * whatever the row-group size. Only flat columns are supported (evaluation tables are).
 */
import type { FileHandle } from 'node:fs/promises'
import type { ColumnMetaData, FileMetaData, PageHeader, SchemaTree } from 'hyparquet'
import { parquetHeader } from 'hyparquet/src/column.js'
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js'
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getSchemaPath } from 'hyparquet/src/schema.js'
import { invalid } from '../../core/errors.js'
import type { ColumnKind } from './columns.js'
import { fastNumberColumn, NumberPageBuffer } from './parquet-number-page.js'
import {
  type ColumnDecoder,
  decodePage,
  type PageDecoding,
  type PageValues,
  pageLength,
  readDictionaryPage
} from './parquet-page-decode.js'
import { TextPageBuffer } from './parquet-text-page.js'

export type { NumberPage, PageValues } from './parquet-page-decode.js'
export { pageLength } from './parquet-page-decode.js'

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
  text?: TextPageBuffer
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
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset)
  // The previous row group's last page was copied out before this one was asked for.
  const scratch = request.scratch ?? columnScratch()
  const bytes = new ChunkBytes(request.handle, start + Number(meta.total_compressed_size), scratch)
  let position = start
  let rows = 0
  const total = Number(metadata.row_groups[request.rowGroup]!.num_rows)
  const fastColumn = request.kind === 'number' && fastNumberColumn(meta, decoder.element)
  if (fastColumn) scratch.numbers ??= new NumberPageBuffer(meta.type === 'FLOAT')
  if (request.kind === 'string') scratch.text ??= new TextPageBuffer()
  const state: PageDecoding = {
    file,
    column,
    rowGroup: request.rowGroup,
    meta,
    decoder,
    maxDefinition: getMaxDefinitionLevel(schemaPath),
    fast: fastColumn ? scratch.numbers : undefined,
    text: request.kind === 'string' ? scratch.text : undefined,
    keep: scratch.dictionary
  }
  while (rows < total && position < bytes.end) {
    const { header, length } = await pageHeader(bytes, position, file, column)
    position += length
    const page = await bytes.at(position, header.compressed_page_size)
    if (page.length < header.compressed_page_size) {
      throw invalid(`evaluation data ${file}: column '${column}' ends inside a page; the file is truncated`)
    }
    position += header.compressed_page_size
    if (header.type === 'DICTIONARY_PAGE') readDictionaryPage(page, header, state)
    else {
      const values = decodePage(page, header, state, rows)
      if (values === undefined) continue
      rows += pageLength(values)
      yield values
    }
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
