import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { policyNeeds } from '../../../../src/core/policy/policy-needs.js'
import { PolicyError } from '../../../../src/core/policy/policy-problems.js'
import { defaultProfileName, resolveProfile } from '../../../../src/core/policy/resolve-profile.js'

const POLICY = `version: 1
name: credit-risk-release
profiles:
  pull-request:
    requirements:
      - id: auc
        check: metric
        metric: roc_auc
        min: 0.80
        controls: [A.6.2.4]
      - { id: provenance, check: datasets, contexts: [training], controls: [A.7.5] }
  production:
    extends: pull-request
    requirements:
      - id: auc-vs-champion
        check: metric
        metric: roc_auc
        baseline: champion
        maxDecrease: 0.01
        controls: [A.6.2.4]
      - { id: provenance, check: datasets, contexts: [training, evaluation], require: [digest, source],
          distinct: true, controls: [A.7.5, A.7.3] }
      - { id: impact, check: artifact, path: impact_assessment.md, maxAgeDays: 365, controls: [A.5.3] }
      - { id: card, check: documentation, sections: [intended_use, limitations], controls: [A.6.2.7, A.8.2] }
      - { id: release-approval, check: approval, minApprovals: 1, sources: [mlflow-tag],
          separationOfDuties: true, controls: [A.6.2.5, A.3.2] }
controls:
  A.9.3: { applicable: false, justification: "Use objectives are set by the business policy." }
waivers:
  - { requirement: auc-vs-champion, model: credit-risk, versions: ["7", 8], reason: "First release.",
      approvedBy: head-of-risk, approved: 2026-12-01, expires: 2027-01-31 }
`

describe('parsePolicy', () => {
  const policy = parsePolicy(POLICY, 'policy.yml')

  it('applies defaults and keeps the values', () => {
    const auc = policy.profiles['pull-request']?.requirements[0]
    expect(auc).toMatchObject({ id: 'auc', check: 'metric', min: 0.8, severity: 'block', source: 'logged' })
    const approval = policy.profiles.production?.requirements.find((r) => r.id === 'release-approval')
    expect(approval).toMatchObject({ tagPrefix: 'aims', separationOfDuties: true })
  })
  it('records the line of every requirement', () => {
    expect(policy.profiles['pull-request']?.requirements.map((r) => r.location)).toEqual([
      { file: 'policy.yml', line: 6 },
      { file: 'policy.yml', line: 11 }
    ])
    expect(policy.profiles.production?.requirements[0]?.location?.line).toBe(15)
  })
  it('hashes the text and normalises waiver versions to strings', () => {
    expect(policy.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(policy.waivers[0]?.versions).toEqual(['7', '8'])
    expect(policy.waivers[0]?.location?.line).toBe(30)
  })
  it('reads the statement of applicability', () => {
    expect(policy.controls['A.9.3']).toEqual({
      applicable: false,
      justification: 'Use objectives are set by the business policy.'
    })
  })
})

describe('resolveProfile', () => {
  const policy = parsePolicy(POLICY, 'policy.yml')

  it('inherits the parent requirements, then adds the child ones', () => {
    const profile = resolveProfile(policy, 'production')
    expect(profile.chain).toEqual(['pull-request', 'production'])
    expect(profile.requirements.map((r) => r.id)).toEqual([
      'auc',
      'provenance',
      'auc-vs-champion',
      'impact',
      'card',
      'release-approval'
    ])
  })
  it('lets a child override a requirement by id, in the parent position', () => {
    const provenance = resolveProfile(policy, 'production').requirements[1]
    expect(provenance).toMatchObject({ id: 'provenance', contexts: ['training', 'evaluation'], distinct: true })
    expect(provenance?.location?.line).toBe(21)
    expect(resolveProfile(policy, 'pull-request').requirements[1]).toMatchObject({
      contexts: ['training'],
      distinct: false
    })
  })
  it('keeps only the waivers that concern the profile', () => {
    expect(resolveProfile(policy, 'production').waivers).toHaveLength(1)
    expect(resolveProfile(policy, 'pull-request').waivers).toHaveLength(0)
  })
  it('names the closest profile when asked for an unknown one (exit 2)', () => {
    expect(() => resolveProfile(policy, 'prod')).toThrow(PolicyError)
    expect(() => resolveProfile(policy, 'prod')).toThrow(/did you mean "production"/)
  })
  it('defaults to production, or the declared defaultProfile', () => {
    expect(defaultProfileName(policy)).toBe('production')
    expect(
      defaultProfileName(
        parsePolicy(POLICY.replace('name: credit-risk-release', 'name: x\ndefaultProfile: pull-request'), 'p.yml')
      )
    ).toBe('pull-request')
  })
  it('supports multi-level inheritance', () => {
    const text =
      `version: 1\nname: t\nprofiles:\n  a:\n    requirements: [{ id: x, check: ` +
      `metric, metric: m, min: 1, controls: [A.6.2.4] }]\n  b:\n    extends: a\n  c:\n ` +
      `   extends: b\n    requirements: [{ id: x, check: metric, metric: m, min: 2, ` +
      `controls: [A.6.2.4] }]\n`
    const resolved = resolveProfile(parsePolicy(text, 't.yml'), 'c')
    expect(resolved.chain).toEqual(['a', 'b', 'c'])
    expect(resolved.requirements).toHaveLength(1)
    expect(resolved.requirements[0]).toMatchObject({ min: 2 })
  })
})

describe('policyNeeds', () => {
  it('lists what the collector must fetch', () => {
    const policy = parsePolicy(POLICY, 'policy.yml')
    expect(policyNeeds(resolveProfile(policy, 'production').requirements)).toEqual({
      documents: ['impact_assessment.md'],
      baselineAlias: 'champion',
      recompute: false
    })
    expect(policyNeeds(resolveProfile(policy, 'pull-request').requirements)).toEqual({
      documents: [],
      recompute: false
    })
  })
  it('asks for the model when a metric is recomputed', () => {
    const text =
      `version: 1\nname: t\nprofiles:\n  p:\n    requirements: [{ id: x, check: ` +
      `metric, metric: m, min: 1, source: reconciled, tolerance: 0.01, controls: ` +
      `[A.6.2.4] }]\n`
    expect(policyNeeds(resolveProfile(parsePolicy(text, 't.yml'), 'p').requirements)).toMatchObject({ recompute: true })
  })
})

describe('shipped policies', () => {
  for (const path of ['policies/default.yml', 'examples/credit-risk/policy.yml']) {
    it(`${path} is valid and every profile resolves`, () => {
      const policy = parsePolicy(readFileSync(path, 'utf8'), path)
      for (const name of Object.keys(policy.profiles))
        expect(resolveProfile(policy, name).requirements.length).toBeGreaterThan(0)
      expect(Object.keys(policy.profiles)).toEqual(['pull-request', 'staging', 'production'])
    })
  }
})
