/**
 * The clock of one gate run. A rerun is byte-identical only when "now" is an input: `--now`
 * (ISO 8601 with a zone) or, as reproducible-build tools agree, SOURCE_DATE_EPOCH (whole seconds
 * since 1970). A malformed value is refused (exit 2) rather than silently replaced by the time of
 * day, which would make two "identical" runs differ without saying why.
 */
import type { Clock } from './ports.js'
import { invalid } from '../core/errors.js'

/** Date and time with seconds and an explicit zone (`Z` or `+01:00`); fractions allowed. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/

/** Date itself rolls 2026-02-30 over to March; a clock that is not a real instant is refused. */
function realFields(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number
  ]
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const zoneOk = match[9] === undefined || (Number(match[9]) <= 23 && Number(match[10]) <= 59)
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && zoneOk
  )
}

/** `2026-01-31T12:00:00Z` → Date; `name` is how the caller's user typed it (`--now`, `input "now"`). */
export function parseInstant(raw: string, name: string): Date {
  const value = raw.trim()
  const date = new Date(value)
  const match = ISO_INSTANT.exec(value)
  if (match === null || !realFields(match) || Number.isNaN(date.getTime())) {
    throw invalid(`${name} "${raw}" is not an ISO 8601 time with a zone; fix: e.g. ${name} 2026-01-31T12:00:00Z`)
  }
  return date
}

/** SOURCE_DATE_EPOCH: a whole number of seconds, as https://reproducible-builds.org/specs/source-date-epoch/ says. */
export function parseSourceDateEpoch(raw: string): Date {
  const value = raw.trim()
  const seconds = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN
  const date = new Date(seconds * 1000)
  if (!Number.isSafeInteger(seconds) || Number.isNaN(date.getTime())) {
    throw invalid(
      `SOURCE_DATE_EPOCH "${raw}" is not a whole number of seconds since 1970-01-01; ` +
        'fix: e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it'
    )
  }
  return date
}

/** A clock that may say it was fixed, and by what, so the entries can tell the user. */
export type GateClock = Clock & { fixedBy?: string }

/**
 * The notice an entry prints for a fixed clock: time-dependent checks (waiver expiry, approval
 * age, documents dated in the future) are judged at that time, not now.
 */
export function fixedClockNotice(clock: GateClock): string | undefined {
  if (clock.fixedBy === undefined) return undefined
  const at = clock.now().toISOString()
  return `the clock is fixed at ${at} by ${clock.fixedBy}: waivers, approvals and dates are judged at that time`
}

/** How far SOURCE_DATE_EPOCH may lag the system clock before it is taken for an accident. */
export const SOURCE_DATE_EPOCH_MAX_AGE_MS = 24 * 60 * 60 * 1000

/**
 * SOURCE_DATE_EPOCH is often exported for a whole job (as the last commit's time, for
 * reproducible builds), so it can reach the gate unasked; judged at that time, an expired
 * waiver or a stale approval would pass. An old one is refused: only --now fixes the clock
 * in the past on purpose.
 */
function refuseOldEpoch(fixed: Date, system: Date, name: string): void {
  if (system.getTime() - fixed.getTime() <= SOURCE_DATE_EPOCH_MAX_AGE_MS) return
  throw invalid(
    `SOURCE_DATE_EPOCH is ${fixed.toISOString()}, more than 24 hours before the system clock ` +
      `(${system.toISOString()}); judged then, an expired waiver or a stale approval could pass. ` +
      `Fix: unset SOURCE_DATE_EPOCH for the gate, or pass ${name} ${fixed.toISOString()} ` +
      'to judge at that time deliberately'
  )
}

/**
 * `now` (--now, input "now") wins over SOURCE_DATE_EPOCH; neither given = the system clock. A blank
 * SOURCE_DATE_EPOCH counts as unset (CI systems export empty variables; the option table drops it).
 */
export function gateClock(
  given: { now?: string | undefined; sourceDateEpoch?: string | undefined },
  name: string,
  system: () => Date = () => new Date()
): GateClock {
  if (given.now !== undefined) {
    const fixed = parseInstant(given.now, name)
    return { now: () => new Date(fixed.getTime()), fixedBy: name }
  }
  const epoch = given.sourceDateEpoch
  if (epoch !== undefined && epoch.trim() !== '') {
    const fixed = parseSourceDateEpoch(epoch)
    refuseOldEpoch(fixed, system(), name)
    return { now: () => new Date(fixed.getTime()), fixedBy: 'SOURCE_DATE_EPOCH' }
  }
  return { now: system }
}
