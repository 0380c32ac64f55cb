import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../../src/core/checks/registry.js'
import { applyWaiver } from '../../../../src/core/policy/waivers.js'
import type { LocatedWaiver } from '../../../../src/core/policy/types.js'
import type { RequirementResult } from '../../../../src/core/verdict/types.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const waiver = (overrides: Partial<LocatedWaiver> = {}): LocatedWaiver => ({
  requirement: 'auc',
  model: 'credit-risk',
  versions: ['3'],
  reason: 'Known dip, retraining scheduled.',
  approvedBy: 'head-of-risk',
  approved: '2026-05-15',
  expires: '2026-06-30',
  location: { file: 'policy.yml', line: 40 },
  ...overrides
})
// The trainer must be known for a waiver approver to be shown independent of them.
const target = { model: 'credit-risk', version: '3', now: NOW, duties: { runUser: 'data-scientist' } }
const failing: RequirementResult = {
  id: 'auc',
  check: 'metric',
  status: 'fail',
  severity: 'block',
  controls: ['A.6.2.4'],
  observed: '0.7',
  expected: '≥ 0.8',
  message: 'roc_auc 0.7 is below the minimum 0.8.',
  evidence: []
}

describe('waivers', () => {
  it('waives a failing requirement with a valid waiver, keeping the underlying result in the message', () => {
    const result = applyWaiver(failing, [waiver()], target)
    expect(result.status).toBe('waived')
    expect(result.waiver).toEqual({
      reason: 'Known dip, retraining scheduled.',
      approvedBy: 'head-of-risk',
      expires: '2026-06-30'
    })
    expect(result.message).toContain('below the minimum')
  })
  it('waives a missing requirement too', () => {
    expect(applyWaiver({ ...failing, status: 'missing' }, [waiver()], target).status).toBe('waived')
  })
  it('is valid through its expiry day (UTC)', () => {
    expect(applyWaiver(failing, [waiver({ expires: '2026-06-01' })], target).status).toBe('waived')
  })
  it('fails an expired waiver, naming the waiver and the date', () => {
    const result = applyWaiver(failing, [waiver({ expires: '2026-05-31' })], target)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('expired on 2026-05-31')
    expect(result.message).toContain('head-of-risk')
    expect(result.message).toContain('policy.yml:40')
    expect(applyWaiver({ ...failing, status: 'missing' }, [waiver({ expires: '2026-05-31' })], target).status).toBe(
      'fail'
    )
  })
  it('leaves a passing requirement as pass (noting an expired waiver)', () => {
    const passing = { ...failing, status: 'pass' as const }
    expect(applyWaiver(passing, [waiver()], target)).toEqual(passing)
    expect(applyWaiver(passing, [waiver({ approved: '2019-12-01', expires: '2020-01-01' })], target).message).toContain(
      'expired'
    )
  })
  it('matches only the same requirement, model and version', () => {
    expect(applyWaiver(failing, [waiver({ requirement: 'other' })], target).status).toBe('fail')
    expect(applyWaiver(failing, [waiver({ model: 'other' })], target).status).toBe('fail')
    expect(applyWaiver(failing, [waiver({ versions: ['2', '4'] })], target).status).toBe('fail')
  })
  it('prefers the latest-expiring of several matching waivers', () => {
    expect(
      applyWaiver(
        failing,
        [waiver({ approved: '2025-12-15', expires: '2026-01-01' }), waiver({ expires: '2026-07-31' })],
        target
      ).status
    ).toBe('waived')
  })
  it('can waive every check kind', () => {
    const bare = EvidenceBuilder.bare().build()
    const requirements = [
      requirement({ check: 'metric', id: 'm', metric: 'roc_auc', min: 0.8 }),
      requirement({ check: 'documentation', id: 'd', sections: ['intended_use'] }),
      requirement({ check: 'datasets', id: 's', contexts: ['training'] }),
      requirement({ check: 'artifact', id: 'a', path: 'impact_assessment.md' }),
      requirement({ check: 'approval', id: 'p' })
    ]
    for (const req of requirements) {
      const result = applyWaiver(runCheck(req, bare, { now: NOW }), [waiver({ requirement: req.id })], target)
      expect(result.status, req.check).toBe('waived')
    }
  })
})
