/**
 * The codes of a CSV text column (label, group), from the cell's bytes: such a column has a
 * handful of values repeated on every row, and making a Buffer and a string per cell was a fifth
 * of reading a CSV (bench/recompute). The bytes of the first distinct values are kept for the
 * whole file; a cell that matches one gets that value's code in the current batch without a
 * string being made. A column with more distinct values than the cache holds falls back to one
 * string and a map lookup per cell.
 */
import { TextCodes } from './columns.js'

const MAX_VALUES = 64
const MAX_BYTES = 64

export class CellCoder {
  private readonly bytes: Uint8Array[] = []
  private readonly texts: string[] = []
  /** Cache slot → code in the current batch, or −1 before the slot's first cell of the batch. */
  private readonly slotCodes = new Int32Array(MAX_VALUES).fill(-1)
  private readonly batch = new TextCodes()
  private full = false

  /** The code of `buf[start, end)` in this batch; `decode` makes its text when the bytes are new. */
  code(buf: Uint8Array, start: number, end: number, decode: () => string): number {
    const slot = this.full ? -1 : this.slot(buf, start, end)
    if (slot < 0) return this.remember(buf, start, end, decode())
    let code = this.slotCodes[slot]!
    if (code < 0) {
      code = this.batch.code(this.texts[slot]!)
      this.slotCodes[slot] = code
    }
    return code
  }

  /** The code of a text decoded elsewhere (a quoted cell: its bytes are not its text). */
  codeOfText(text: string): number {
    return this.batch.code(text)
  }

  /** This batch's distinct values, handed over; the next batch starts afresh. */
  takeValues(): string[] {
    const values = this.batch.values
    this.batch.reset()
    this.slotCodes.fill(-1)
    return values
  }

  private slot(buf: Uint8Array, start: number, end: number): number {
    const length = end - start
    if (length > MAX_BYTES) return -1
    const known = this.bytes
    for (let v = 0; v < known.length; v++) {
      const candidate = known[v]!
      if (candidate.length !== length) continue
      let same = true
      for (let i = 0; i < length; i++) {
        if (candidate[i] !== buf[start + i]) {
          same = false
          break
        }
      }
      if (same) return v
    }
    return -1
  }

  private remember(buf: Uint8Array, start: number, end: number, text: string): number {
    const code = this.batch.code(text)
    if (this.full || end - start > MAX_BYTES) return code
    if (this.bytes.length === MAX_VALUES) {
      this.full = true
      return code
    }
    this.slotCodes[this.bytes.length] = code
    this.bytes.push(buf.slice(start, end))
    this.texts.push(text)
    return code
  }
}
