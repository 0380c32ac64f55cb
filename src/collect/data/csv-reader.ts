/**
 * Streaming CSV reader (RFC 4180: comma separated, `"` quoting with `""` escapes, CRLF or LF).
 * It walks the bytes once and decodes only the requested columns: numbers straight into
 * Float64Array, text into codes (columns.ts). Memory stays at one read chunk plus one batch.
 */
import { constants } from 'node:fs'
import { type FileHandle, open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { invalid } from '../../core/errors.js'
import type { BufferPool } from './buffer-pool.js'
import { CellCoder } from './cell-coder.js'
import type { ColumnBatch, ColumnRequest, TableSource } from './columns.js'
import { parseNumberBytes } from './parse-number.js'

const CHUNK_BYTES = 4 * 1024 * 1024
const COMMA = 44
const QUOTE = 34
const LF = 10
const CR = 13

/** Reads the header line and returns a source that streams batches of the requested columns. */
export async function openCsv(path: string, options: { chunkBytes?: number } = {}): Promise<TableSource> {
  const header = await readHeader(path)
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES
  // Bytes read of the file size: how the progress line estimates a CSV's total rows (render/progress.ts).
  const read = { bytes: header.dataStart, total: (await stat(path)).size }
  return {
    path,
    format: 'csv',
    columnNames: header.names,
    bytes: () => ({ read: read.bytes, total: read.total }),
    batches: (columns, batchSize, pool) => csvBatches(path, header, columns, batchSize, chunkBytes, read, pool)
  }
}

interface Header {
  names: string[]
  /** Byte offset where the first data record starts. */
  dataStart: number
}

/** Opens the data file for reading, refusing anything but a regular file. */
async function openRegular(path: string): Promise<FileHandle> {
  // O_NONBLOCK: a FIFO put where the file was cannot block the open; fstat then refuses it.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => {
    throw invalid(
      `evaluation data ${path}: cannot be opened (${(error as Error).message}); check ` +
        `the path in the policy or --eval-data`,
      error
    )
  })
  if (!(await handle.stat()).isFile()) {
    await handle.close()
    throw invalid(
      `evaluation data ${path} is not a regular file; fix: point the policy or --eval-data at a CSV or Parquet file`
    )
  }
  return handle
}

async function readHeader(path: string): Promise<Header> {
  const handle = await openRegular(path)
  try {
    const buf = Buffer.alloc(1024 * 1024)
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0)
    const bytes = buf.subarray(0, bytesRead)
    let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    const fields: string[] = []
    const end = parseRecord(bytes, start, bytes.length, true, (s, e, quoted) => {
      fields.push(cellText(bytes, s, e, quoted))
    })
    if (end < 0 || fields.length === 0 || (fields.length === 1 && fields[0] === '')) {
      throw invalid(
        `evaluation data ${basename(path)}: no header line found in the first MiB; the ` +
          `CSV must start with a line of column names`
      )
    }
    start = end
    return { names: fields, dataStart: start }
  } finally {
    await handle.close()
  }
}

type CellVisitor = (start: number, end: number, quoted: boolean) => void

/**
 * Parses one record starting at `pos`; calls `visit` per cell and returns the offset after the
 * record's line break, or −1 when the record is not complete in `buf` (unless `final`).
 */
function parseRecord(buf: Uint8Array, pos: number, limit: number, final: boolean, visit: CellVisitor): number {
  let i = pos
  for (;;) {
    if (i < limit && buf[i] === QUOTE) {
      const cellStart = i + 1
      i++
      for (;;) {
        if (i >= limit) return final ? -2 : -1
        if (buf[i] === QUOTE) {
          if (i + 1 < limit && buf[i + 1] === QUOTE) i += 2
          else if (i + 1 >= limit && !final) return -1
          else break
        } else i++
      }
      visit(cellStart, i, true)
      i++ // closing quote
    } else {
      const cellStart = i
      while (i < limit) {
        const b = buf[i]!
        if (b === COMMA || b === LF) break
        i++
      }
      if (i >= limit && !final) return -1
      let cellEnd = i
      if (cellEnd > cellStart && buf[cellEnd - 1] === CR && (i >= limit || buf[i] === LF)) cellEnd--
      visit(cellStart, cellEnd, false)
    }
    if (i >= limit) return limit
    if (buf[i] === COMMA) {
      i++
      continue
    }
    if (buf[i] === CR) i++
    if (i < limit && buf[i] === LF) return i + 1
    if (i >= limit) return final ? limit : -1
    return -3 // text after a closing quote: malformed
  }
}

function cellText(buf: Uint8Array, start: number, end: number, quoted: boolean): string {
  const text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8')
  return quoted ? text.replaceAll('""', '"') : text
}

async function* csvBatches(
  path: string,
  header: Header,
  wanted: readonly ColumnRequest[],
  batchSize: number,
  chunkBytes: number,
  read: { bytes: number },
  pool: BufferPool | undefined
): AsyncGenerator<ColumnBatch> {
  const name = basename(path)
  const slotOf = new Int32Array(header.names.length).fill(-1)
  wanted.forEach((column, slot) => {
    const index = header.names.indexOf(column.name)
    if (index < 0)
      throw invalid(
        `evaluation data ${name}: column '${column.name}' is not in the header; add it ` +
          `or fix the column name in the policy`
      )
    slotOf[index] = slot
  })
  const lastNeeded = Math.max(...wanted.map((c) => header.names.indexOf(c.name)))
  const isNumber = wanted.map((c) => c.kind === 'number')

  let numbers: (Float64Array | undefined)[] = []
  let codes: (Int32Array | undefined)[] = []
  let rows = 0
  const newBatch = (): void => {
    numbers = wanted.map((c) =>
      c.kind === 'number' ? (pool?.float64(batchSize) ?? new Float64Array(batchSize)) : undefined
    )
    codes = wanted.map((c) => (c.kind === 'string' ? (pool?.int32(batchSize) ?? new Int32Array(batchSize)) : undefined))
    rows = 0
  }
  const coders = wanted.map(() => new CellCoder())
  const emit = (): ColumnBatch => {
    const columns: ColumnBatch['columns'] = {}
    wanted.forEach((c, slot) => {
      columns[c.name] = isNumber[slot]
        ? numbers[slot]!.subarray(0, rows)
        : { codes: codes[slot]!.subarray(0, rows), values: coders[slot]!.takeValues() }
    })
    return { rows, columns }
  }
  newBatch()

  let line = 1 // header
  let field = 0
  let buf: Uint8Array = new Uint8Array(0)
  const visit: CellVisitor = (start, end, quoted) => {
    const slot = field < slotOf.length ? slotOf[field]! : -1
    field++
    if (slot < 0) return
    if (isNumber[slot]) {
      const value = parseNumberBytes(buf, start, end)
      if (value === undefined) {
        const text = cellText(buf, start, end, quoted).slice(0, 40)
        throw invalid(
          `evaluation data ${name}: column '${wanted[slot]!.name}' line ${line} holds ` +
            `'${text}', which is not a number; the model expects a numeric column — fix the ` +
            `data or the signature`
        )
      }
      numbers[slot]![rows] = value
    } else {
      const coder = coders[slot]!
      codes[slot]![rows] = quoted
        ? coder.codeOfText(cellText(buf, start, end, true))
        : coder.code(buf, start, end, () => cellText(buf, start, end, false))
    }
  }

  // One read window, reused: the unparsed tail of a chunk moves to its front and the next bytes
  // are read after it, so reading allocates nothing per chunk (cells are copied out as they parse).
  const handle = await openRegular(path)
  let window = new Uint8Array(chunkBytes)
  let carried = 0
  let position = header.dataStart
  let eof = false
  try {
    while (!eof) {
      if (carried * 2 > window.length) {
        // A record longer than half the window: grow it, so a read always has room.
        const wider = new Uint8Array(window.length * 2)
        wider.set(window.subarray(0, carried))
        window = wider
      }
      const { bytesRead } = await handle.read(window, carried, window.length - carried, position)
      position += bytesRead
      read.bytes += bytesRead
      eof = bytesRead === 0
      buf = window.subarray(0, carried + bytesRead)
      let pos = 0
      while (pos < buf.length) {
        // a blank line is skipped, as pandas does
        if (buf[pos] === LF || (buf[pos] === CR && buf[pos + 1] === LF)) {
          pos += buf[pos] === LF ? 1 : 2
          line++
          continue
        }
        if (buf[pos] === CR && pos + 1 >= buf.length && !eof) break
        field = 0
        line++
        const end = parseRecord(buf, pos, buf.length, eof, visit)
        if (end === -1) {
          line--
          break
        }
        if (end < -1)
          throw invalid(
            `evaluation data ${name}: line ${line} is malformed (unbalanced or misplaced ` +
              `quote); fix the quoting in the CSV`
          )
        pos = end
        if (field <= lastNeeded) {
          throw invalid(
            `evaluation data ${name}: line ${line} has ${field} fields, the header ` +
              `has ${header.names.length}; fix the row or the delimiter (only comma-separated ` +
              `files are read)`
          )
        }
        rows++
        if (rows === batchSize) {
          yield emit()
          newBatch()
        }
      }
      carried = buf.length - pos
      window.copyWithin(0, pos, buf.length)
    }
  } finally {
    await handle.close()
  }
  if (rows > 0) yield emit()
}
