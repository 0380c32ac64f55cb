/** Append-only typed arrays for per-row vectors whose final length is not known up front. */
export class GrowableFloat64 {
  private buffer: Float64Array
  length = 0

  constructor(initialCapacity = 65_536) {
    this.buffer = new Float64Array(Math.max(16, initialCapacity))
  }

  push(values: ArrayLike<number>, count = values.length): void {
    this.reserve(count)
    for (let i = 0; i < count; i++) this.buffer[this.length + i] = values[i]!
    this.length += count
  }

  /** Appends `count` values read with a stride (one column of a row-major matrix). */
  pushStrided(values: ArrayLike<number>, count: number, offset: number, stride: number): void {
    this.reserve(count)
    for (let i = 0; i < count; i++) this.buffer[this.length + i] = values[offset + i * stride]!
    this.length += count
  }

  /** A view of the values pushed so far (no copy). */
  view(): Float64Array {
    return this.buffer.subarray(0, this.length)
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return
    let capacity = this.buffer.length
    while (capacity < this.length + extra) capacity *= 2
    const next = new Float64Array(capacity)
    next.set(this.buffer.subarray(0, this.length))
    this.buffer = next
  }
}

export class GrowableInt32 {
  private buffer: Int32Array
  length = 0

  constructor(initialCapacity = 65_536) {
    this.buffer = new Int32Array(Math.max(16, initialCapacity))
  }

  push(values: ArrayLike<number>, count = values.length): void {
    if (this.length + count > this.buffer.length) {
      let capacity = this.buffer.length
      while (capacity < this.length + count) capacity *= 2
      const next = new Int32Array(capacity)
      next.set(this.buffer.subarray(0, this.length))
      this.buffer = next
    }
    for (let i = 0; i < count; i++) this.buffer[this.length + i] = values[i]!
    this.length += count
  }

  view(): Int32Array {
    return this.buffer.subarray(0, this.length)
  }
}
