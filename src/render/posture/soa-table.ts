/**
 * The Statement of Applicability rolled up over the registry: for each Annex A control, how many
 * models' considered versions gave it each status, and how many models have no evidence for it.
 * Grouped by Annex A area, in catalogue order, as the report lists them.
 */
import type { PostureReport } from '../../core/posture/types.js'
import { escapeHtml } from '../escape.js'
import { KNOWN_STATUSES, statusLabel } from './labels.js'

/** Known statuses first (fixed order), then any other status found, sorted. */
function statusColumns(report: PostureReport): string[] {
  const found = new Set(report.controls.flatMap((c) => Object.keys(c.counts)))
  return [...KNOWN_STATUSES, ...[...found].filter((s) => !KNOWN_STATUSES.includes(s)).sort()]
}

export function renderSoa(report: PostureReport): string {
  const columns = statusColumns(report)
  const heads = columns.map((s) => {
    const label = statusLabel(s)
    const symbol = label.symbol === '' ? '' : `<span aria-hidden="true">${label.symbol}</span> `
    return `<th scope="col" class="${label.css}">${symbol}${escapeHtml(label.text)}</th>`
  })
  const bodies: string[] = []
  let area: string | undefined
  for (const control of report.controls) {
    if (control.area !== area) {
      if (area !== undefined) bodies.push('</tbody>')
      area = control.area
      bodies.push(
        `<tbody><tr class="area"><th scope="rowgroup" colspan="${columns.length + 2}">${escapeHtml(area)}</th></tr>`
      )
    }
    const counts = columns.map((s) => {
      const n = Object.hasOwn(control.counts, s) ? (control.counts[s] ?? 0) : 0
      return `<td class="num">${n}</td>`
    })
    const without = control.modelsWithoutEvidence
    bodies.push(
      `<tr><th scope="row"><code>${escapeHtml(control.id)}</code> ${escapeHtml(control.title)}</th>${counts.join('')}` +
        `<td class="num${without > 0 ? ' gap' : ''}">${without}</td></tr>`
    )
  }
  if (area !== undefined) bodies.push('</tbody>')
  return [
    '<section id="soa" aria-labelledby="soa-h">',
    '<h2 id="soa-h">Statement of Applicability, rolled up</h2>',
    `<p>Number of models per control status (${report.totals.models} models). ` +
      '"No evidence" counts models whose considered version gave the control no status, or had no report.</p>',
    '<div class="table-scroll" role="region" aria-labelledby="soa-h" tabindex="0">',
    '<table class="soa">',
    '<caption class="visually-hidden">Annex A controls by status</caption>',
    `<thead><tr><th scope="col">Control</th>${heads.join('')}<th scope="col">No evidence</th></tr></thead>`,
    ...bodies,
    '</table>',
    '</div>',
    '</section>'
  ].join('\n')
}
