/** The run's clock as both entries build it: --now / input "now", else SOURCE_DATE_EPOCH, else the system clock. */
import { describe, expect, it } from 'vitest'
import { fixedClockNotice, gateClock } from '../../../src/pipeline/fixed-clock.js'

const SYSTEM = new Date('2023-11-15T12:00:00Z')
const system = () => SYSTEM

describe('the run clock', () => {
  it('takes --now over SOURCE_DATE_EPOCH, and the system clock when neither is given', () => {
    const epoch = { sourceDateEpoch: '1700000000' }
    const fixed = gateClock({ now: '2026-01-31T12:00:00+01:00', ...epoch }, '--now', system)
    expect(fixed.now().toISOString()).toBe('2026-01-31T11:00:00.000Z')
    expect(gateClock(epoch, '--now', system).now().toISOString()).toBe('2023-11-14T22:13:20.000Z')
    const later = new Date('2030-01-01T00:00:00Z')
    expect(gateClock({ sourceDateEpoch: ' ' }, '--now', () => later).now()).toBe(later)
    expect(gateClock({}, '--now', () => later).now()).toBe(later)
  })

  it('says when the clock is fixed, and by what', () => {
    expect(fixedClockNotice(gateClock({ sourceDateEpoch: '1700000000' }, '--now', system))).toBe(
      'the clock is fixed at 2023-11-14T22:13:20.000Z by SOURCE_DATE_EPOCH: ' +
        'waivers, approvals and dates are judged at that time'
    )
    expect(fixedClockNotice(gateClock({}, '--now'))).toBeUndefined()
  })

  it('refuses times without a zone, impossible dates and non-integer epochs', () => {
    for (const bad of ['2026-01-31T12:00:00', '2026-01-31', '2026-02-30T00:00:00Z', 'yesterday']) {
      const zoneless = /--now ".*" is not an ISO 8601 time with a zone; fix:/
      expect(() => gateClock({ now: bad }, '--now'), bad).toThrow(zoneless)
    }
    for (const bad of ['-1', '1.5', '1e9', 'abc']) {
      expect(() => gateClock({ sourceDateEpoch: bad }, '--now', system), bad).toThrow(/SOURCE_DATE_EPOCH/)
    }
  })
})

describe('an accidental clock from SOURCE_DATE_EPOCH', () => {
  const hours = (n: number) => String(SYSTEM.getTime() / 1000 - n * 3600)

  it('is refused (exit 2) when more than 24 hours before the system clock, naming the variable and the fix', () => {
    for (const name of ['--now', 'input "now"']) {
      const refused = (() => {
        try {
          gateClock({ sourceDateEpoch: hours(25) }, name, system)
        } catch (error) {
          return error as { exitCode?: number; message: string }
        }
        return undefined
      })()
      expect(refused?.exitCode).toBe(2)
      expect(refused?.message).toMatch(/^SOURCE_DATE_EPOCH is 2023-11-14T11:00:00\.000Z, more than 24 hours before/)
      const fix = `Fix: unset SOURCE_DATE_EPOCH for the gate, or pass ${name} 2023-11-14T11:00:00.000Z`
      expect(refused?.message).toContain(fix)
    }
  })

  it('is taken within 24 hours, and an old time given deliberately with --now is taken', () => {
    expect(gateClock({ sourceDateEpoch: hours(24) }, '--now', system).fixedBy).toBe('SOURCE_DATE_EPOCH')
    expect(gateClock({ sourceDateEpoch: hours(-5) }, '--now', system).fixedBy).toBe('SOURCE_DATE_EPOCH')
    const deliberate = gateClock({ now: '2020-01-01T00:00:00Z', sourceDateEpoch: hours(1000) }, '--now', system)
    expect(deliberate.now().toISOString()).toBe('2020-01-01T00:00:00.000Z')
    expect(deliberate.fixedBy).toBe('--now')
  })
})
