/**
 * One finding as the site shows it, on the index and on its model's page: severity and kind in
 * words, the model (a link to its page), version and alias, the reason, what was observed and
 * expected, and its links (web links only, see safe-link.ts). Everything but the fixed words is
 * registry text and is escaped.
 */
import type { PostureFinding } from '../../core/posture/types.js'
import { escapeHtml } from '../escape.js'
import { kindLabel, SEVERITY_LABELS } from './labels.js'
import { externalLink } from './safe-link.js'

export interface FindingContext {
  /** Model name → its page, relative to the page showing the finding (absent: no link). */
  modelHref: (model: string) => string | undefined
}

function where(finding: PostureFinding, context: FindingContext): string {
  const href = context.modelHref(finding.model)
  const name = escapeHtml(finding.model)
  const parts = [href === undefined ? `<span class="model">${name}</span>` : `<a href="${href}">${name}</a>`]
  if (finding.version !== undefined) parts.push(`version ${escapeHtml(finding.version)}`)
  if (finding.alias !== undefined) parts.push(`alias <code>${escapeHtml(finding.alias)}</code>`)
  return parts.join(', ')
}

export function renderFinding(finding: PostureFinding, context: FindingContext): string {
  // Registry data reaches here through zod, but a class name is never built from text unchecked.
  const known = Object.hasOwn(SEVERITY_LABELS, finding.severity)
  const symbol = known ? SEVERITY_LABELS[finding.severity].symbol : '●'
  const details: string[] = []
  if (finding.observed !== undefined) details.push(`<dt>Observed</dt><dd>${escapeHtml(finding.observed)}</dd>`)
  if (finding.expected !== undefined) details.push(`<dt>Expected</dt><dd>${escapeHtml(finding.expected)}</dd>`)
  const links = finding.links.map((link) => `<li>${externalLink(link.label, link.href)}</li>`)
  return [
    `<li class="finding sev-${known ? finding.severity : 'low'}">`,
    '<p class="finding-head">',
    `<span class="severity"><span aria-hidden="true">${symbol}</span> ${escapeHtml(finding.severity)}</span>`,
    `<span class="kind">${escapeHtml(kindLabel(finding.kind))}</span>`,
    `<span class="where">${where(finding, context)}</span>`,
    '</p>',
    `<p class="reason">${escapeHtml(finding.reason)}</p>`,
    details.length === 0 ? '' : `<dl class="observed">${details.join('')}</dl>`,
    links.length === 0 ? '' : `<ul class="links">${links.join('')}</ul>`,
    `<p class="finding-id">Id: <code>${escapeHtml(finding.id)}</code></p>`,
    '</li>'
  ]
    .filter((line) => line !== '')
    .join('\n')
}
