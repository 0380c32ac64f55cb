/**
 * The Statement of Applicability (ISO/IEC 42001 clause 6.1.3 d): every Annex A control, whether
 * it applies, why not when it does not, its status and the requirements that give evidence for
 * it. Markdown for people, CSV (RFC 4180) for the spreadsheets GRC programmes keep. Pure.
 */
import { escapeTableCell } from '../escape.js'

export interface SoaRow {
  id: string
  title: string
  area: string
  applicable: boolean
  justification?: string
  /** The gate's status (pass, fail, not-assessed…); absent when listed without a run. */
  status?: string
  requirements: string[]
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
    requirements: row.requirements.join(' ')
  }
}

function statusOf(row: SoaRow): string {
  if (row.status !== undefined) return row.status
  if (!row.applicable) return 'not-applicable'
  return row.requirements.length === 0 ? 'not-assessed' : 'assessed'
}

export function renderSoaMarkdown(rows: readonly SoaRow[], heading: SoaHeading): string {
  const lines = [
    '# Statement of Applicability: ISO/IEC 42001:2023 Annex A',
    '',
    `Policy ${escapeTableCell(heading.policy.name)} (\`${heading.policy.sha256}\`), ` +
      `profile ${escapeTableCell(heading.profile)}.`,
    '',
    '| Control | Title | Applicable | Status | Justification | Requirements |',
    '|---|---|---|---|---|---|'
  ]
  for (const row of rows) {
    const f = fields(row)
    const cells = [f.control, f.title, f.applicable, f.status, f.justification, row.requirements.join(', ')]
    lines.push(`| ${cells.map(escapeTableCell).join(' | ')} |`)
  }
  return `${lines.join('\n')}\n`
}

/** A CSV field: quoted always, quotes doubled; a leading =, +, - or @ is prefixed with ' so no spreadsheet runs it. */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

export function renderSoaCsv(rows: readonly SoaRow[]): string {
  const header = ['control', 'title', 'area', 'applicable', 'status', 'justification', 'requirements']
  const lines = [header.map(csvField).join(',')]
  for (const row of rows) lines.push(Object.values(fields(row)).map(csvField).join(','))
  return `${lines.join('\r\n')}\r\n`
}
