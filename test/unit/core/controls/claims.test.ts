import { describe, expect, it } from 'vitest'
import { CHECK_CLAIMS } from '../../../../src/core/controls/check-claims.js'
import { isControlId } from '../../../../src/core/controls/catalog.js'
import { effectiveClaims } from '../../../../src/core/controls/claims.js'
import { claimNotes } from '../../../../src/core/policy/claim-problems.js'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { CHECK_KINDS } from '../../../../src/core/policy/schema.js'
import { requirement } from '../../../support/requirement-builder.js'

const policyWith = (line: string) => `version: 1
name: t
profiles:
  p:
    requirements:
      - ${line}
`

describe('check kind → controls table', () => {
  it('has an entry for every check kind, real control ids, one line per control and a reason each', () => {
    expect(Object.keys(CHECK_CLAIMS).sort()).toEqual([...CHECK_KINDS].sort())
    for (const [kind, claims] of Object.entries(CHECK_CLAIMS)) {
      expect(claims.length, kind).toBeGreaterThan(0)
      expect(new Set(claims.map((c) => c.control)).size, kind).toBe(claims.length)
      for (const claim of claims) {
        expect(isControlId(claim.control), `${kind} ${claim.control}`).toBe(true)
        expect(claim.why.length, `${kind} ${claim.control}`).toBeGreaterThan(20)
      }
    }
  })
  it('maps the disputed checks as an auditor would: measured checks verify, they do not assess impact', () => {
    const level = (kind: keyof typeof CHECK_CLAIMS, control: string) =>
      CHECK_CLAIMS[kind].find((c) => c.control === control)?.level
    expect(level('fairness', 'A.6.2.4')).toBe('satisfies')
    expect(level('fairness', 'A.5.4')).toBe('supports')
    expect(level('approval', 'A.6.2.5')).toBe('supports')
    expect(level('approval', 'A.3.2')).toBe('supports')
    expect(level('datasets', 'A.7.5')).toBe('satisfies')
    expect(level('datasets', 'A.4.3')).toBe('supports')
    expect(level('documentation', 'A.9.4')).toBe('supports')
  })
})

describe('effective claims', () => {
  it('counts a control the kind can only support as supported, with a note and the fix', () => {
    const claims = effectiveClaims(
      requirement({
        check: 'fairness',
        metric: 'demographic_parity_difference',
        sensitiveFeatures: ['sex'],
        max: 0.1,
        controls: ['A.5.4', 'A.6.2.4']
      })
    )
    expect(claims.satisfies).toEqual(['A.6.2.4'])
    expect(claims.supports).toEqual(['A.5.4'])
    expect(claims.notes[0]?.message).toMatch(
      /^A\.5\.4 is counted as supported, not satisfied: .*impact assessment.*supports: \[A\.5\.4\]/
    )
  })
  it('takes an explicit supports: list without a note, and never raises it to satisfied', () => {
    const claims = effectiveClaims(
      requirement({
        check: 'metric',
        metric: 'roc_auc',
        min: 0.8,
        controls: ['A.6.2.4'],
        supports: ['A.6.1.2', 'A.6.2.4']
      })
    )
    expect(claims).toEqual({ satisfies: ['A.6.2.4'], supports: ['A.6.1.2'], notes: [] })
  })
  it('does not claim a control the kind gives no evidence for', () => {
    const claims = effectiveClaims(
      requirement({ check: 'metric', metric: 'roc_auc', min: 0.8, controls: ['A.6.2.4', 'A.2.2'] })
    )
    expect(claims.satisfies).toEqual(['A.6.2.4'])
    expect(claims.notes).toEqual([expect.objectContaining({ control: 'A.2.2', outcome: 'not-claimed' })])
  })
  it('claims A.7.3 only with licence, rights and rationale required; digest and source are not acquisition', () => {
    const base = { check: 'datasets' as const, contexts: ['training'], controls: ['A.7.5', 'A.7.3'] }
    expect(effectiveClaims(requirement({ ...base, require: ['digest', 'source'] })).satisfies).toEqual(['A.7.5'])
    expect(
      effectiveClaims(requirement({ ...base, require: ['digest', 'source', 'licence', 'rights'] })).satisfies
    ).toEqual(['A.7.5'])
    expect(
      effectiveClaims(requirement({ ...base, require: ['digest', 'source', 'licence', 'rights', 'rationale'] }))
        .satisfies
    ).toEqual(['A.7.5', 'A.7.3'])
  })
  it('claims A.6.2.5 for an artifact only when it is a deployment plan', () => {
    const plan = { check: 'artifact' as const, path: 'deployment_plan.md', maxAgeDays: 180, controls: ['A.6.2.5'] }
    expect(effectiveClaims(requirement(plan)).satisfies).toEqual([])
    expect(effectiveClaims(requirement(plan)).notes[0]?.message).toContain('add document: deployment-plan')
    expect(effectiveClaims(requirement({ ...plan, document: 'deployment-plan' })).satisfies).toEqual(['A.6.2.5'])
  })
  it('claims A.5.3 satisfied only for a dated, structured document: any other file merely supports it', () => {
    const file = { check: 'artifact' as const, path: 'README.md', controls: ['A.5.3'] }
    expect(effectiveClaims(requirement(file))).toMatchObject({ satisfies: [], supports: ['A.5.3'] })
    expect(effectiveClaims(requirement(file)).notes[0]?.message).toContain('add maxAgeDays and requiredHeadings')
    expect(effectiveClaims(requirement({ ...file, maxAgeDays: 365 })).satisfies).toEqual([])
    expect(effectiveClaims(requirement({ ...file, requiredHeadings: ['Risks'] })).satisfies).toEqual([])
    const assessment = { ...file, maxAgeDays: 365, requiredHeadings: ['Affected groups', 'Risks'] }
    expect(effectiveClaims(requirement(assessment)).satisfies).toEqual(['A.5.3'])
  })
  it('counts documentation as satisfying A.6.2.7 and A.8.2 only with the sections those controls need', () => {
    const docs = (sections: string[]) =>
      effectiveClaims(requirement({ check: 'documentation', sections, controls: ['A.6.2.7', 'A.8.2'] }))
    expect(docs(['intended_use', 'limitations', 'training_data']).satisfies).toEqual(['A.6.2.7', 'A.8.2'])
    expect(docs(['intended_use', 'limitations'])).toMatchObject({ satisfies: ['A.8.2'], supports: ['A.6.2.7'] })
    // A card of a licence and a support contact is not the system's documentation.
    expect(docs(['license', 'support_contact'])).toMatchObject({ satisfies: [], supports: ['A.6.2.7', 'A.8.2'] })
  })
  it('lets an approval support A.3.2 only when its approver is checked against a declared roster', () => {
    const approval = { check: 'approval' as const, supports: ['A.6.2.5', 'A.3.2'] }
    expect(effectiveClaims(requirement(approval)).supports).toEqual(['A.6.2.5'])
    expect(effectiveClaims(requirement({ ...approval, approvers: { permission: 'write' } })).supports).toEqual([
      'A.6.2.5'
    ])
    expect(
      effectiveClaims(requirement({ ...approval, approvers: { users: ['riley'] }, separationOfDuties: false })).supports
    ).toEqual(['A.6.2.5'])
    expect(effectiveClaims(requirement({ ...approval, approvers: { users: ['riley'] } })).supports).toEqual([
      'A.6.2.5',
      'A.3.2'
    ])
    expect(effectiveClaims(requirement({ ...approval, approvers: { teams: ['acme/release'] } })).supports).toContain(
      'A.3.2'
    )
  })
})

describe('policy validation of control claims', () => {
  it('refuses a requirement left with no control it can evidence, naming why', () => {
    expect(() => parsePolicy(policyWith('{ id: a, check: approval, controls: [A.3.2] }'), 't.yml')).toThrow(
      new RegExp(
        String.raw`t\.yml:6: profiles\.p\.requirements\[0\]\.controls: requirement "a" claims no control ` +
          String.raw`its approval check can evidence: A\.3\.2 is not claimed: .*declared roster`
      )
    )
  })
  it('refuses a requirement with neither controls nor supports', () => {
    expect(() => parsePolicy(policyWith('{ id: a, check: metric, metric: roc_auc, min: 0.8 }'), 't.yml')).toThrow(
      /controls: is empty; fix: list the Annex A controls/
    )
  })
  it('accepts a claim it only lowers and lists the note for policy validate', () => {
    const policy = parsePolicy(
      policyWith('{ id: a, check: metric, metric: roc_auc, min: 0.8, controls: [A.6.2.4, A.7.4] }'),
      't.yml'
    )
    expect(claimNotes(policy)).toEqual([expect.stringMatching(/^t\.yml:6: p\/a: A\.7\.4 is counted as supported/)])
  })
})
