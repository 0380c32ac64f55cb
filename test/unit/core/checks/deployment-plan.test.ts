/**
 * Forgeries of a deployment plan (A.6.2.5): what an author who wants to ship without one would log
 * instead. Each must fail or be missing; only a reviewed plan with text under every heading passes.
 */
import { describe, expect, it } from 'vitest'
import { checkArtifact } from '../../../../src/core/checks/artifact.js'
import { headingBodies } from '../../../../src/core/documents/heading-sections.js'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const ctx = { now: NOW }
const PATH = 'deployment_plan.md'
const plan = requirement({
  check: 'artifact',
  id: 'deployment-plan',
  document: 'deployment-plan',
  path: PATH,
  maxAgeDays: 180,
  controls: ['A.6.2.5']
})
const GOOD = `# Deployment plan
Reviewed: 2026-05-01

## Rollout
Shadow traffic for a week, then 10 % of applications, then all, watched by the risk desk.

## Rollback
Move the production alias back to the previous version with aims-gate rollback; the on-call owns it.

## Release criteria
Every blocking requirement of the production profile passes and the release manager approves.
`
const run = (text: string) => checkArtifact(plan, EvidenceBuilder.passing().document(PATH, text).build(), ctx)

describe('deployment plan', () => {
  it('passes a reviewed plan with text under Rollout, Rollback and Release criteria, and satisfies A.6.2.5', () => {
    const result = run(GOOD)
    expect(result.status).toBe('pass')
    expect(result.controls).toEqual(['A.6.2.5'])
    expect(result.expected).toContain('a deployment plan')
  })
  it('forgery: the headings with nothing, or only TODO / TBD / N/A, under them', () => {
    const hollow = '# Plan\nReviewed: 2026-05-01\n## Rollout\n## Rollback\nTBD\n## Release criteria\n- N/A\n'
    const result = run(hollow)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('nothing under "Rollout", "Rollback", "Release criteria"')
    expect(result.details?.emptySections).toEqual(['Rollout', 'Rollback', 'Release criteria'])
  })
  it('forgery: a sub-heading under Rollout is not text under Rollout, but its text is', () => {
    expect(headingBodies('## Rollout\n### Steps\n## Rollback\nback').get('rollout')).toBe('')
    expect(headingBodies('## Rollout\n### Steps\nCanary first.\n## Rollback\nback').get('rollout')).toBe(
      'Canary first.'
    )
    expect(run(GOOD.replace('## Rollback\n', '## Rollback\n### Who\nThe on-call.\n')).status).toBe('pass')
  })
  it('forgery: headings hidden in a code fence or an HTML comment do not count', () => {
    const fenced = GOOD.replace('## Rollback', '```\n## Rollback').replace(
      '## Release criteria',
      '```\n## Release criteria'
    )
    expect(run(fenced).message).toContain('lacks the heading "Rollback"')
    expect(run(GOOD.replace('## Rollout', '<!-- ## Rollout -->')).message).toContain('lacks the heading "Rollout"')
  })
  it('forgery: a plan without its own review date, or one reviewed too long ago', () => {
    expect(run(GOOD.replace('Reviewed: 2026-05-01', '')).status).toBe('fail')
    expect(run(GOOD.replace('Reviewed: 2026-05-01', 'Reviewed: 2025-01-01')).message).toContain('more than 180')
  })
  it('forgery: an HTML page saved as the plan is no evidence (missing)', () => {
    const html = `<!DOCTYPE html><html><body><h2>Rollout</h2><p>x</p><h2>Rollback</h2></body></html>`
    expect(run(html).status).toBe('missing')
  })
  it('forgery: the policy must ask for a review date and name the document kind to claim A.6.2.5', () => {
    const policy = (extra: string) => `version: 1
name: t
profiles:
  p:
    requirements:
      - { id: plan, check: artifact, path: ${PATH}, controls: [A.6.2.5]${extra} }
`
    expect(() => parsePolicy(policy(', document: deployment-plan'), 't.yml')).toThrow(/needs a review date limit/)
    expect(() => parsePolicy(policy(', maxAgeDays: 180'), 't.yml')).toThrow(/add document: deployment-plan/)
    expect(() => parsePolicy(policy(', document: deployment-plan, maxAgeDays: 180'), 't.yml')).not.toThrow()
  })
})
