/**
 * Malformed policies: each must be rejected with exit code 2 and a one-line problem naming the
 * file (and line), the path in the YAML and the fix.
 */
import { describe, expect, it } from 'vitest'
import { EXIT } from '../../../../src/core/errors.js'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { PolicyError } from '../../../../src/core/policy/policy-problems.js'

const FILE = 'bad.yml'

/** A valid policy with one requirement block substituted in. */
const withRequirement = (requirement: string) => `version: 1
name: t
profiles:
  production:
    requirements:
${requirement
  .trim()
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
`
const AUC = `- id: auc
  check: metric
  metric: roc_auc
  min: 0.8
  controls: [A.6.2.4]`

const withTail = (tail: string) => `${withRequirement(AUC)}${tail}`

interface Case {
  name: string
  text: string
  /** The YAML path the problem must name. */
  path: string
  /** A phrase the message must contain. */
  says: string
  line?: number
}

const cases: Case[] = [
  { name: 'YAML syntax error', text: 'version: 1\nname: [unclosed\n', path: '', says: 'YAML syntax error' },
  { name: 'not a mapping', text: '- just\n- a list\n', path: '', says: 'YAML mapping' },
  {
    name: 'duplicate YAML key',
    text: 'version: 1\nversion: 1\nname: t\nprofiles: {}\n',
    path: '',
    says: 'YAML syntax error'
  },
  {
    name: 'wrong version',
    text: withRequirement(AUC).replace('version: 1', 'version: 2'),
    path: 'version',
    says: 'write version: 1',
    line: 1
  },
  {
    name: 'missing name',
    text: withRequirement(AUC).replace('name: t\n', ''),
    path: 'name',
    says: 'required key "name" is missing'
  },
  {
    name: 'name is a list',
    text: withRequirement(AUC).replace('name: t', 'name: [a]'),
    path: 'name',
    says: 'expected a string'
  },
  {
    name: 'no profiles',
    text: 'version: 1\nname: t\nprofiles: {}\n',
    path: 'profiles',
    says: 'define at least one profile'
  },
  { name: 'unknown top-level key', text: withTail('waiverz: []\n'), path: 'waiverz', says: 'did you mean "waivers"' },
  {
    name: 'unknown profile key',
    text: withRequirement(AUC).replace('  production:\n', '  production:\n    extend: x\n'),
    path: 'profiles.production.extend',
    says: 'did you mean "extends"'
  },
  {
    name: 'unknown requirement key',
    text: withRequirement(`${AUC}\n  minimum: 0.9`),
    path: 'profiles.production.requirements[0].minimum',
    says: 'unknown key "minimum"',
    line: 11
  },
  {
    name: 'unknown check kind',
    text: withRequirement(AUC.replace('check: metric', 'check: metrik')),
    path: 'profiles.production.requirements[0].check',
    says: 'did you mean "metric"',
    line: 7
  },
  {
    name: 'missing check',
    text: withRequirement(AUC.replace('  check: metric\n', '')),
    path: 'profiles.production.requirements[0].check',
    says: 'required key "check" is missing'
  },
  {
    name: 'min as a quoted string',
    text: withRequirement(AUC.replace('min: 0.8', 'min: "0.8"')),
    path: 'profiles.production.requirements[0].min',
    says: 'without quotes',
    line: 9
  },
  {
    name: 'metric without bounds',
    text: withRequirement(AUC.replace('  min: 0.8\n', '')),
    path: 'profiles.production.requirements[0].min',
    says: 'needs min, max or baseline'
  },
  {
    name: 'min above max',
    text: withRequirement(`${AUC}\n  max: 0.5`),
    path: 'profiles.production.requirements[0].min',
    says: 'swap them'
  },
  {
    name: 'baseline without a threshold',
    text: withRequirement(AUC.replace('min: 0.8', 'baseline: champion')),
    path: 'profiles.production.requirements[0].baseline',
    says: 'maxDecrease'
  },
  {
    name: 'maxDecrease without baseline',
    text: withRequirement(`${AUC}\n  maxDecrease: 0.01`),
    path: 'profiles.production.requirements[0].maxDecrease',
    says: 'add baseline: champion'
  },
  {
    name: 'negative maxDecrease',
    text: withRequirement(AUC.replace('min: 0.8', 'baseline: champion\n  maxDecrease: -0.1')),
    path: 'profiles.production.requirements[0].maxDecrease',
    says: 'too small'
  },
  {
    name: 'reconciled without tolerance',
    text: withRequirement(`${AUC}\n  source: reconciled`),
    path: 'profiles.production.requirements[0].tolerance',
    says: 'needs a tolerance'
  },
  {
    name: 'tolerance without reconciled',
    text: withRequirement(`${AUC}\n  tolerance: 0.01`),
    path: 'profiles.production.requirements[0].tolerance',
    says: 'only to source: reconciled'
  },
  {
    name: 'unknown metric source',
    text: withRequirement(`${AUC}\n  source: recompute`),
    path: 'profiles.production.requirements[0].source',
    says: 'did you mean "recomputed"'
  },
  {
    name: 'unknown control id',
    text: withRequirement(AUC.replace('A.6.2.4', 'A.6.2.9')),
    path: 'profiles.production.requirements[0].controls[0]',
    says: 'A.6.2.8'
  },
  {
    name: 'control id without the A.',
    text: withRequirement(AUC.replace('A.6.2.4', '6.2.4')),
    path: 'profiles.production.requirements[0].controls[0]',
    says: 'A.6.2.4'
  },
  {
    name: 'empty controls',
    text: withRequirement(AUC.replace('[A.6.2.4]', '[]')),
    path: 'profiles.production.requirements[0].controls',
    says: 'list the Annex A controls'
  },
  {
    name: 'controls as a string',
    text: withRequirement(AUC.replace('[A.6.2.4]', 'A.6.2.4')),
    path: 'profiles.production.requirements[0].controls',
    says: 'expected a list'
  },
  {
    name: 'bad severity',
    text: withRequirement(`${AUC}\n  severity: blocking`),
    path: 'profiles.production.requirements[0].severity',
    says: 'did you mean "block"'
  },
  {
    name: 'bad requirement id',
    text: withRequirement(AUC.replace('id: auc', 'id: AUC Check')),
    path: 'profiles.production.requirements[0].id',
    says: 'rename it'
  },
  {
    name: 'duplicate requirement ids',
    text: withRequirement(`${AUC}\n${AUC}`),
    path: 'profiles.production.requirements[1].id',
    says: 'duplicate requirement id "auc"'
  },
  {
    name: 'unknown documentation section',
    text: withRequirement(
      '- { id: card, check: documentation, sections: [intended_use, limitatons], controls: [A.6.2.7] }'
    ),
    path: 'profiles.production.requirements[0].sections[1]',
    says: 'did you mean "limitations"'
  },
  {
    name: 'empty sections',
    text: withRequirement('- { id: card, check: documentation, sections: [], controls: [A.6.2.7] }'),
    path: 'profiles.production.requirements[0].sections',
    says: 'list at least one documentation section'
  },
  {
    name: 'unknown dataset field',
    text: withRequirement('- { id: p, check: datasets, contexts: [training], require: [digestt], controls: [A.7.5] }'),
    path: 'profiles.production.requirements[0].require[0]',
    says: 'did you mean "digest"'
  },
  {
    name: 'distinct as a string',
    text: withRequirement('- { id: p, check: datasets, contexts: [training], distinct: "yes", controls: [A.7.5] }'),
    path: 'profiles.production.requirements[0].distinct',
    says: 'expected a boolean'
  },
  {
    name: 'artifact path escaping the run',
    text: withRequirement('- { id: i, check: artifact, path: ../secrets.md, controls: [A.5.3] }'),
    path: 'profiles.production.requirements[0].path',
    says: 'without ".."'
  },
  {
    name: 'fractional maxAgeDays',
    text: withRequirement('- { id: i, check: artifact, path: a.md, maxAgeDays: 36.5, controls: [A.5.3] }'),
    path: 'profiles.production.requirements[0].maxAgeDays',
    says: 'whole number'
  },
  {
    name: 'zero minApprovals',
    text: withRequirement('- { id: a, check: approval, minApprovals: 0, controls: [A.6.2.5] }'),
    path: 'profiles.production.requirements[0].minApprovals',
    says: 'too small'
  },
  {
    name: 'unknown approval source',
    text: withRequirement('- { id: a, check: approval, sources: [slack], controls: [A.6.2.5] }'),
    path: 'profiles.production.requirements[0].sources[0]',
    says: 'mlflow-tag'
  },
  {
    name: 'extends an unknown profile',
    text: withRequirement(AUC)
      .replace('  production:\n', '  production:\n    extends: stagin\n')
      .concat('  staging:\n    requirements: []\n'),
    path: 'profiles.production.extends',
    says: 'did you mean "staging"'
  },
  {
    name: 'cycle in extends',
    text: `version: 1\nname: t\nprofiles:\n  a:\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n`,
    path: 'profiles.a.extends',
    says: 'cycle (a → b → c → a)'
  },
  {
    name: 'profile extends itself',
    text: `version: 1\nname: t\nprofiles:\n  a:\n    extends: a\n`,
    path: 'profiles.a.extends',
    says: 'cycle'
  },
  {
    name: 'unknown defaultProfile',
    text: withRequirement(AUC).replace('name: t\n', 'name: t\ndefaultProfile: prod\n'),
    path: 'defaultProfile',
    says: 'did you mean "production"'
  },
  {
    name: 'SoA on an unknown control',
    text: withTail('controls:\n  A.11.2: { applicable: false, justification: x }\n'),
    path: 'controls["A.11.2"]',
    says: 'unknown Annex A control'
  },
  {
    name: 'SoA exclusion without justification',
    text: withTail('controls:\n  A.9.3: { applicable: false }\n'),
    path: 'controls["A.9.3"].justification',
    says: 'needs a justification'
  },
  {
    name: 'SoA applicable as a string',
    text: withTail('controls:\n  A.9.3: { applicable: "no", justification: x }\n'),
    path: 'controls["A.9.3"].applicable',
    says: 'expected a boolean'
  },
  {
    name: 'waiver with an impossible date',
    text: withTail(
      'waivers:\n  - { requirement: auc, model: m, versions: ["7"], reason: r, approvedBy: x, expires: 2027-02-30 }\n'
    ),
    path: 'waivers[0].expires',
    says: 'not a real calendar date'
  },
  {
    name: 'waiver with a day-first date',
    text: withTail(
      'waivers:\n  - { requirement: auc, model: m, versions: ["7"], reason: r, approvedBy: x, expires: 31/01/2027 }\n'
    ),
    path: 'waivers[0].expires',
    says: 'YYYY-MM-DD'
  },
  {
    name: 'waiver with a number as date',
    text: withTail(
      'waivers:\n  - { requirement: auc, model: m, versions: ["7"], reason: r, approvedBy: x, expires: 2027 }\n'
    ),
    path: 'waivers[0].expires',
    says: 'must be a date'
  },
  {
    name: 'waiver for an unknown requirement',
    text: withTail(
      'waivers:\n  - { requirement: acu, model: m, versions: ["7"], reason: r, ' +
        'approvedBy: x, approved: 2026-12-01, expires: 2027-01-31 }\n'
    ),
    path: 'waivers[0].requirement',
    says: 'did you mean "auc"'
  },
  {
    name: 'waiver without approver',
    text: withTail('waivers:\n  - { requirement: auc, model: m, versions: ["7"], reason: r, expires: 2027-01-31 }\n'),
    path: 'waivers[0].approvedBy',
    says: 'required key "approvedBy" is missing'
  },
  {
    name: 'waiver with no versions',
    text: withTail(
      'waivers:\n  - { requirement: auc, model: m, versions: [], reason: r, ' +
        'approvedBy: x, approved: 2026-12-01, expires: 2027-01-31 }\n'
    ),
    path: 'waivers[0].versions',
    says: 'list the model versions'
  },
  {
    name: 'two baseline aliases in one profile',
    text: withRequirement(
      `${AUC.replace('min: 0.8', 'baseline: champion\n  maxDecrease: 0.01')}\n- { id: ` +
        `f1, check: metric, metric: f1, baseline: stable, maxDecrease: 0.01, controls: ` +
        `[A.6.2.4] }`
    ),
    path: 'profiles.production',
    says: 'more than one baseline alias'
  },
  {
    name: 'requirements not a list',
    text: 'version: 1\nname: t\nprofiles:\n  production:\n    requirements: {}\n',
    path: 'profiles.production.requirements',
    says: 'expected a list'
  }
]

describe('malformed policies', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
  })

  it.each(cases)('$name', ({ text, path, says, line }) => {
    let error: unknown
    try {
      parsePolicy(text, FILE)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(PolicyError)
    const policyError = error as PolicyError
    expect(policyError.exitCode).toBe(EXIT.invalid)
    const problem = policyError.problems.find((p) => p.path === path && p.message.includes(says))
    expect(problem, `no problem at "${path}" saying "${says}" in:\n${policyError.message}`).toBeDefined()
    // One line: file (and line), path, what is wrong, the fix.
    for (const lineText of policyError.message.split('\n')) {
      expect(lineText.startsWith(FILE)).toBe(true)
      expect(lineText).toMatch(/fix:|did you mean/i)
    }
    if (line !== undefined) expect(problem?.line).toBe(line)
  })

  it('reports every problem of a file at once', () => {
    const text = withRequirement(`${AUC.replace('A.6.2.4', 'A.6.2.9')}\n  severity: blok`)
    const error = (() => {
      try {
        parsePolicy(text, FILE)
      } catch (caught) {
        return caught as PolicyError
      }
      return undefined
    })()
    expect(error?.problems).toHaveLength(2)
  })
})
