/** Append-only typed arrays for per-row vectors whose final length is not known up front. */
type NumberArray = Float64Array | Float32Array | Int32Array
type Maker<T extends NumberArray> = (length: number) => T

class Growable<T extends NumberArray> {
  private buffer: T
  length = 0

  constructor(
    private readonly make: Maker<T>,
    initialCapacity = 65_536
  ) {
    this.buffer = make(Math.max(16, initialCapacity))
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
    const next = this.make(capacity)
    next.set(this.buffer.subarray(0, this.length))
    this.buffer = next
  }
}

export class GrowableFloat64 extends Growable<Float64Array> {
  constructor(initialCapacity?: number) {
    super((n) => new Float64Array(n), initialCapacity)
  }
}

export class GrowableInt32 extends Growable<Int32Array> {
  constructor(initialCapacity?: number) {
    super((n) => new Int32Array(n), initialCapacity)
  }
}

/**
 * Scores as the model gave them: float32 (4 bytes a row, and exact) while every batch is float32,
 * float64 from the first batch that is not. Ranking metrics see the same numbers either way.
 */
export class ScoreColumn {
  private narrow: Growable<Float32Array> | undefined = new Growable((n) => new Float32Array(n))
  private wide: GrowableFloat64 | undefined

  pushStrided(values: ArrayLike<number>, count: number, offset: number, stride: number): void {
    if (this.narrow !== undefined && !(values instanceof Float32Array)) {
      this.wide = new GrowableFloat64(this.narrow.length * 2)
      this.wide.push(this.narrow.view())
      this.narrow = undefined
    }
    ;(this.narrow ?? this.wide!).pushStrided(values, count, offset, stride)
  }

  view(): Float32Array | Float64Array {
    return (this.narrow ?? this.wide!).view()
  }
}
