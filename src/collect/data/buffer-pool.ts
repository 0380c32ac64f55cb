/**
 * Float64 column buffers handed back by the consumer of a batch, for the reader to fill again.
 * Without it every batch is a fresh ~10 MB of typed arrays that lives until the next garbage
 * collection, and V8 lets a hundred MiB of those pile up before it collects (measured in
 * bench/recompute: the peak RSS of the recompute fell by that much). A buffer is only reused
 * once the consumer has given it back, so no batch it still reads is overwritten.
 */
export class Float64Pool {
  private readonly free: ArrayBuffer[] = []

  /** At most this many buffers wait here; more are dropped (the batches in flight bound it anyway). */
  constructor(private readonly limit = 64) {}

  /** `length` values, in a given-back buffer when one is large enough. */
  float64(length: number): Float64Array {
    const bytes = length * Float64Array.BYTES_PER_ELEMENT
    const index = this.free.findIndex((buffer) => buffer.byteLength >= bytes)
    if (index < 0) return new Float64Array(length)
    const [buffer] = this.free.splice(index, 1)
    return new Float64Array(buffer!, 0, length)
  }

  /** Gives buffers back; a detached (transferred) buffer is skipped. */
  give(buffers: Iterable<ArrayBuffer>): void {
    for (const buffer of buffers) {
      if (buffer.byteLength > 0 && this.free.length < this.limit) this.free.push(buffer)
    }
  }

  get size(): number {
    return this.free.length
  }
}

/** The distinct buffers behind a batch's number columns. */
export function numberBuffers(columns: Record<string, Float64Array | string[]>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const values of Object.values(columns)) {
    if (values instanceof Float64Array) buffers.add(values.buffer as ArrayBuffer)
  }
  return [...buffers]
}
