/** Waivers are held to the approval rules: identity, separation of duties, roster, dates, waivable. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createIdentityDirectory } from '../../../../src/core/identity/identity-directory.js'
import type { LocatedWaiver } from '../../../../src/core/policy/types.js'
import { waiverProblem, type WaiverJudgeContext } from '../../../../src/core/policy/waiver-validity.js'
import { applyWaiver } from '../../../../src/core/policy/waivers.js'
import type { RequirementResult } from '../../../../src/core/verdict/types.js'

const NOW = new Date('2026-12-01T12:00:00Z')
const waiver = (overrides: Partial<LocatedWaiver> = {}): LocatedWaiver => ({
  requirement: 'auc',
  model: 'm',
  versions: ['3'],
  reason: 'Known dip.',
  approvedBy: 'head-of-risk',
  approved: '2026-11-20',
  expires: '2027-01-31',
  ...overrides
})
const ctx: WaiverJudgeContext = {
  now: NOW,
  versionCreated: Date.parse('2026-11-10T08:00:00Z'),
  duties: { runUser: 'dana-trainer', versionCreator: 'reg-bot', prAuthor: 'pat' },
  directory: createIdentityDirectory([{ person: 'dana', aliases: ['dana-trainer', 'dana@example.com'] }]),
  rules: { maxWaiverDays: 90, approvers: ['head-of-risk'] }
}
const failing: RequirementResult = {
  id: 'auc',
  check: 'metric',
  status: 'fail',
  severity: 'block',
  controls: ['A.6.2.4'],
  observed: '0.7',
  expected: '≥ 0.8',
  message: 'roc_auc 0.7 is below 0.8.',
  evidence: []
}

describe('waiver validity', () => {
  it('accepts a waiver within the rules', () => {
    expect(waiverProblem(waiver(), ctx)).toBeUndefined()
    expect(applyWaiver(failing, [waiver()], { ...ctx, model: 'm', version: '3' }).status).toBe('waived')
  })
  it.each([
    ['the trainer', { approvedBy: 'dana-trainer' }, /dana-trainer trained the run/],
    ["the trainer's e-mail", { approvedBy: 'dana@example.com' }, /alias of "dana-trainer"/],
    ['a look-alike of the trainer', { approvedBy: 'd\u0430na-trainer' }, /looks like/],
    ['the registrant', { approvedBy: 'reg-bot' }, /registered the version/],
    ['the PR author', { approvedBy: 'PAT' }, /authored the pull request/],
    ['someone off the roster', { approvedBy: 'sam' }, /not among the approvers/],
    ['a look-alike of the roster', { approvedBy: 'head-of-r\u0456sk' }, /not the approver head-of-risk|outside a-z/],
    ['a wildcard', { approvedBy: '*' }, /wildcard/],
    ['more than maxWaiverDays', { approved: '2026-11-20', expires: '2099-12-31' }, /longer than maxWaiverDays \(90\)/],
    ['an approved date in the future', { approved: '2026-12-02' }, /in the future/],
    ['an approved date before the version', { approved: '2026-11-01' }, /before the version was registered/],
    [
      'an expiry before approval',
      { approved: '2026-11-20', expires: '2026-11-19' },
      /expires .* before it was approved/
    ]
  ])('refuses a waiver by %s', (_what, overrides, reason) => {
    const result = applyWaiver(failing, [waiver(overrides)], { ...ctx, model: 'm', version: '3' })
    expect(result.status).toBe('fail')
    expect(result.message).toMatch(/is not applied/)
    expect(result.message).toMatch(reason)
  })
  it('refuses any waiver on a requirement marked waivable: false', () => {
    const result = applyWaiver({ ...failing, status: 'missing' }, [waiver()], {
      ...ctx,
      waivable: false,
      model: 'm',
      version: '3'
    })
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/waivable: false/)
  })
  it('fails closed when the trainer is unknown', () => {
    expect(waiverProblem(waiver(), { ...ctx, duties: {} })).toMatch(/who trained the run is unknown/)
  })
  it('property: any waiver running beyond maxWaiverDays is invalid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 365 }),
        fc.integer({ min: 1, max: 3650 }),
        fc.integer({ min: 0, max: 20 }),
        (maxDays, extra, back) => {
          const approved = new Date(NOW.getTime() - back * 86_400_000).toISOString().slice(0, 10)
          const expires = new Date(Date.parse(`${approved}T00:00:00Z`) + (maxDays + extra) * 86_400_000)
            .toISOString()
            .slice(0, 10)
          const problem = waiverProblem(waiver({ approved, expires }), { ...ctx, rules: { maxWaiverDays: maxDays } })
          expect(problem).toMatch(/longer than maxWaiverDays/)
        }
      )
    )
  })
  it('property: a waiver by any look-alike of the trainer is invalid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'dana-trainer',
          'DANA-TRAINER',
          'dana\u200b-trainer',
          'd\u0430na-trainer',
          'd\u00e1na-trainer',
          '\uff44ana-trainer',
          'dana@example.com',
          'dana-trainer@corp.example'
        ),
        (approvedBy) => {
          expect(waiverProblem(waiver({ approvedBy }), { ...ctx, rules: { maxWaiverDays: 90 } })).toBeDefined()
        }
      )
    )
  })
})
