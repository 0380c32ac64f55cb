/**
 * The findings list with its filters. One section per kind, each with an anchor; the filter bar
 * is a row of ordinary links to those anchors. Without any script, following a filter link
 * shows only that kind (CSS `:target`), "All findings" shows every kind again, and a browser
 * without `:has()` (or a printer) simply shows them all: nothing is ever hidden from a reader
 * who has not asked for it.
 */
import type { PostureFinding, PostureReport } from '../../core/posture/types.js'
import { escapeHtml } from '../escape.js'
import { type FindingContext, renderFinding } from './finding-item.js'
import { KINDS, kindLabel } from './labels.js'
import { kindsInReport } from './totals-section.js'

/** The anchor of a kind's section: known kinds by name, others by position (their text is untrusted). */
export function kindAnchor(kind: string, index: number): string {
  return (KINDS as string[]).includes(kind) ? `kind-${kind}` : `kind-other-${index}`
}

export function renderFindingsSection(report: PostureReport, context: FindingContext): string {
  const kinds = kindsInReport(report)
  const byKind = new Map<string, PostureFinding[]>(kinds.map((k) => [k, []]))
  for (const finding of report.findings) byKind.get(finding.kind)?.push(finding)
  const present = kinds.filter((k) => (byKind.get(k) ?? []).length > 0)
  if (present.length === 0) {
    return [
      '<section id="findings" aria-labelledby="findings-h">',
      '<h2 id="findings-h">Findings</h2>',
      '<p>No findings: every considered alias points at a version with a current passing verdict.</p>',
      '</section>'
    ].join('\n')
  }
  const filters = present.map((kind) => {
    const count = byKind.get(kind)?.length ?? 0
    return `<li><a href="#${kindAnchor(kind, kinds.indexOf(kind))}">${escapeHtml(kindLabel(kind))} (${count})</a></li>`
  })
  const groups = present.map((kind) => {
    const items = (byKind.get(kind) ?? []).map((f) => renderFinding(f, context))
    const anchor = kindAnchor(kind, kinds.indexOf(kind))
    return [
      `<section class="kind-group" id="${anchor}" aria-labelledby="${anchor}-h" tabindex="-1">`,
      `<h3 id="${anchor}-h">${escapeHtml(kindLabel(kind))} (${items.length})</h3>`,
      '<ol class="findings">',
      ...items,
      '</ol>',
      '</section>'
    ].join('\n')
  })
  return [
    '<section id="findings" aria-labelledby="findings-h">',
    `<h2 id="findings-h">Findings (${report.findings.length})</h2>`,
    '<nav class="filters" aria-label="Filter findings by kind">',
    '<p class="filters-label">Show:</p>',
    '<ul>',
    `<li><a href="#findings">All findings (${report.findings.length})</a></li>`,
    ...filters,
    '</ul>',
    '</nav>',
    '<div class="finding-groups">',
    ...groups,
    '</div>',
    '</section>'
  ].join('\n')
}
