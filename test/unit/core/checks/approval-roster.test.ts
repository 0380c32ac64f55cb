/**
 * An approval supports A.3.2 (roles) only when the approver is checked against a declared roster
 * that keeps the release role apart from the people who built the version.
 */
import { describe, expect, it } from 'vitest'
import { checkApproval } from '../../../../src/core/checks/approval.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const ctx = { now: NOW }
const withRoster = (users: string[]) =>
  requirement({
    check: 'approval',
    id: 'release-approval',
    approvers: { users },
    controls: [],
    supports: ['A.6.2.5', 'A.3.2']
  })

describe('approval and the roles roster (A.3.2)', () => {
  it('supports A.3.2 and A.6.2.5 when an approver from the declared roster approved', () => {
    const result = checkApproval(withRoster(['head-of-risk']), EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('pass')
    expect(result.controls).toEqual([])
    expect(result.supports).toEqual(['A.6.2.5', 'A.3.2'])
  })
  it('does not claim A.3.2 without a roster (anyone independent may approve)', () => {
    const open = requirement({
      check: 'approval',
      id: 'release-approval',
      controls: [],
      supports: ['A.6.2.5', 'A.3.2']
    })
    const result = checkApproval(open, EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('pass')
    expect(result.supports).toEqual(['A.6.2.5'])
    expect(result.claimNotes?.[0]).toContain('declared roster')
  })
  it('forgery: a roster that lists the trainer as an approver withdraws A.3.2 for this version', () => {
    const result = checkApproval(withRoster(['head-of-risk', 'data-scientist']), EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('pass')
    expect(result.supports).toEqual(['A.6.2.5'])
    expect(result.claimNotes).toEqual([expect.stringContaining('data-scientist (who trained the run)')])
  })
  it('forgery: the registrant under an alias on the roster, and the PR author, count as builders too', () => {
    const aliases = { now: NOW, identities: [{ person: 'sam', aliases: ['ml-engineer', 'sam@example.com'] }] }
    const viaAlias = checkApproval(
      withRoster(['head-of-risk', 'sam@example.com']),
      EvidenceBuilder.passing().build(),
      aliases
    )
    expect(viaAlias.supports).toEqual(['A.6.2.5'])
    expect(viaAlias.claimNotes?.[0]).toContain('registered the version')
    const author = EvidenceBuilder.passing().change({ prAuthor: 'octocat' }).build()
    expect(checkApproval(withRoster(['head-of-risk', 'octocat']), author, ctx).supports).toEqual(['A.6.2.5'])
  })
  it('forgery: the author approving themself from the roster still does not count', () => {
    const evidence = EvidenceBuilder.passing().versionTags({ 'aims.approved_by': 'data-scientist' }).build()
    expect(checkApproval(withRoster(['data-scientist']), evidence, ctx).status).toBe('fail')
  })
})
