/**
 * The Statement of Applicability (ISO/IEC 42001 clause 6.1.3 d): every Annex A control, whether
 * it applies, why not when it does not, its status and the requirements that give evidence for
 * it (which satisfy it, which only support it) and its crosswalk. Markdown for people, CSV
 * (RFC 4180) for the spreadsheets GRC programmes keep. Pure.
 */
import { escapeTableCell } from '../escape.js'

export interface SoaRow {
  id: string
  title: string
  area: string
  applicable: boolean
  justification?: string
  /** The gate's status (satisfied, supported, failed…); absent when listed without a run. */
  status?: string
  requirements: string[]
  /** The requirements whose check kind can satisfy the control (the others only support it). */
  satisfiedBy: string[]
  crosswalk: { 'nist-ai-rmf': string[]; 'eu-ai-act': string[] }
}

export interface SoaHeading {
  policy: { name: string; file: string; sha256: string }
  profile: string
}

/** One row's columns, in the CSV's order (the Markdown table shows all but the area). */
function fields(row: SoaRow) {
  return {
    control: row.id,
    title: row.title,
    area: row.area,
    applicable: row.applicable ? 'yes' : 'no',
    status: statusOf(row),
    justification: row.justification ?? '',
    requirements: row.requirements.join(' '),
    satisfied_by: row.satisfiedBy.join(' '),
    supported_by: row.requirements.filter((id) => !row.satisfiedBy.includes(id)).join(' '),
    nist_ai_rmf: row.crosswalk['nist-ai-rmf'].join('; '),
    eu_ai_act: row.crosswalk['eu-ai-act'].join('; ')
  }
}

/**
 * Without a run: `assessed` when some requirement can satisfy the control, `supported-only` when
 * every mapped requirement can only support it (the control can never read satisfied).
 */
function statusOf(row: SoaRow): string {
  if (row.status !== undefined) return row.status
  if (!row.applicable) return 'not-applicable'
  if (row.requirements.length === 0) return 'not-assessed'
  return row.satisfiedBy.length > 0 ? 'assessed' : 'supported-only'
}

const requirementList = (row: SoaRow): string =>
  row.requirements.map((id) => (row.satisfiedBy.includes(id) ? id : `${id} (supports)`)).join(', ')

const crosswalkText = (row: SoaRow): string =>
  [
    row.crosswalk['nist-ai-rmf'].length === 0 ? '' : `NIST ${row.crosswalk['nist-ai-rmf'].join(', ')}`,
    row.crosswalk['eu-ai-act'].length === 0 ? '' : `EU ${row.crosswalk['eu-ai-act'].join(', ')}`
  ]
    .filter(Boolean)
    .join(' · ')

export function renderSoaMarkdown(rows: readonly SoaRow[], heading: SoaHeading): string {
  const lines = [
    '# Statement of Applicability: ISO/IEC 42001:2023 Annex A',
    '',
    `Policy ${escapeTableCell(heading.policy.name)} (\`${heading.policy.sha256}\`), ` +
      `profile ${escapeTableCell(heading.profile)}.`,
    '',
    'Status: satisfied needs every mapped requirement to pass and one that can satisfy the control; ' +
      'supported is partial evidence. A requirement marked (supports) never makes a control satisfied. ' +
      "Crosswalk: NIST AI RMF 1.0 per NIST's crosswalk; EU AI Act articles as aims-gate's interpretation.",
    '',
    '| Control | Title | Applicable | Status | Justification | Requirements | Crosswalk |',
    '|---|---|---|---|---|---|---|'
  ]
  for (const row of rows) {
    const f = fields(row)
    const cells = [
      f.control,
      f.title,
      f.applicable,
      f.status,
      f.justification,
      requirementList(row),
      crosswalkText(row)
    ]
    lines.push(`| ${cells.map(escapeTableCell).join(' | ')} |`)
  }
  return `${lines.join('\n')}\n`
}

/** A CSV field: quoted always, quotes doubled; a leading =, +, - or @ is prefixed with ' so no spreadsheet runs it. */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

const EMPTY_ROW: SoaRow = {
  id: '',
  title: '',
  area: '',
  applicable: true,
  requirements: [],
  satisfiedBy: [],
  crosswalk: { 'nist-ai-rmf': [], 'eu-ai-act': [] }
}

export function renderSoaCsv(rows: readonly SoaRow[]): string {
  const lines = [Object.keys(fields(EMPTY_ROW)).map(csvField).join(',')]
  for (const row of rows) lines.push(Object.values(fields(row)).map(csvField).join(','))
  return `${lines.join('\r\n')}\r\n`
}
