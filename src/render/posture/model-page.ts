/**
 * One page per registered model: its state, its aliases and the versions they point at, every
 * version with the gate's last verdict on it, the model's findings, and its verdicts over time
 * (an SVG timeline and the same facts as a table).
 */
import type { GateRecord, ModelPosture, PostureReport, VersionPosture } from '../../core/posture/types.js'
import { escapeHtml } from '../escape.js'
import { timelineChart } from './charts.js'
import { renderFinding } from './finding-item.js'
import { renderPage } from './html-page.js'
import { stateLabel } from './labels.js'
import { externalLink } from './safe-link.js'

const versionAnchor = (index: number): string => `version-${index}`

function verdictText(gate: Pick<GateRecord, 'verdict' | 'blocking'> | undefined): string {
  if (gate === undefined) return '<span class="verdict-none"><span aria-hidden="true">?</span> never gated</span>'
  if (gate.verdict === 'pass') return '<span class="verdict-pass"><span aria-hidden="true">✓</span> pass</span>'
  const ids = gate.blocking.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')
  return `<span class="verdict-fail"><span aria-hidden="true">✗</span> blocked</span>${ids === '' ? '' : ` by ${ids}`}`
}

function aliasesTable(model: ModelPosture): string {
  const entries = Object.entries(model.aliases).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  if (entries.length === 0) return '<p>No aliases.</p>'
  const rows = entries.map(([alias, version]) => {
    const index = model.versions.findIndex((v) => v.version === version)
    const shown = escapeHtml(version)
    const cell =
      index === -1 ? `${shown} (not in the registry's versions)` : `<a href="#${versionAnchor(index)}">${shown}</a>`
    return `<tr><th scope="row"><code>${escapeHtml(alias)}</code></th><td>${cell}</td></tr>`
  })
  return [
    '<table>',
    '<caption class="visually-hidden">Aliases</caption>',
    '<thead><tr><th scope="col">Alias</th><th scope="col">Version</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>'
  ].join('\n')
}

function versionRow(version: VersionPosture, index: number, withWhatIf: boolean): string {
  const gate = version.gate
  const aliases = version.aliases.map((a) => `<code>${escapeHtml(a)}</code>`).join(', ')
  const policy =
    gate === undefined
      ? ''
      : `${escapeHtml(gate.policy)} (${escapeHtml(gate.profile)}), ` +
        `<code>${escapeHtml(gate.policySha256.slice(0, 12))}</code>`
  const whatIf = version.whatIf === undefined ? '' : verdictText(version.whatIf)
  const run = gate?.runUrl === undefined ? '' : externalLink('gate run', gate.runUrl)
  return [
    `<tr id="${versionAnchor(index)}"><th scope="row">${escapeHtml(version.version)}</th>`,
    `<td>${escapeHtml(version.createdAt)}</td><td>${aliases}</td><td>${verdictText(gate)}</td>`,
    `<td>${gate === undefined ? '' : escapeHtml(gate.checkedAt)}</td><td>${policy}</td>`,
    `${withWhatIf ? `<td>${whatIf}</td>` : ''}<td>${run}</td></tr>`
  ].join('')
}

function versionsTable(report: PostureReport, model: ModelPosture): string {
  const whatIf = report.policy === undefined ? 'Under the new policy' : `Under ${escapeHtml(report.policy.name)}`
  const heads = [
    'Version',
    'Created',
    'Aliases',
    'Last verdict',
    'Decided at',
    'Policy (profile, digest)',
    whatIf,
    'Run'
  ]
  return [
    '<div class="table-scroll" role="region" aria-labelledby="versions-h" tabindex="0">',
    '<table>',
    '<caption class="visually-hidden">Versions, newest first</caption>',
    `<thead><tr>${heads.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>`,
    `<tbody>${model.versions.map((v, i) => versionRow(v, i, whatIf.length > 0)).join('\n')}</tbody>`,
    '</table>',
    '</div>'
  ].join('\n')
}

function timeline(model: ModelPosture): string {
  if (model.timeline.length === 0) return '<p>The gate has not decided on any version of this model.</p>'
  const rows = model.timeline.map(
    (t) =>
      `<tr><td>${escapeHtml(t.checkedAt)}</td><th scope="row">${escapeHtml(t.version)}</th>` +
      `<td>${verdictText(t)}</td><td>${escapeHtml(t.policy)} (${escapeHtml(t.profile)})</td></tr>`
  )
  return [
    `<figure>${timelineChart('chart-timeline', model.timeline)}<figcaption>Oldest on the left.</figcaption></figure>`,
    '<div class="table-scroll" role="region" aria-label="Verdicts over time, as a table" tabindex="0">',
    '<table>',
    '<caption class="visually-hidden">Verdicts over time, oldest first</caption>',
    '<thead><tr><th scope="col">Decided at</th><th scope="col">Version</th><th scope="col">Verdict</th>' +
      '<th scope="col">Policy (profile)</th></tr></thead>',
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
    '</div>'
  ].join('\n')
}

export function renderModelPage(
  report: PostureReport,
  model: ModelPosture,
  modelHref: (name: string) => string | undefined
): string {
  const state = stateLabel(model.state)
  const own = new Set(model.findings)
  const findings = report.findings.filter((f) => own.has(f.id) || f.model === model.name)
  const items = findings.map((f) =>
    renderFinding(f, { modelHref: (name) => (name === model.name ? undefined : modelHref(name)) })
  )
  const body = [
    `<h1>${escapeHtml(model.name)}</h1>`,
    `<p class="state-badge ${state.css}">` +
      `<span aria-hidden="true">${state.symbol}</span> ${escapeHtml(state.text)}</p>`,
    '<section aria-labelledby="aliases-h"><h2 id="aliases-h">Aliases</h2>',
    aliasesTable(model),
    '</section>',
    `<section aria-labelledby="findings-h"><h2 id="findings-h">Findings (${findings.length})</h2>`,
    items.length === 0 ? '<p>No findings for this model.</p>' : `<ol class="findings">${items.join('\n')}</ol>`,
    '</section>',
    '<section aria-labelledby="timeline-h"><h2 id="timeline-h">Verdicts over time</h2>',
    timeline(model),
    '</section>',
    '<section aria-labelledby="versions-h"><h2 id="versions-h">Versions</h2>',
    versionsTable(report, model),
    '</section>'
  ].join('\n')
  return renderPage(report, { title: `${escapeHtml(model.name)}: compliance posture`, root: '../', body })
}
