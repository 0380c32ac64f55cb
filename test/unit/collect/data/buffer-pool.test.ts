/**
 * The pool behind reused batch buffers: it keeps every buffer given back (a wide batch of 21
 * columns and three batches in flight is 84 of them; a cap below that made the reader allocate
 * most of each batch anew), hands the smallest one that fits, and skips transferred buffers.
 */
import { describe, expect, it } from 'vitest'
import { BufferPool } from '../../../../src/collect/data/buffer-pool.js'
import { columnBuffers } from '../../../../src/collect/data/columns.js'

describe('buffer pool', () => {
  it('keeps every buffer given back and fills requests from them before allocating', () => {
    const pool = new BufferPool()
    const given = Array.from({ length: 84 }, () => new ArrayBuffer(8 * 1000))
    pool.give(given)
    expect(pool.size).toBe(84)
    const taken = Array.from({ length: 84 }, () => pool.float64(1000).buffer)
    expect(new Set(taken)).toEqual(new Set(given))
    expect(pool.size).toBe(0)
    expect(pool.float64(1000).buffer).not.toBe(given[0])
  })

  it('gives a code column the smallest buffer that fits, leaving the number buffer for numbers', () => {
    const pool = new BufferPool()
    const numbers = new ArrayBuffer(8 * 100)
    const codes = new ArrayBuffer(4 * 100)
    pool.give([numbers, codes])
    expect(pool.int32(100).buffer).toBe(codes)
    expect(pool.float64(100).buffer).toBe(numbers)
  })

  it('skips a buffer that was transferred away, and lists a batch buffer once', () => {
    const pool = new BufferPool()
    const moved = new ArrayBuffer(64)
    structuredClone(moved, { transfer: [moved] })
    pool.give([moved])
    expect(pool.size).toBe(0)
    const shared = new Float64Array(8)
    const buffers = columnBuffers({
      a: shared.subarray(0, 4),
      b: shared,
      t: { codes: new Int32Array(4), values: ['x'] }
    })
    expect(buffers).toHaveLength(2)
  })
})
