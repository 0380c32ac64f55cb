/**
 * The top of the index: the portfolio in numbers (models, gated, passing, blocked, never gated,
 * findings), as a list of words and numbers and as two bar charts (models by state, findings by
 * kind). The list is what a reader or a printer relies on; the charts repeat it at a glance.
 */
import type { PostureReport } from '../../core/posture/types.js'
import { escapeHtml } from '../escape.js'
import { barChart } from './charts.js'
import { KINDS, kindLabel, PALETTE, STATE_LABELS } from './labels.js'

function scope(report: PostureReport): string {
  const names = report.aliases.map((a) => `<code>${escapeHtml(a)}</code>`).join(', ')
  const aliases =
    report.aliases.length === 0 ? 'every alias' : `the alias${report.aliases.length === 1 ? '' : 'es'} ${names}`
  return `<p>Verdicts of the versions that ${aliases} point at (a model without such an alias: its newest version).</p>`
}

/** Kinds in the list's order, then any kind this renderer does not know, sorted. */
export function kindsInReport(report: PostureReport): string[] {
  const present = new Set([...Object.keys(report.totals.byKind), ...report.findings.map((f) => f.kind)])
  const unknown = [...present].filter((k) => !(KINDS as string[]).includes(k)).sort()
  return [...KINDS.filter((k) => present.has(k)), ...unknown]
}

export function renderTotals(report: PostureReport): string {
  const t = report.totals
  const facts: Array<[string, number]> = [
    ['Registered models', t.models],
    ['Gated', t.gated],
    [`${STATE_LABELS.passing.symbol} Passing`, t.passing],
    [`${STATE_LABELS.blocked.symbol} Blocked`, t.blocked],
    [`${STATE_LABELS['never-gated'].symbol} Never gated`, t.neverGated],
    ['Findings', t.findings]
  ]
  const states = barChart('chart-states', 'Models by state', [
    { label: 'gated', value: t.gated, colour: PALETTE.blue },
    { label: `${STATE_LABELS.passing.symbol} passing`, value: t.passing, colour: STATE_LABELS.passing.colour },
    { label: `${STATE_LABELS.blocked.symbol} blocked`, value: t.blocked, colour: STATE_LABELS.blocked.colour },
    {
      label: `${STATE_LABELS['never-gated'].symbol} never gated`,
      value: t.neverGated,
      colour: STATE_LABELS['never-gated'].colour
    }
  ])
  const kinds = kindsInReport(report)
  const byKind =
    kinds.length === 0
      ? '<p>No findings.</p>'
      : barChart(
          'chart-kinds',
          'Findings by kind',
          kinds.map((k) => ({ label: kindLabel(k), value: t.byKind[k] ?? 0, colour: PALETTE.purple }))
        )
  return [
    '<section id="totals" aria-labelledby="totals-h">',
    '<h2 id="totals-h">Portfolio totals</h2>',
    scope(report),
    '<dl class="totals">',
    ...facts.map(([label, value]) => `<div><dt>${label}</dt><dd>${value}</dd></div>`),
    '</dl>',
    '<div class="charts">',
    `<figure><figcaption>Models by state</figcaption>${states}</figure>`,
    `<figure><figcaption>Findings by kind</figcaption>${byKind}</figure>`,
    '</div>',
    '</section>'
  ].join('\n')
}
