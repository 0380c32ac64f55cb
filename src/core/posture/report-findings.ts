/**
 * Findings read from a trusted report (its digest and identity checked first): waivers that
 * expired or expire within 30 days, and approvals older than the limit. A date that cannot be
 * read counts against the version (an expired waiver, a stale approval), never for it.
 */
import { parseRfc3339 } from '../approvals/approval-time.js'
import type { PostureContext, ReportFacts } from './collected.js'
import { finding } from './finding.js'
import type { PostureFinding, PostureLink } from './types.js'

export const WAIVER_WARNING_DAYS = 30
const DAY_MS = 86_400_000
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

const isoDay = (date: Date): string => date.toISOString().slice(0, 10)

interface Subject {
  model: string
  version: string
  alias?: string
  links: PostureLink[]
}

/** A waiver is valid through the whole of its `expires` day (UTC), as the gate applies it. */
export function waiverFindings(facts: ReportFacts, ctx: PostureContext, subject: Subject): PostureFinding[] {
  const today = isoDay(ctx.now)
  const horizon = isoDay(new Date(ctx.now.getTime() + WAIVER_WARNING_DAYS * DAY_MS))
  const out: PostureFinding[] = []
  for (const waiver of facts.waivers) {
    const readable = ISO_DAY.test(waiver.expires) && parseRfc3339(waiver.expires) !== undefined
    const base = { ...subject, detail: waiver.requirement, observed: `expires ${waiver.expires}` }
    if (!readable || today > waiver.expires) {
      out.push(
        finding({
          ...base,
          kind: 'waiver-expired',
          severity: 'high',
          reason:
            `The waiver of ${waiver.requirement} (approved by ${waiver.approvedBy}) ` +
            `${readable ? `expired on ${waiver.expires}` : 'has an expiry date that cannot be read'}: ` +
            'the verdict relied on it, so the version would block if gated today.',
          expected: `valid on ${today}`
        })
      )
    } else if (waiver.expires <= horizon) {
      out.push(
        finding({
          ...base,
          kind: 'waiver-expiring',
          severity: 'medium',
          reason:
            `The waiver of ${waiver.requirement} (approved by ${waiver.approvedBy}) expires on ` +
            `${waiver.expires}, within ${WAIVER_WARNING_DAYS} days: renew it or fix the requirement before then.`,
          expected: `valid after ${horizon}`
        })
      )
    }
  }
  return out
}

export function approvalFindings(facts: ReportFacts, ctx: PostureContext, subject: Subject): PostureFinding[] {
  const limitMs = ctx.approvalMaxAgeDays * DAY_MS
  const out: PostureFinding[] = []
  for (const approval of facts.approvals) {
    const at = parseRfc3339(approval.at)
    const ageMs = at === undefined ? Number.POSITIVE_INFINITY : ctx.now.getTime() - at.earliest.getTime()
    if (ageMs <= limitMs) continue
    const age = Number.isFinite(ageMs) ? `${Math.floor(ageMs / DAY_MS)} days old` : 'of an unreadable time'
    out.push(
      finding({
        ...subject,
        kind: 'approval-stale',
        severity: 'medium',
        detail: `${approval.requirement}:${approval.login}`,
        reason:
          `The approval by ${approval.login} that ${approval.requirement} counted (given ${approval.at}) is ${age}, ` +
          `older than the ${ctx.approvalMaxAgeDays}-day limit: ask for a fresh review.`,
        observed: `approved ${approval.at}`,
        expected: `within ${ctx.approvalMaxAgeDays} days`
      })
    )
  }
  return out
}
