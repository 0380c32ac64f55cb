/**
 * Parquet reader over hyparquet (pure JS): the footer through hyparquet, then every requested
 * column chunk page by page (parquet-pages.ts), cut into batches as the pages arrive. Memory is
 * one batch plus about one page and one read window per column, whatever the row-group size.
 * hyparquet is imported lazily: a CSV-only gate never loads it.
 */
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { invalid } from '../../core/errors.js'
import type { BufferPool } from './buffer-pool.js'
import { type ColumnBatch, type ColumnRequest, type ColumnValues, type TableSource, TextCodes } from './columns.js'
import type { FileMetaData } from 'hyparquet'
import type { ChunkRequest, PageValues } from './parquet-pages.js'

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
  const groupRows = metadata.row_groups.reduce((sum, group) => sum + Number(group.num_rows), 0)
  if (groupRows !== Number(metadata.num_rows)) {
    throw invalid(
      `evaluation data ${name}: the row groups hold ${groupRows} rows but the footer says ${metadata.num_rows}; ` +
        'the file is corrupt'
    )
  }
  const columnNames = parquetSchema(metadata).children.map((child) => child.element.name)
  return {
    path,
    format: 'parquet',
    columnNames,
    totalRows: Number(metadata.num_rows),
    async *batches(
      wanted: readonly ColumnRequest[],
      batchSize: number,
      pool?: BufferPool
    ): AsyncGenerator<ColumnBatch> {
      for (const column of wanted) {
        if (!columnNames.includes(column.name))
          throw invalid(
            `evaluation data ${name}: column '${column.name}' is not in the file; add it or ` +
              `fix the column name in the policy`
          )
      }
      const { columnPages, columnScratch, pageLength } = await import('./parquet-pages.js')
      // O_NONBLOCK and fstat: a FIFO swapped in after the footer was read can neither block nor be read.
      const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
      if (!(await handle.stat()).isFile()) {
        await handle.close()
        throw invalid(
          `evaluation data ${name} is not a regular file; fix: point the policy or --eval-data at a CSV or Parquet file`
        )
      }
      try {
        const columns = wanted.map((c) => {
          const scratch = columnScratch()
          const pages = allPages(columnPages, metadata, { handle, column: c.name, kind: c.kind, file: name, scratch })
          return new PageQueue(pages, c, name, pool, pageLength)
        })
        const total = Number(metadata.num_rows)
        // Batches run across row groups, so small row groups still give the model full batches.
        for (let start = 0; start < total; start += batchSize) {
          const rows = Math.min(batchSize, total - start)
          const batch: ColumnBatch['columns'] = {}
          for (const queue of columns) batch[queue.column.name] = await queue.take(rows)
          yield { rows, columns: batch }
        }
      } finally {
        await handle.close()
      }
    }
  }
}

type Pages = typeof import('./parquet-pages.js').columnPages

/** One column's pages over every row group, in file order. */
async function* allPages(
  pages: Pages,
  metadata: FileMetaData,
  request: Omit<ChunkRequest, 'metadata' | 'rowGroup'>
): AsyncGenerator<PageValues> {
  for (let rowGroup = 0; rowGroup < metadata.row_groups.length; rowGroup++) {
    yield* pages({ ...request, metadata, rowGroup })
  }
}

/** One column's pages, handed out `rows` at a time across page boundaries. */
class PageQueue {
  private page: PageValues | undefined
  private offset = 0
  /** Text: the current page's code → the batch's code, −1 until seen in this batch. */
  private remap = new Int32Array(0)

  constructor(
    private readonly pages: AsyncGenerator<PageValues>,
    readonly column: ColumnRequest,
    private readonly file: string,
    private readonly pool: BufferPool | undefined,
    /** parquet-pages.ts's, passed in because that module (and hyparquet) loads lazily. */
    private readonly pageLength: (page: PageValues) => number
  ) {}

  async take(rows: number): Promise<ColumnValues> {
    const text = this.column.kind === 'string'
    const numbers = text ? undefined : (this.pool?.float64(rows) ?? new Float64Array(rows))
    const codes = text ? (this.pool?.int32(rows) ?? new Int32Array(rows)) : undefined
    const batch = new TextCodes()
    if (this.page !== undefined && 'codes' in this.page) this.startRemap(this.page.values.length)
    let filled = 0
    while (filled < rows) {
      if (this.page === undefined || this.offset >= this.pageLength(this.page)) {
        const next = await this.pages.next()
        if (next.done) {
          throw invalid(
            `evaluation data ${this.file}: column '${this.column.name}' has fewer values than the footer says; ` +
              'the file is truncated or corrupt'
          )
        }
        this.page = next.value
        this.offset = 0
        if ('codes' in this.page) this.startRemap(this.page.values.length)
      }
      const count = Math.min(rows - filled, this.pageLength(this.page) - this.offset)
      const end = this.offset + count
      if (numbers !== undefined && !('codes' in this.page)) numbers.set(this.page.subarray(this.offset, end), filled)
      else if (codes !== undefined && 'codes' in this.page) {
        const { codes: pageCodes, values } = this.page
        const remap = this.remap
        for (let i = this.offset, o = filled; i < end; i++, o++) {
          const c = pageCodes[i]!
          if (remap[c]! < 0) remap[c] = batch.code(values[c]!)
          codes[o] = remap[c]!
        }
      } else throw new Error(`column '${this.column.name}': a page of the wrong kind`)
      filled += count
      this.offset += count
    }
    return numbers ?? { codes: codes!, values: batch.values }
  }

  private startRemap(size: number): void {
    if (this.remap.length < size) this.remap = new Int32Array(size)
    this.remap.fill(-1)
  }
}
