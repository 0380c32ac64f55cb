import { describe, expect, it } from 'vitest'
import { readableDelta, readableNumber } from '../../../../src/render/card/readable-number.js'

describe('numbers rounded for reading', () => {
  it('shows four significant digits', () => {
    expect(readableNumber(0.665871121718377)).toBe('0.6659')
    expect(readableNumber(2000)).toBe('2000')
    expect(readableDelta(0.665871121718377, 0.6559263521288837)).toBe('+0.009945')
    expect(readableDelta(0.5, 0.5)).toBe('±0')
  })

  it('keeps the digits that show which side of a threshold a value is on', () => {
    // 0.80004 rounds to 0.8 at four digits: against a minimum of 0.8 that would hide a pass.
    expect(readableNumber(0.80004, [0.8])).toBe('0.80004')
    // Just under the limit must not read as the limit.
    expect(readableNumber(0.7999996, [0.8])).toBe('0.7999996')
    expect(readableNumber(0.9173199612943435, [0.8])).toBe('0.9173')
  })
})
