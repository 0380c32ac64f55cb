/**
 * The verdict headline and the compact requirements table shared by the job summary and the
 * pull-request comment: status icon, requirement, controls, observed vs expected. Failing and
 * missing requirements come first, so the reason for a block is the first thing a reader sees.
 */
import type { Evidence } from '../core/evidence/types.js'
import type { ControlStatus, RequirementResult, RequirementStatus, Verdict } from '../core/verdict/types.js'
import type { PolicyIdentity } from './card/card-model.js'
import { cell, REQUIREMENT_ICONS } from './card/card-tables.js'
import { escapeMarkdownInline, truncateText } from './escape.js'

const ORDER: Record<RequirementStatus, number> = { fail: 0, missing: 1, waived: 2, pass: 3 }

/** `credit-risk v3`, escaped. */
export function subjectOf(evidence: Evidence): string {
  const v = evidence.candidate.modelVersion.value
  return `${escapeMarkdownInline(truncateText(v.name, 200))} v${escapeMarkdownInline(truncateText(v.version, 50))}`
}

/** Heading and one-line tally; the verdict is the first line of every output. */
export function verdictHeadline(verdict: Verdict, evidence: Evidence, policy: PolicyIdentity, heading = '##'): string {
  const subject = subjectOf(evidence)
  const profile = escapeMarkdownInline(truncateText(policy.profile, 100))
  const title =
    verdict.verdict === 'pass'
      ? `${heading} ✅ aims-gate: ${subject} may be released (profile ${profile})`
      : `${heading} ❌ aims-gate: ${subject} is blocked (profile ${profile})`
  const counts = (['pass', 'fail', 'missing', 'waived'] as const)
    .map((status) => `${verdict.requirements.filter((r) => r.status === status).length} ${status}`)
    .join(', ')
  const lines = [title, '', `${verdict.requirements.length} requirements: ${counts}.`, '', controlTally(verdict)]
  if (verdict.blocking.length > 0) lines.push('', `**Blocking:** ${verdict.blocking.map(cell).join(', ')}`)
  return lines.join('\n')
}

/** `Annex A: 3 satisfied, 2 supported (partial evidence), 1 failed; 30 not assessed.` */
export function controlTally(verdict: Verdict): string {
  const count = (status: ControlStatus): number => verdict.controls.filter((c) => c.status === status).length
  const assessed = (['satisfied', 'supported', 'failed', 'missing'] as const)
    .filter((status) => count(status) > 0)
    .map((status) => `${count(status)} ${status}${status === 'supported' ? ' (partial evidence)' : ''}`)
  const rest = (['not-assessed', 'not-applicable'] as const)
    .filter((status) => count(status) > 0)
    .map((status) => `${count(status)} ${status.replace('-', ' ')}`)
  return `Annex A controls: ${[assessed.join(', ') || 'none assessed', rest.join(', ')].filter(Boolean).join('; ')}.`
}

/** `A.6.2.4, A.5.4 (supports)`: what a requirement satisfies, then what it only supports. */
export function controlsCell(r: RequirementResult): string {
  return [...r.controls.map(cell), ...(r.supports ?? []).map((id) => `${cell(id)} (supports)`)].join(', ')
}

function row(r: RequirementResult): string {
  const blocking = r.severity === 'block' ? '' : ' (warn)'
  return (
    `| ${REQUIREMENT_ICONS[r.status]} ${r.status}${blocking} | ${cell(r.id)} ` +
    `| ${controlsCell(r)} | ${cell(r.observed)} ` +
    `| ${cell(r.expected)} |`
  )
}

export function requirementsTable(verdict: Verdict): string {
  if (verdict.requirements.length === 0) return '_The policy has no requirements for this profile._'
  const sorted = verdict.requirements
    .map((r, index) => ({ r, index }))
    .sort((a, b) => ORDER[a.r.status] - ORDER[b.r.status] || a.index - b.index)
  return [
    '| | Requirement | Controls | Observed | Expected |',
    '|---|---|---|---|---|',
    ...sorted.map(({ r }) => row(r))
  ].join('\n')
}

/** An http(s) URL safe to put in a Markdown link target, or undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined || url.length > 2000 || !/^https?:\/\/[^\s]+$/i.test(url)) return undefined
  return url.replace(/[()<>"'`\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
}
