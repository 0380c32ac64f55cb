/**
 * Numbers rounded for reading: four significant digits, or as many more as it takes for the
 * rounded value to still show which side of each threshold it is on (observed 0.80004 against
 * a minimum of 0.8 reads "0.80004", never "0.8"). The report and the front matter keep full
 * precision; these strings are for people.
 */
import { formatNumber } from './provenance-text.js'

const MAX_DIGITS = 17

function rounded(value: number, digits: number): number {
  return Number(value.toPrecision(digits))
}

/** The side of `limit` a number is on: -1, 0 or 1. */
const side = (value: number, limit: number): number => Math.sign(value - limit)

export function readableNumber(value: number, thresholds: readonly number[] = []): string {
  if (!Number.isFinite(value)) return formatNumber(value)
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value)
  let digits = 4
  const limits = thresholds.filter(Number.isFinite)
  while (digits < MAX_DIGITS && limits.some((limit) => side(rounded(value, digits), limit) !== side(value, limit)))
    digits += 1
  return formatNumber(rounded(value, digits))
}

/** Candidate minus baseline, signed, four significant digits. */
export function readableDelta(candidate: number, baseline: number): string {
  const delta = candidate - baseline
  if (!Number.isFinite(delta)) return 'n/a'
  const r = Number(delta.toPrecision(4))
  // Below double noise of the larger operand the two are the same number for reading.
  if (r === 0 || Math.abs(delta) <= Math.max(Math.abs(candidate), Math.abs(baseline)) * 1e-12) return '±0'
  return r > 0 ? `+${String(r)}` : `−${String(-r)}`
}

/** The numeric limits a requirement's details name (min, max), for `readableNumber`. */
export function limitsOf(details: Record<string, unknown> | undefined): number[] {
  if (details === undefined) return []
  return ['min', 'max', 'threshold'].map((k) => details[k]).filter((v): v is number => typeof v === 'number')
}
