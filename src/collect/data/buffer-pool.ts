/**
 * Column buffers handed back by the consumer of a batch, for the reader to fill again. Without it
 * every batch is a fresh ~10 MB of typed arrays that lives until the next garbage collection, and
 * V8 lets a hundred MiB of those pile up before it collects (measured in bench/recompute). A
 * buffer is only reused once the consumer has given it back, so no batch it still reads is
 * overwritten. The pool needs no size limit: the reader allocates only when the pool is empty,
 * so it never holds more buffers than were out at once (columns × batches in flight); a cap
 * below that dropped most of a wide batch's buffers and made the reader allocate anyway.
 */
export class BufferPool {
  private readonly free: ArrayBuffer[] = []

  float64(length: number): Float64Array {
    return new Float64Array(
      this.take(length * Float64Array.BYTES_PER_ELEMENT) ?? new ArrayBuffer(length * 8),
      0,
      length
    )
  }

  int32(length: number): Int32Array {
    return new Int32Array(this.take(length * Int32Array.BYTES_PER_ELEMENT) ?? new ArrayBuffer(length * 4), 0, length)
  }

  /** The smallest given-back buffer of at least `bytes`, so a code column does not take a number column's buffer. */
  private take(bytes: number): ArrayBuffer | undefined {
    let best = -1
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i]!.byteLength
      if (size >= bytes && (best < 0 || size < this.free[best]!.byteLength)) best = i
    }
    return best < 0 ? undefined : this.free.splice(best, 1)[0]
  }

  /** Gives buffers back; a detached (transferred) buffer is skipped. */
  give(buffers: Iterable<ArrayBuffer>): void {
    for (const buffer of buffers) if (buffer.byteLength > 0) this.free.push(buffer)
  }

  get size(): number {
    return this.free.length
  }
}
