/**
 * Scores kept for ROC AUC and average precision, in fixed-size chunks rather than one array
 * that doubles: memory is the scores themselves plus at most one chunk, with no copy as it
 * grows (a doubling array peaks at three times the scores while it copies). At 10M rows that
 * is the difference between 40 MB and up to 120 MB. Each chunk is sorted in place when full and
 * read back in descending order through a k-way merge, so no contiguous copy is ever made.
 * Float32 while every batch is float32 (4 bytes a row, and exact), float64 from the first batch
 * that is not.
 */
import { sortScores } from './radix-sort.js'

type Scores = Float32Array | Float64Array

const FIRST_CHUNK = 16_384
const CHUNK = 262_144

export class ScoreChunks {
  private readonly chunks: Scores[] = []
  private used = 0 // values in the last chunk
  private wide = false

  /** `chunkSize`: values per chunk after the first (tests use tiny chunks to cross their boundaries). */
  constructor(private readonly chunkSize = CHUNK) {}

  /** Appends the scores of the rows whose `classOf` is (or, with `keep` false, is not) `target`. */
  pushWhere(
    values: ArrayLike<number>,
    rows: number,
    offset: number,
    stride: number,
    classOf: Int32Array,
    target: number,
    keep: boolean
  ): void {
    if (!this.wide && !(values instanceof Float32Array)) this.widen()
    let chunk = this.chunks[this.chunks.length - 1]
    for (let i = 0; i < rows; i++) {
      if ((classOf[i] === target) !== keep) continue
      if (chunk === undefined || this.used === chunk.length) chunk = this.grow()
      chunk[this.used++] = values[offset + i * stride]!
    }
  }

  /** The chunks, each sorted ascending (the last one cut to its values). */
  sortedParts(): Scores[] {
    const last = this.chunks.length - 1
    if (last >= 0) sortScores(this.chunks[last]!.subarray(0, this.used))
    return this.chunks.map((c, i) => (i === last ? c.subarray(0, this.used) : c))
  }

  private grow(): Scores {
    // A full chunk is sorted now, while the other thread still has batches to score, rather
    // than all at the end when nothing else is left to overlap with.
    const full = this.chunks[this.chunks.length - 1]
    if (full !== undefined) sortScores(full)
    const size = this.chunks.length === 0 ? Math.min(FIRST_CHUNK, this.chunkSize) : this.chunkSize
    const chunk = this.wide ? new Float64Array(size) : new Float32Array(size)
    this.chunks.push(chunk)
    this.used = 0
    return chunk
  }

  private widen(): void {
    // Sorted float32 values stay sorted as float64.
    this.wide = true
    for (let i = 0; i < this.chunks.length; i++) this.chunks[i] = Float64Array.from(this.chunks[i]!)
  }
}

/**
 * Reads sorted (ascending) chunks from the highest value down: a max-heap of chunk indices by
 * their current top value. Equal values in one chunk are taken as a run without heap work.
 */
export class DescendingCursor {
  private readonly next: Int32Array // per chunk: index of its highest value not yet taken
  private readonly heap: number[] = []

  constructor(private readonly chunks: readonly Scores[]) {
    this.next = new Int32Array(chunks.length)
    chunks.forEach((chunk, c) => {
      this.next[c] = chunk.length - 1
      if (chunk.length > 0) this.push(c)
    })
  }

  /** Whether every value has been taken. */
  get done(): boolean {
    return this.heap.length === 0
  }

  /** The highest value not yet taken; −Infinity when none is left. */
  top(): number {
    const c = this.heap[0]
    return c === undefined ? -Infinity : this.chunks[c]![this.next[c]!]!
  }

  /** Takes every value equal to `threshold` (all at the top) and returns how many there were. */
  takeEqual(threshold: number): number {
    let taken = 0
    for (;;) {
      const c = this.heap[0]
      if (c === undefined) return taken
      const chunk = this.chunks[c]!
      let i = this.next[c]!
      if (chunk[i] !== threshold) return taken
      while (i >= 0 && chunk[i] === threshold) {
        i--
        taken++
      }
      this.next[c] = i
      if (i < 0) this.popTop()
      else this.siftDown(0)
    }
  }

  private value(slot: number): number {
    const c = this.heap[slot]!
    return this.chunks[c]![this.next[c]!]!
  }

  private push(c: number): void {
    this.heap.push(c)
    let slot = this.heap.length - 1
    while (slot > 0) {
      const parent = (slot - 1) >> 1
      if (this.value(parent) >= this.value(slot)) break
      this.swap(parent, slot)
      slot = parent
    }
  }

  private popTop(): void {
    const last = this.heap.pop()!
    if (this.heap.length === 0) return
    this.heap[0] = last
    this.siftDown(0)
  }

  private siftDown(slot: number): void {
    const n = this.heap.length
    for (;;) {
      const left = 2 * slot + 1
      if (left >= n) return
      const right = left + 1
      const larger = right < n && this.value(right) > this.value(left) ? right : left
      if (this.value(slot) >= this.value(larger)) return
      this.swap(slot, larger)
      slot = larger
    }
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a]!
    this.heap[a] = this.heap[b]!
    this.heap[b] = t
  }
}
