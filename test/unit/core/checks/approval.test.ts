import { describe, expect, it } from 'vitest'
import { checkApproval } from '../../../../src/core/checks/approval.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const ctx = { now: NOW }
const approval = requirement({
  check: 'approval',
  id: 'release-approval',
  minApprovals: 1,
  controls: ['A.6.2.5', 'A.3.2']
})

describe('approval check (MLflow tags)', () => {
  it('passes with an independent approver', () => {
    const result = checkApproval(approval, EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('pass')
    expect(result.observed).toBe('1 approval (head-of-risk)')
  })
  it('fails when the only approver trained the model, and says why', () => {
    const evidence = EvidenceBuilder.passing().versionTags({ 'aims.approved_by': 'Data-Scientist' }).build()
    const result = checkApproval(approval, evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('trained the run')
  })
  it('excludes the version creator and the PR author', () => {
    const evidence = EvidenceBuilder.passing()
      .versionTags({ 'aims.approved_by': 'ml-engineer, octocat' })
      .change({ prAuthor: 'octocat' })
      .build()
    const result = checkApproval(approval, evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.details?.excluded).toHaveLength(2)
  })
  it('is missing, not pass, when the run records no user (separation of duties unverifiable)', () => {
    const evidence = EvidenceBuilder.passing().runFields({ user: undefined }).build()
    const result = checkApproval(approval, evidence, ctx)
    expect(result.status).toBe('missing')
    expect(result.message).toContain('records no user')
  })
  it('counts the author when separation of duties is off', () => {
    const req = requirement({ check: 'approval', separationOfDuties: false })
    const evidence = EvidenceBuilder.passing().versionTags({ 'aims.approved_by': 'data-scientist' }).build()
    expect(checkApproval(req, evidence, ctx).status).toBe('pass')
  })
  it('needs minApprovals distinct people', () => {
    const req = requirement({ check: 'approval', minApprovals: 2 })
    expect(
      checkApproval(req, EvidenceBuilder.passing().versionTags({ 'aims.approved_by': 'alice, ALICE' }).build(), ctx)
        .status
    ).toBe('fail')
    expect(
      checkApproval(req, EvidenceBuilder.passing().versionTags({ 'aims.approved_by': 'alice,bob' }).build(), ctx).status
    ).toBe('pass')
  })
  it('fails when no approval is recorded', () => {
    const result = checkApproval(
      approval,
      EvidenceBuilder.passing().versionTags({ 'aims.approved_by': undefined }).build(),
      ctx
    )
    expect(result.status).toBe('fail')
    expect(result.message).toContain('aims.approved_by')
  })
  it('fails an approval dated in the future', () => {
    const evidence = EvidenceBuilder.passing().versionTags({ 'aims.approved_at': '2026-12-01' }).build()
    const result = checkApproval(approval, evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('future')
  })
  it('is missing when approved_at is absent or not a date', () => {
    expect(
      checkApproval(approval, EvidenceBuilder.passing().versionTags({ 'aims.approved_at': undefined }).build(), ctx)
        .status
    ).toBe('missing')
    expect(
      checkApproval(approval, EvidenceBuilder.passing().versionTags({ 'aims.approved_at': 'yesterday' }).build(), ctx)
        .status
    ).toBe('missing')
  })
  it('is missing when the run is unavailable (the trainer is unknown)', () => {
    expect(checkApproval(approval, EvidenceBuilder.passing().noRun().build(), ctx).status).toBe('missing')
  })
  it('honours a custom tag prefix', () => {
    const req = requirement({ check: 'approval', tagPrefix: 'gate' })
    const evidence = EvidenceBuilder.passing()
      .versionTags({ 'gate.approved_by': 'carol', 'gate.approved_at': '2026-05-21T10:00:00Z' })
      .build()
    expect(checkApproval(req, evidence, ctx).status).toBe('pass')
  })
})
