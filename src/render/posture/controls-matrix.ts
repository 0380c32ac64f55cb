/**
 * The models × Annex A controls matrix: one row per model, one column per control, each cell
 * the status the considered version's last report gave that control (symbol and word; the
 * colour only repeats them). Wide by nature (38 controls), so it scrolls inside its own box on
 * screen and wraps in print; row and column headers are real `<th>` with `scope`.
 */
import type { ModelPosture, PostureReport } from '../../core/posture/types.js'
import { escapeHtml } from '../escape.js'
import { consideredVersion, STATUS_LABELS, stateLabel, statusLabel } from './labels.js'

function legend(): string {
  const items = Object.values(STATUS_LABELS).map(
    (s) =>
      `<li><span class="cell ${s.css}"><span aria-hidden="true">${s.symbol}</span> ${s.short}</span> ${s.text}</li>`
  )
  return `<ul class="legend" aria-label="Legend">${items.join('')}</ul>`
}

function row(report: PostureReport, model: ModelPosture, href: string): string {
  const state = stateLabel(model.state)
  const head =
    `<th scope="row"><a href="${href}">${escapeHtml(model.name)}</a> ` +
    `<span class="state ${state.css}">(${escapeHtml(state.text)})</span></th>`
  const considered = consideredVersion(report, model)
  if (considered === undefined)
    return `<tr>${head}<td>none</td><td colspan="${report.controls.length}">no versions</td></tr>`
  const via = considered.via === undefined ? ' (newest)' : ` @${escapeHtml(considered.via)}`
  const version = `<td>${escapeHtml(considered.version.version)}${via}</td>`
  const controls = considered.version.controls
  if (controls === undefined) {
    return `<tr>${head}${version}<td colspan="${report.controls.length}">no report read</td></tr>`
  }
  const cells = report.controls.map((control) => {
    const status = Object.hasOwn(controls, control.id) ? controls[control.id] : undefined
    if (status === undefined) return '<td class="cell st-none">—<span class="visually-hidden"> no status</span></td>'
    const label = statusLabel(status)
    if (label.symbol === '') return `<td class="cell ${label.css}">${escapeHtml(label.short)}</td>`
    // In print only the symbol is kept (the legend prints too): 38 columns must fit the page.
    const symbol = `<span aria-hidden="true">${label.symbol}</span>`
    return `<td class="cell ${label.css}">${symbol} <span class="word">${label.short}</span></td>`
  })
  return `<tr>${head}${version}${cells.join('')}</tr>`
}

export function renderControlsMatrix(report: PostureReport, modelHref: (name: string) => string): string {
  const heads = report.controls.map(
    (c) => `<th scope="col"><span title="${escapeHtml(c.title)}">${escapeHtml(c.id)}</span></th>`
  )
  const rows = report.models.map((m) => row(report, m, modelHref(m.name)))
  return [
    '<section id="matrix" aria-labelledby="matrix-h">',
    '<h2 id="matrix-h">Models × Annex A controls</h2>',
    "<p>Each cell is the status the considered version's last gate report gave the control. " +
      'Control titles are in the <a href="#soa">Statement of Applicability</a>.</p>',
    legend(),
    '<div class="table-scroll" role="region" aria-labelledby="matrix-h" tabindex="0">',
    '<table class="matrix">',
    '<caption class="visually-hidden">Control status per model</caption>',
    `<thead><tr><th scope="col">Model</th><th scope="col">Version</th>${heads.join('')}</tr></thead>`,
    `<tbody>${rows.length === 0 ? `<tr><td colspan="${heads.length + 2}">No registered models.</td></tr>` : ''}`,
    ...rows,
    '</tbody>',
    '</table>',
    '</div>',
    '</section>'
  ].join('\n')
}
