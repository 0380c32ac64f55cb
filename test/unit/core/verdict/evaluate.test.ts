import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { resolveProfile } from '../../../../src/core/policy/resolve-profile.js'
import { evaluate } from '../../../../src/core/verdict/evaluate.js'
import { CHECKS } from '../../../../src/core/checks/registry.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { withExampleRecompute } from '../../../support/example-recompute.js'

const examplePolicy = parsePolicy(
  readFileSync('examples/credit-risk/policy.yml', 'utf8'),
  'examples/credit-risk/policy.yml'
)
const production = resolveProfile(examplePolicy, 'production')
const passing = () => EvidenceBuilder.passing().metric('accuracy_score', 0.85)

describe('evaluate', () => {
  it('passes the example policy on healthy evidence', () => {
    const verdict = evaluate(production, withExampleRecompute(passing()), { now: NOW })
    expect(verdict.requirements.map((r) => [r.id, r.status])).toEqual([
      ['auc', 'pass'],
      ['accuracy', 'pass'],
      ['provenance', 'pass'],
      ['auc-vs-champion', 'pass'],
      ['card', 'pass'],
      ['impact', 'pass'],
      ['release-approval', 'pass'],
      ['auc-reconciled', 'pass'],
      ['equal-opportunity-sex', 'pass']
    ])
    expect(verdict).toMatchObject({ verdict: 'pass', blocking: [] })
  })
  it('blocks on a failing or missing blocking requirement and lists it', () => {
    const verdict = evaluate(production, withExampleRecompute(passing().metric('roc_auc', 0.7).noChampion(), 0.7), {
      now: NOW
    })
    expect(verdict.verdict).toBe('fail')
    // The recomputed AUC is as low as the logged one, so the reconciled requirement's floor fails too.
    expect(verdict.blocking).toEqual(['auc', 'auc-vs-champion', 'auc-reconciled'])
  })
  it('does not block on a warn requirement', () => {
    const verdict = evaluate(production, withExampleRecompute(passing().metric('accuracy_score', 0.5)), { now: NOW })
    expect(verdict.requirements.find((r) => r.id === 'accuracy')?.status).toBe('fail')
    expect(verdict.verdict).toBe('pass')
  })
  it('fills the policy location of each requirement', () => {
    const verdict = evaluate(production, passing().build(), { now: NOW })
    expect(verdict.requirements[0]?.location).toEqual({ file: 'examples/credit-risk/policy.yml', line: 14 })
  })
  it('derives control statuses: SoA, roll-up of the mapped requirements, not-assessed', () => {
    const verdict = evaluate(production, withExampleRecompute(passing().metric('accuracy_score', 0.5).noChampion()), {
      now: NOW
    })
    const control = (id: string) => verdict.controls.find((c) => c.id === id)
    expect(verdict.controls).toHaveLength(38)
    expect(control('A.6.2.4')).toMatchObject({
      status: 'failed',
      requirements: ['auc', 'accuracy', 'auc-vs-champion', 'auc-reconciled', 'equal-opportunity-sex']
    })
    expect(control('A.9.3')).toMatchObject({ status: 'not-applicable', applicable: false })
    expect(control('A.9.3')?.justification).toContain('business')
    expect(control('A.2.2')).toMatchObject({ status: 'not-assessed', requirements: [] })
    expect(control('A.5.3')).toMatchObject({ status: 'satisfied', satisfiedBy: ['impact'] })
    // The approval only supports deployment: without a deployment plan A.6.2.5 never reads satisfied.
    expect(control('A.6.2.5')).toMatchObject({
      status: 'supported',
      satisfiedBy: [],
      requirements: ['release-approval']
    })
    // A passing fairness requirement is input to the impact assessment (A.5.4), not the assessment.
    expect(control('A.5.4')).toMatchObject({ status: 'supported', requirements: ['equal-opportunity-sex'] })
  })
  it('rolls up failed > missing, and a waiver beside a pass gives supported, never satisfied', () => {
    const text = `version: 1
name: t
profiles:
  p:
    requirements:
      - { id: a, check: metric, metric: roc_auc, min: 0.9, controls: [A.6.2.4] }
      - { id: b, check: metric, metric: absent, min: 0.9, controls: [A.6.2.4], supports: [A.7.4] }
      - { id: c, check: metric, metric: roc_auc, min: 0.95, supports: [A.7.4, A.6.1.2] }
      - { id: d, check: metric, metric: roc_auc, min: 0.5, supports: [A.6.1.2] }
waivers:
  - { requirement: c, model: credit-risk, versions: ["3"], reason: r, approvedBy: x, approved: 2026-05-25,
      expires: 2026-08-15 }
`
    const verdict = evaluate(resolveProfile(parsePolicy(text, 't.yml'), 'p'), passing().build(), { now: NOW })
    const status = (id: string) => verdict.controls.find((c) => c.id === id)?.status
    expect([status('A.6.2.4'), status('A.7.4'), status('A.6.1.2')]).toEqual(['failed', 'missing', 'supported'])
    expect(verdict.controls.find((c) => c.id === 'A.6.1.2')).toMatchObject({ waived: ['c'], satisfiedBy: [] })
    expect(verdict.blocking).toEqual(['a', 'b'])
  })
  it('applies waivers from the policy', () => {
    const text = readFileSync('examples/credit-risk/policy.yml', 'utf8').replace(
      'waivers: []',
      'waivers:\n  - { requirement: auc-vs-champion, model: credit-risk, versions: ' +
        '["3"], reason: "First release.", approvedBy: head-of-risk, approved: ' +
        '2026-05-25, expires: 2026-08-15 }'
    )
    const profile = resolveProfile(parsePolicy(text, 'p.yml'), 'production')
    const verdict = evaluate(profile, withExampleRecompute(passing().noChampion()), { now: NOW })
    expect(verdict.requirements.find((r) => r.id === 'auc-vs-champion')?.status).toBe('waived')
    expect(verdict.verdict).toBe('pass')
    const later = evaluate(profile, withExampleRecompute(passing().noChampion()), {
      now: new Date('2026-08-16T00:00:00Z')
    })
    expect(later.verdict).toBe('fail')
  })
  it('turns a check that throws into a missing, blocking requirement and still judges the rest', () => {
    // Evidence a check did not expect (a bug or a shape nobody foresaw) must never pass or abort.
    const original = CHECKS.artifact
    CHECKS.artifact = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'reviewed')\n    at checkArtifact")
    }
    try {
      const verdict = evaluate(production, withExampleRecompute(passing()), { now: NOW })
      const impact = verdict.requirements.find((r) => r.id === 'impact')!
      expect(impact.status).toBe('missing')
      expect(impact.message).toContain("Cannot read properties of undefined (reading 'reviewed')")
      expect(impact.message).not.toContain('at checkArtifact')
      expect(impact.location?.file).toBe('examples/credit-risk/policy.yml')
      expect(verdict.verdict).toBe('fail')
      expect(verdict.blocking).toEqual(['impact'])
      expect(verdict.requirements.filter((r) => r.id !== 'impact').every((r) => r.status === 'pass')).toBe(true)
    } finally {
      CHECKS.artifact = original
    }
  })
})
