/** Append-only typed arrays for per-row vectors whose final length is not known up front. */
type TypedArray = Float64Array | Int32Array

class Growable<T extends TypedArray> {
  private buffer: T
  length = 0

  constructor(
    private readonly allocate: (capacity: number) => T,
    initialCapacity: number
  ) {
    this.buffer = allocate(Math.max(16, initialCapacity))
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
  view(): T {
    return this.buffer.subarray(0, this.length) as T
  }

  /** Doubles the capacity until `extra` more values fit: amortised O(1) per value. */
  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return
    let capacity = this.buffer.length
    while (capacity < this.length + extra) capacity *= 2
    const next = this.allocate(capacity)
    next.set(this.buffer.subarray(0, this.length))
    this.buffer = next
  }
}

export class GrowableFloat64 extends Growable<Float64Array> {
  constructor(initialCapacity = 65_536) {
    super((capacity) => new Float64Array(capacity), initialCapacity)
  }
}

export class GrowableInt32 extends Growable<Int32Array> {
  constructor(initialCapacity = 65_536) {
    super((capacity) => new Int32Array(capacity), initialCapacity)
  }
}
