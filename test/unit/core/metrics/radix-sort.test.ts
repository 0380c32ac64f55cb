/**
 * The radix sort of float32 scores against V8's own `Float32Array.prototype.sort`: the same
 * order for every value (−0 before +0, infinities at the ends, subnormals in place), for arrays
 * below and above the size where the radix passes take over. NaN is left out of the order check:
 * the ranking refuses any NaN score before it reads an order (ranking.ts), so only the count is
 * kept.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sortFloat32 } from '../../../../src/core/metrics/radix-sort.js'

const native = (values: Float32Array): Float32Array => values.slice().sort()

function expectSameOrder(values: Float32Array): void {
  const ours = values.slice()
  sortFloat32(ours)
  const reference = native(values)
  const numbers = (a: Float32Array): number[] => Array.from(a).filter((v) => !Number.isNaN(v))
  const nans = (a: Float32Array): number => Array.from(a).filter((v) => Number.isNaN(v)).length
  expect(nans(ours)).toBe(nans(reference))
  const a = numbers(ours)
  const b = numbers(reference)
  expect(a.length).toBe(b.length)
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([i, a[i]]).toEqual([i, b[i]])
}

describe('radix sort of float32 scores', () => {
  it('orders any float32 values as the native sort does, small and large arrays', () => {
    const float32 = fc.float({ noNaN: false })
    fc.assert(
      fc.property(fc.array(float32, { maxLength: 9000 }), (values) => expectSameOrder(Float32Array.from(values))),
      { numRuns: 80 }
    )
  })

  it('sorts probabilities with many ties and the special values', () => {
    const n = 300_000
    const values = new Float32Array(n)
    for (let i = 0; i < n; i++) values[i] = Math.fround(((i * 7919) % 1000) / 999)
    values.set([-0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.4e-45, -1.4e-45, -1, 3.4e38], 1000)
    expectSameOrder(values)
  })

  it('sorts a view in the middle of a larger buffer and leaves the rest alone', () => {
    const buffer = new Float32Array(10_000).map((_, i) => 10_000 - i)
    const view = buffer.subarray(1000, 9000)
    sortFloat32(view)
    expect(Array.from(view.subarray(0, 3))).toEqual([1001, 1002, 1003])
    expect(buffer[999]).toBe(9001)
    expect(buffer[9000]).toBe(1000)
  })
})
