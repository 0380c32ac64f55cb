/**
 * The distinct texts of a label or group column, decoded once: such a column has a handful of
 * values repeated on every row, and making a Buffer and a string per cell was a fifth of reading
 * a CSV (bench/recompute). A cell whose bytes match a known value gets that value's string; a
 * column with more distinct values than the cache holds stops being cached.
 */
const MAX_VALUES = 64
const MAX_BYTES = 64

export class CellInterner {
  private readonly bytes: Uint8Array[] = []
  private readonly texts: string[] = []
  private full = false

  /** The text of `buf[start, end)`, from the cache when seen before; `decode` makes a new one. */
  text(buf: Uint8Array, start: number, end: number, decode: () => string): string {
    const length = end - start
    if (this.full || length > MAX_BYTES) return decode()
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
      if (same) return this.texts[v]!
    }
    const text = decode()
    if (known.length === MAX_VALUES) this.full = true
    else {
      known.push(buf.slice(start, end))
      this.texts.push(text)
    }
    return text
  }
}
