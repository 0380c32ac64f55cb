/**
 * The snapshot's JSON gives back exactly the value it was made from: NaN, ±Infinity and -0
 * survive, keys that look like the marker stay text, and `__proto__` stays an own key.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromFaithfulJson, toFaithfulJson } from '../../../../src/core/bundle/faithful-json.js'

describe('faithful JSON', () => {
  it('round-trips numbers plain JSON loses', () => {
    const value = { a: Number.NaN, b: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1.5] }
    const back = fromFaithfulJson(toFaithfulJson(value)) as typeof value
    expect(back.a).toBeNaN()
    expect(back.b.map((n) => (Object.is(n, -0) ? '-0' : String(n)))).toEqual([
      'Infinity',
      '-Infinity',
      '-0',
      '0',
      '1.5'
    ])
  })

  it('keeps keys that look like the marker as text', () => {
    const value = { tags: { $n: 'NaN', $$x: '1', __proto__x: 'y' } }
    expect(fromFaithfulJson(toFaithfulJson(value))).toEqual(value)
  })

  it('keeps __proto__ an own key, never the prototype', () => {
    const value = JSON.parse('{"tags": {"__proto__": {"polluted": true}}}') as { tags: Record<string, unknown> }
    const back = fromFaithfulJson(toFaithfulJson(value)) as { tags: Record<string, unknown> }
    expect(Object.getOwnPropertyNames(back.tags)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('round-trips any JSON-like value with doubles', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().chain((v) => fc.constant(v)),
        fc.double(),
        (json, number) => {
          const value = { json, number }
          const back = fromFaithfulJson(toFaithfulJson(value)) as typeof value
          expect(Object.is(back.number, number)).toBe(true)
          expect(back.json).toStrictEqual(fromFaithfulJson(toFaithfulJson(json)))
          expect(toFaithfulJson(back)).toBe(toFaithfulJson(value))
        }
      )
    )
  })

  it('refuses a malformed marker', () => {
    expect(() => fromFaithfulJson('{"$n": "seven"}')).toThrow(/no number/)
    expect(() => fromFaithfulJson('{"$x": 1}')).toThrow(/unexpected key/)
  })
})
