/**
 * `policy validate` shows every problem in one run: schema problems and the semantic ones
 * (inheritance, cross-field rules, waivers, evaluation block) together, and never a semantic
 * problem derived from a value that failed the schema.
 */
import { describe, expect, it } from 'vitest'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { PolicyError } from '../../../../src/core/policy/policy-problems.js'

function problems(text: string): string[] {
  try {
    parsePolicy(text, 'p.yml', { everyProfileRunnable: true })
  } catch (error) {
    if (error instanceof PolicyError) return error.problems.map((p) => `${p.path}: ${p.message}`)
    throw error
  }
  return []
}

const SEVEN = `version: 1
name: seven
controls:
  A.6.2.4: { applicable: maybe }
  A.99.1: { applicable: true }
profiles:
  base:
    requirements:
      - { id: auc, check: metric, metric: roc_auc, min: "0.8", controls: [A.6.2.4] }
      - { id: f1, check: metric, metric: f1_score, min: 0.9, max: 0.5, controls: [A.6.2.4] }
      - { id: rec, check: metric, metric: roc_auc, source: recomputed, min: 0.8, controls: [A.6.2.4] }
  production:
    extends: staging
    requirements:
      - { id: gap, check: metric, metric: roc_auc, baseline: champion, controls: [A.6.2.4] }
      - { id: dup, check: datasets, contexts: [training], controls: [A.7.5] }
      - { id: dup, check: datasets, contexts: [evaluation], controls: [A.7.5] }
`

describe('policy problems in one pass', () => {
  it('reports schema, cross-field and inheritance problems together', () => {
    const found = problems(SEVEN)
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^controls\["A.6.2.4"\].applicable: /),
        expect.stringMatching(/^controls\["A.99.1"\]: unknown Annex A control/),
        expect.stringMatching(/^profiles.base.requirements\[0\].min: .*without quotes/),
        expect.stringMatching(/^profiles.base.requirements\[1\].min: min \(0.9\) is above max \(0.5\)/),
        expect.stringMatching(/^profiles.production.requirements\[0\].baseline: baseline needs maxDecrease/),
        expect.stringMatching(/^profiles.production.extends: extends unknown profile "staging"/),
        expect.stringMatching(/^profiles.base: requirement "rec" .*has no evaluation block/)
      ])
    )
    // Duplicate ids are judged by position, so in a profile with a failed requirement they wait for it.
    expect(found).toHaveLength(7)
    expect(problems(SEVEN.replace('baseline: champion,', 'baseline: champion, maxDecrease: 0.01,'))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^profiles.production.requirements\[2\].id: duplicate requirement id "dup"/)
      ])
    )
  })

  it('never derives a semantic problem from a value that failed the schema', () => {
    const found = problems(`version: 1
name: x
profiles:
  p:
    requirements:
      - { id: a, check: metric, metric: roc_auc, min: "0.9", max: 0.5, controls: [A.6.2.4] }
      - { id: b, check: metric, metric: roc_auc, mni: 0.8, controls: [A.6.2.4] }
      - { id: c, check: metric, metric: roc_auc, min: 0.8, severity: blok, controls: [A.6.2.4] }
waivers:
  - { requirement: zzz, model: m, versions: ["1"], reason: r, approvedBy: a@example.com,
      approved: 2026-01-01, expires: 2026-02-30 }
`)
    // min is a string: no "min above max"; mni is unknown: no "needs min, max or baseline"; the only
    // blocking requirement may be a failed one: no "no blocking requirement"; the waivers did not all
    // parse: no "waives unknown requirement".
    expect(found.some((p) => /above max|needs min, max|no blocking|waives unknown/.test(p))).toBe(false)
    expect(found).toHaveLength(4)
  })

  it('keeps one problem per line for a YAML complex key', () => {
    const found = problems('version: 1\nname: x\n?  a key\n  on two lines\n: 1\nprofiles: {}\n')
    expect(found.every((p) => !p.includes('\n'))).toBe(true)
  })
})
