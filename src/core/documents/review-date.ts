/**
 * The review date a document declares on its own line, `Reviewed: YYYY-MM-DD` (also
 * `Last reviewed on: …`, with Markdown emphasis or a list/quote marker in front). Only that line
 * counts: a date elsewhere in the prose, the front matter or the run's start time say nothing about
 * when the document was reviewed, so they never stand in for it.
 */
import { isCalendarDate } from '../policy/schema.js'

export type ReviewDate =
  | { ok: true; day: string; date: Date; line: number }
  | { ok: false; problem: 'no-line' | 'not-a-date' | 'conflicting'; detail: string }

const REVIEWED_LINE = /^[\s>*_-]*(?:last\s+)?reviewed(?:\s+on)?[*_]*\s*:[*_]*\s*(.*)$/i
const DAY = /^(\d{4}-\d{2}-\d{2})(?![\d-])/

export function reviewDate(text: string): ReviewDate {
  const found: { day: string; line: number }[] = []
  const lines = text.split(/\r?\n/)
  for (const [index, line] of lines.entries()) {
    const value = REVIEWED_LINE.exec(line)?.[1]
    if (value === undefined) continue
    const day = DAY.exec(value.replace(/^[*_`]+/, '').trim())?.[1]
    if (day === undefined || !isCalendarDate(day)) {
      const shown = value.trim().slice(0, 40)
      return {
        ok: false,
        problem: 'not-a-date',
        detail: `line ${index + 1} "Reviewed: ${shown}" is not a real calendar date written YYYY-MM-DD`
      }
    }
    found.push({ day, line: index + 1 })
  }
  const days = [...new Set(found.map((f) => f.day))]
  const first = found[0]
  if (first === undefined)
    return {
      ok: false,
      problem: 'no-line',
      detail: 'it has no "Reviewed: YYYY-MM-DD" line (a date elsewhere in the text does not count)'
    }
  if (days.length > 1) {
    return {
      ok: false,
      problem: 'conflicting',
      detail: `it has "Reviewed:" lines with different dates (${days.join(', ')}), so its review date is ambiguous`
    }
  }
  return { ok: true, day: first.day, date: new Date(`${first.day}T00:00:00Z`), line: first.line }
}
