/**
 * The posture site's front page: totals, the models × controls matrix, the rolled-up Statement
 * of Applicability, the findings with their filters, and a list of every model's page.
 */
import type { PostureReport } from '../../core/posture/types.js'
import { escapeHtml } from '../escape.js'
import { renderControlsMatrix } from './controls-matrix.js'
import { renderFindingsSection } from './findings-section.js'
import { renderPage } from './html-page.js'
import { stateLabel } from './labels.js'
import { renderSoa } from './soa-table.js'
import { renderTotals } from './totals-section.js'

function modelList(report: PostureReport, modelHref: (name: string) => string): string {
  const items = report.models.map((m) => {
    const state = stateLabel(m.state)
    return (
      `<li><a href="${modelHref(m.name)}">${escapeHtml(m.name)}</a> ` +
      `<span class="state ${state.css}"><span aria-hidden="true">${state.symbol}</span> ` +
      `${escapeHtml(state.text)}</span>` +
      `${m.findings.length === 0 ? '' : `, ${m.findings.length} finding${m.findings.length === 1 ? '' : 's'}`}</li>`
    )
  })
  return [
    '<section id="models" aria-labelledby="models-h">',
    `<h2 id="models-h">Models (${report.models.length})</h2>`,
    items.length === 0 ? '<p>No registered models.</p>' : `<ul class="model-list">${items.join('\n')}</ul>`,
    '</section>'
  ].join('\n')
}

export function renderIndexPage(
  report: PostureReport,
  modelHref: (name: string) => string,
  findingHref: (name: string) => string | undefined
): string {
  const body = [
    '<h1>Compliance posture of the model registry</h1>',
    renderTotals(report),
    renderFindingsSection(report, { modelHref: findingHref }),
    renderControlsMatrix(report, modelHref),
    renderSoa(report),
    modelList(report, modelHref)
  ].join('\n')
  return renderPage(report, { title: 'Compliance posture', root: '', body })
}
