/**
 * When an approval may have been given. An approval is of *this* version, so it must come after
 * the version was registered and after its run finished (what was approved must exist in its final
 * form), and not in the future beyond a small clock-skew allowance. Times are strict RFC 3339:
 * `2026-11-03T10:15:00Z` or with an offset; a bare `full-date` (`2026-11-03`) is accepted but
 * stands for the whole day, judged by its least favourable instant (start of day for "after",
 * end of day for "not in the future"), so a vague date never helps an approval count.
 */
import { daysBetween } from '../checks/check.js'

/** Clocks of MLflow, GitHub and the gate's machine may disagree by this much. */
export const CLOCK_SKEW_MS = 5 * 60_000

export interface ApprovalInstant {
  earliest: Date
  latest: Date
  dateOnly: boolean
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2})))?$/

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** A strict RFC 3339 date-time or full-date with a real calendar date, or undefined. */
export function parseRfc3339(text: string): ApprovalInstant | undefined {
  const m = RFC3339.exec(text.trim())
  if (m === null) return undefined
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined
  if (m[4] === undefined) {
    const start = Date.UTC(year, month - 1, day)
    return { earliest: new Date(start), latest: new Date(start + 86_400_000 - 1), dateOnly: true }
  }
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])]
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const offsetSign = m[8] === 'Z' || m[8] === 'z' ? 0 : m[8]!.startsWith('-') ? -1 : 1
  const [offsetHours, offsetMinutes] = [Number(m[9] ?? 0), Number(m[10] ?? 0)]
  if (offsetHours > 23 || offsetMinutes > 59) return undefined
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0${m[7]}`) * 1000)
  const utc =
    Date.UTC(year, month - 1, day, hour, minute, second, millis) -
    offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000
  return { earliest: new Date(utc), latest: new Date(utc), dateOnly: false }
}

export interface ApprovalWindow {
  now: Date
  /** When the version was registered (ms since the epoch). */
  versionCreated: number
  /** When the run finished; `unfinished` when it has no end time, `unknown` when the run is unreadable. */
  runEnded: number | 'unfinished' | 'unknown'
  maxAgeDays?: number
}

const iso = (ms: number): string => new Date(ms).toISOString()

/** Why an approval given at `at` cannot count for this version, or undefined when its time is fine. */
export function timeProblem(at: ApprovalInstant, written: string, window: ApprovalWindow): string | undefined {
  const shown = `"${written.slice(0, 40)}"`
  const vague = at.dateOnly
    ? ' (a date without a time counts from the start of that day; write a full RFC ' +
      '3339 date-time, e.g. 2026-11-03T10:15:00Z)'
    : ''
  if (at.earliest.getTime() <= window.versionCreated) {
    return (
      `approved at ${shown}, not after the version was registered ` +
      `(${iso(window.versionCreated)}): an approval must be given for this version, ` +
      `after it exists${vague}`
    )
  }
  if (window.runEnded === 'unknown')
    return (
      `approved at ${shown}, but the run could not be read, so it cannot be told that ` +
      `the approval followed training`
    )
  if (window.runEnded === 'unfinished')
    return `approved at ${shown}, but the run has not finished (no end time): approve after training has ended`
  if (at.earliest.getTime() <= window.runEnded) {
    return (
      `approved at ${shown}, not after the run finished (${iso(window.runEnded)}): ` +
      `approve what training produced, after it ended${vague}`
    )
  }
  if (at.latest.getTime() > window.now.getTime() + CLOCK_SKEW_MS) {
    return (
      `approved at ${shown}, which is in the future (now ${window.now.toISOString()}, ` +
      `allowing ${CLOCK_SKEW_MS / 60_000} minutes of clock skew); correct the time`
    )
  }
  if (window.maxAgeDays !== undefined && daysBetween(at.earliest, window.now) > window.maxAgeDays) {
    return (
      `approved at ${shown}, ${daysBetween(at.earliest, window.now)} days ago, older ` +
      `than maxAgeDays ${window.maxAgeDays}; approve the version again`
    )
  }
  return undefined
}
