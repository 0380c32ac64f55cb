/**
 * The report as a plain-text table for terminals (pure). Status markers are words in brackets,
 * readable without colour and in logs; colour, when asked for, only decorates them.
 * Every string from the report (ids, names, messages, observed values: policy and MLflow text)
 * goes through `showControls*` before layout, so it can neither colour, move the cursor, link nor
 * reorder the terminal's text; our own colour codes are added after.
 */
import { showControls, showControlsInline } from '../core/text/control-chars.js'
import { policyChangeLines } from './policy-change-markdown.js'
import type { Report } from './report-schema.js'

type Status = Report['requirements'][number]['status'] | Report['controls'][number]['status']

const MARK: Record<Status, string> = {
  pass: '[PASS]',
  fail: '[FAIL]',
  missing: '[MISSING]',
  waived: '[WAIVED]',
  satisfied: '[SATISFIED]',
  supported: '[SUPPORTED]',
  failed: '[FAILED]',
  'not-assessed': '[--]',
  'not-applicable': '[N/A]'
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: strips the colour codes `mark` writes
const SGR = /\u001b\[\d+m/g
const COLOUR: Partial<Record<Status, string>> = {
  pass: '32',
  fail: '31',
  missing: '33',
  waived: '36',
  satisfied: '32',
  supported: '36',
  failed: '31'
}

export interface TableOptions {
  colour?: boolean
  /** Also list every Annex A control (default: only the assessed ones). */
  allControls?: boolean
  /** The terminal's width in columns (default 100): messages and table cells wrap to it. */
  width?: number
}

function mark(status: Status, colour: boolean): string {
  const code = COLOUR[status]
  return colour && code !== undefined ? `\u001b[${code}m${MARK[status]}\u001b[0m` : MARK[status]
}

/** The widest of the marks a table shows (requirement and control marks differ in length). */
const widestMark = (marks: readonly string[]): number => Math.max(0, ...marks.map((m) => m.replace(SGR, '').length))

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`
}

function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(line)
  return lines.map((l) => indent + l)
}

/** A cell's lines at most `width` wide; a word longer than that is broken, never cut. */
function cellLines(text: string, width: number): string[] {
  const lines: string[] = []
  for (const line of wrap(text, width, '')) {
    for (let i = 0; i < line.length; i += width) lines.push(line.slice(i, i + width))
  }
  return lines.length === 0 ? [''] : lines
}

const GAP = 2
const MIN_WRAPPED = 8

/**
 * A table whose `wrapped` columns (observed, expected: the numbers a reader came for) wrap onto more
 * lines to fit `width`, sharing the room left by the other columns; nothing in them is cut.
 */
function wrappedTable(
  headers: string[],
  rows: string[][],
  marks: string[],
  wrapped: number[],
  width: number
): string[] {
  const natural = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const markWidth = widestMark(marks)
  const fixed = natural.reduce((sum, w, i) => (wrapped.includes(i) ? sum : sum + w), 0)
  const room = width - markWidth - GAP * headers.length - fixed
  const wanted = wrapped.reduce((sum, i) => sum + (natural[i] ?? 0), 0)
  const widths = natural.map((w, i) =>
    !wrapped.includes(i) || wanted <= room ? w : Math.max(MIN_WRAPPED, Math.min(w, Math.floor((room * w) / wanted)))
  )
  // The floor of MIN_WRAPPED may give the wrapped columns more than the room: take it back from the widest.
  for (let over = wrapped.reduce((sum, i) => sum + (widths[i] ?? 0), 0) - Math.max(room, 0); over > 0; over--) {
    const widest = wrapped.reduce((best, i) => ((widths[i] ?? 0) > (widths[best] ?? 0) ? i : best), wrapped[0] ?? 0)
    if ((widths[widest] ?? 0) <= MIN_WRAPPED / 2) break
    widths[widest] = (widths[widest] ?? 0) - 1
  }
  const out: string[] = []
  const emit = (cells: string[], m: string): void => {
    const split = cells.map((c, i) => (wrapped.includes(i) ? cellLines(c, widths[i] ?? MIN_WRAPPED) : [c]))
    const height = Math.max(...split.map((lines) => lines.length))
    for (let k = 0; k < height; k++) {
      const prefix = k === 0 ? `${m}${' '.repeat(markWidth - m.replace(SGR, '').length)}` : ' '.repeat(markWidth)
      out.push(`${prefix}  ${split.map((lines, i) => pad(lines[k] ?? '', widths[i] ?? 0)).join('  ')}`.trimEnd())
    }
  }
  emit(headers, '')
  rows.forEach((r, i) => {
    emit(r, marks[i] ?? '')
  })
  return out
}

function table(headers: string[], rows: string[][], marks: string[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const markWidth = widestMark(marks)
  const line = (cells: string[], m: string) => {
    const gap = ' '.repeat(markWidth - m.replace(SGR, '').length)
    return `${m}${gap}  ${cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ')}`.trimEnd()
  }
  return [line(headers, ''), ...rows.map((r, i) => line(r, marks[i] ?? ''))]
}

export function renderTerminalTable(report: Report, options: TableOptions = {}): string {
  const t = showControlsInline
  const colour = options.colour ?? false
  const width = options.width ?? 100
  const out: string[] = []
  const subject = `${t(report.model.name)} v${t(report.model.version)}`
  out.push(
    report.verdict === 'pass'
      ? `RELEASE ALLOWED: ${subject} passes profile "${t(report.profile)}" of policy ${t(report.policy.name)}`
      : `RELEASE BLOCKED: ${subject} fails profile "${t(report.profile)}" of ` +
          `policy ${t(report.policy.name)} (blocking: ${t(report.blocking.join(', '))})`
  )
  const s = report.summary
  out.push(
    `${s.pass} pass, ${s.fail} fail, ${s.missing} missing, ${s.waived} waived · ` +
      `policy sha256 ${report.policy.sha256.slice(0, 12)}`
  )
  const governance = policyChangeLines(report.policy)
  out.push(...governance.map(t), '')

  out.push('Requirements')
  out.push(
    ...wrappedTable(
      ['ID', 'CHECK', 'SEVERITY', 'OBSERVED', 'EXPECTED', 'CONTROLS'],
      report.requirements.map((r) => [
        t(r.id),
        r.check,
        r.severity,
        t(r.observed),
        t(r.expected),
        t([...r.controls, ...r.supports.map((id) => `(${id})`)].join(' '))
      ]),
      report.requirements.map((r) => mark(r.status, colour)),
      [3, 4, 5],
      width
    )
  )
  const explained = report.requirements.filter((r) => r.status !== 'pass')
  if (explained.length > 0) {
    out.push('', 'Why')
    for (const r of explained) {
      const where = r.location === undefined ? '' : ` (${t(r.location.file)}:${r.location.line})`
      out.push(`${mark(r.status, colour)} ${t(r.id)}${where}`, ...wrap(showControls(r.message), width - 4, '    '))
    }
  }

  const controls = options.allControls ? report.controls : report.controls.filter((c) => c.status !== 'not-assessed')
  out.push('', `Annex A controls${options.allControls ? '' : ' (assessed or excluded; --json for all 38)'}`)
  out.push(
    ...table(
      ['CONTROL', 'TITLE', 'REQUIREMENTS'],
      controls.map((c) => [
        c.id,
        clip(c.title, 48),
        c.status === 'not-applicable'
          ? clip(`not applicable: ${t(c.justification ?? '')}`, 50)
          : t(c.requirements.map((id) => (c.satisfiedBy.includes(id) ? id : `(${id})`)).join(' '))
      ]),
      controls.map((c) => mark(c.status, colour))
    )
  )
  out.push('', 'A requirement in parentheses only supports the control: partial evidence, never read as satisfied.')
  return `${out.join('\n')}\n`
}
