/** Approval times: strict RFC 3339, after the version and its run, not in the future, maxAgeDays. */
import { describe, expect, it } from 'vitest'
import {
  CLOCK_SKEW_MS,
  parseRfc3339,
  timeProblem,
  type ApprovalWindow
} from '../../../../src/core/approvals/approval-time.js'
import { checkApproval } from '../../../../src/core/checks/approval.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const created = Date.parse('2026-05-20T09:02:00Z')
const window: ApprovalWindow = { now: NOW, versionCreated: created, runEnded: created - 60_000 }
const problem = (text: string, w: ApprovalWindow = window) => timeProblem(parseRfc3339(text)!, text, w)

describe('RFC 3339 parsing', () => {
  it.each([
    '2026-02-30',
    '2026-13-01',
    '2026-02-29',
    '2026-05-21T25:00:00Z',
    '2026-05-21T10:60:00Z',
    '2026-05-21T10:00:00',
    '2026-05-21 10:00:00Z',
    '1780000000000',
    'yesterday',
    '2026-5-21',
    '2026-05-21T10:00:00+24:00'
  ])('refuses %j', (text) => expect(parseRfc3339(text)).toBeUndefined())
  it('reads offsets, fractions and leap days', () => {
    expect(parseRfc3339('2026-05-21T12:00:00+02:00')!.earliest.toISOString()).toBe('2026-05-21T10:00:00.000Z')
    expect(parseRfc3339('2026-05-21T10:00:00.5Z')!.earliest.toISOString()).toBe('2026-05-21T10:00:00.500Z')
    expect(parseRfc3339('2028-02-29')).toMatchObject({ dateOnly: true })
  })
})

describe('approval window', () => {
  it('accepts an approval after the version and the run, before now', () => {
    expect(problem('2026-05-21T10:00:00Z')).toBeUndefined()
  })
  it('refuses an approval at the exact registration time or before it', () => {
    expect(problem(new Date(created).toISOString())).toMatch(/not after the version was registered/)
    expect(problem('2001-01-01')).toMatch(/not after the version was registered/)
  })
  it('judges a bare date by its start for "after": same-day dates do not count', () => {
    expect(problem('2026-05-20')).toMatch(/start of that day/)
  })
  it('refuses an approval before the run finished, or for an unfinished or unreadable run', () => {
    expect(problem('2026-05-21T10:00:00Z', { ...window, runEnded: Date.parse('2026-05-22T00:00:00Z') })).toMatch(
      /not after the run finished/
    )
    expect(problem('2026-05-21T10:00:00Z', { ...window, runEnded: 'unfinished' })).toMatch(/has not finished/)
    expect(problem('2026-05-21T10:00:00Z', { ...window, runEnded: 'unknown' })).toMatch(/could not be read/)
  })
  it('allows clock skew into the future, and no more', () => {
    expect(problem(new Date(NOW.getTime() + CLOCK_SKEW_MS).toISOString())).toBeUndefined()
    expect(problem(new Date(NOW.getTime() + CLOCK_SKEW_MS + 1000).toISOString())).toMatch(/in the future/)
    expect(problem('2026-06-02')).toMatch(/in the future/)
  })
  it('applies maxAgeDays', () => {
    expect(problem('2026-05-21T10:00:00Z', { ...window, maxAgeDays: 5 })).toMatch(/older than maxAgeDays 5/)
    expect(problem('2026-05-30T10:00:00Z', { ...window, maxAgeDays: 5 })).toBeUndefined()
  })
})

describe('approval check with times and values', () => {
  const req = requirement({ check: 'approval', approvers: { users: ['head-of-risk', 'riley'] } })
  const ctx = { now: NOW }
  const tags = (by: string, at = '2026-05-30T10:00:00Z') =>
    EvidenceBuilder.passing().versionTags({ 'aims.approved_by': by, 'aims.approved_at': at }).build()
  it('is missing for an impossible date, naming the tag', () => {
    const result = checkApproval(req, tags('head-of-risk', '2026-02-30'), ctx)
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/not a real RFC 3339/)
  })
  it('fails an approval given before the version existed', () => {
    const result = checkApproval(req, tags('head-of-risk', '2001-01-01'), ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toMatch(/not after the version was registered/)
  })
  it('validates each entry of a comma list and reports the junk', () => {
    const result = checkApproval(
      requirement({ check: 'approval', minApprovals: 2 }),
      tags('head-of-risk, null, *, <b>x</b>, a|b, '),
      ctx
    )
    expect(result.status).toBe('fail')
    expect(result.observed).toBe('1 approval (head-of-risk)')
    for (const why of [/placeholder/, /wildcard/, /HTML/, /separator/, /empty/]) expect(result.message).toMatch(why)
  })
  it('counts a person once however often the list names them', () => {
    const result = checkApproval(
      requirement({ check: 'approval', minApprovals: 2 }),
      tags('head-of-risk,HEAD-OF-RISK,head-of-risk'),
      ctx
    )
    expect(result.status).toBe('fail')
  })
  it('counts only roster members', () => {
    const result = checkApproval(req, tags('sam'), ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toMatch(/"sam" is not among the approvers \(head-of-risk, riley\)/)
  })
  it("treats the trainer's e-mail as the trainer with identities", () => {
    const result = checkApproval(requirement({ check: 'approval' }), tags('ds@example.com'), {
      now: NOW,
      identities: [{ person: 'ds', aliases: ['data-scientist', 'ds@example.com'] }]
    })
    expect(result.status).toBe('fail')
    expect(result.message).toMatch(/alias of "data-scientist", who trained the run/)
  })
})

describe('time rules for GitHub approvals', () => {
  const githubReq = requirement({ check: 'approval', sources: ['github-review', 'github-environment'] })
  const review = (at: string | undefined) => ({
    source: 'github-review' as const,
    login: 'morgan',
    provenance: { source: 'github' as const, uri: 'https://github.com/acme/m/pull/1' },
    ...(at === undefined ? {} : { at })
  })
  const withReviews = (reviews: ReturnType<typeof review>[]) => {
    const evidence = EvidenceBuilder.passing().build()
    evidence.externalApprovals = {
      'github-review': { kind: 'present', value: reviews, provenance: { source: 'github', uri: 'x' } },
      'github-environment': { kind: 'present', value: [], provenance: { source: 'github', uri: 'x' } }
    }
    return evidence
  }
  it('refuses a review submitted before the version was registered, or without a time', () => {
    const early = checkApproval(githubReq, withReviews([review('2026-05-01T10:00:00Z')]), { now: NOW })
    expect(early.status).toBe('fail')
    expect(early.message).toMatch(/not after the version was registered/)
    expect(checkApproval(githubReq, withReviews([review(undefined)]), { now: NOW }).message).toMatch(/carries no time/)
  })
  it('counts a review submitted after the version and its run', () => {
    expect(checkApproval(githubReq, withReviews([review('2026-05-25T10:00:00Z')]), { now: NOW }).status).toBe('pass')
  })
})
