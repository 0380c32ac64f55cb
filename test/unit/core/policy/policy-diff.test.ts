/**
 * The requirement-level difference between a pull request's base policy and its head: every kind
 * of weakening an author could write to get a bad model through is reported as weakening;
 * strengthening is listed as such; reordering is no change; inheritance is applied.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { diffPolicies, type PolicyChangeEntry } from '../../../../src/core/policy/policy-diff.js'

type Doc = {
  version: 1
  name: string
  defaultProfile?: string
  profiles: Record<string, { extends?: string; requirements: Record<string, unknown>[] }>
  controls?: Record<string, unknown>
  waivers?: Record<string, unknown>[]
  evaluation?: Record<string, unknown>
}

const auc = { id: 'auc', check: 'metric', metric: 'roc_auc', min: 0.8, controls: ['A.6.2.4'] }
const champion = {
  id: 'auc-vs-champion',
  check: 'metric',
  metric: 'roc_auc',
  baseline: 'champion',
  maxDecrease: 0.01,
  controls: ['A.6.2.4']
}
const reconciled = {
  id: 'auc-reconciled',
  check: 'metric',
  metric: 'roc_auc',
  source: 'reconciled',
  tolerance: 0.001,
  min: 0.7,
  controls: ['A.6.2.4']
}
const provenance = {
  id: 'provenance',
  check: 'datasets',
  contexts: ['training', 'evaluation'],
  require: ['digest', 'source'],
  distinct: true,
  controls: ['A.7.5']
}
const impact = { id: 'impact', check: 'artifact', path: 'impact_assessment.md', maxAgeDays: 365, controls: ['A.5.3'] }
const card = { id: 'card', check: 'documentation', sections: ['intended_use', 'limitations'], controls: ['A.6.2.7'] }
const approval = {
  id: 'release-approval',
  check: 'approval',
  minApprovals: 2,
  sources: ['github-environment'],
  separationOfDuties: true,
  approvers: { users: ['riley'] },
  environments: ['model-release'],
  controls: ['A.6.2.5']
}
const fairness = {
  id: 'eo-sex',
  check: 'fairness',
  metric: 'equal_opportunity_difference',
  sensitiveFeatures: ['sex', 'race'],
  max: 0.1,
  minGroupSize: 30,
  confidence: 0.95,
  nBoot: 1000,
  seed: 42,
  controls: ['A.5.4']
}

function base(): Doc {
  return {
    version: 1,
    name: 'release',
    defaultProfile: 'production',
    profiles: {
      'pull-request': { requirements: [structuredClone(auc), structuredClone(card)] },
      production: {
        extends: 'pull-request',
        requirements: [champion, reconciled, provenance, impact, approval, fairness].map((r) => structuredClone(r))
      }
    },
    controls: { 'A.9.3': { applicable: true } },
    waivers: [
      {
        requirement: 'impact',
        model: 'credit-risk',
        versions: ['3', '4'],
        reason: 'review booked',
        approvedBy: 'head-of-risk',
        approved: '2026-11-20',
        expires: '2027-01-31'
      }
    ]
  }
}

const policy = (doc: Doc, file = 'p.yml') => parsePolicy(stringify(doc), file)
const diff = (before: Doc, after: Doc) => diffPolicies(policy(before), policy(after, 'p.yml'))

function edit(change: (doc: Doc) => void): Doc {
  const doc = base()
  change(doc)
  return doc
}

const requirement = (doc: Doc, id: string): Record<string, unknown> => {
  for (const profile of Object.values(doc.profiles)) {
    const found = profile.requirements.find((r) => r.id === id)
    if (found) return found
  }
  throw new Error(`no ${id}`)
}

const only = (entries: PolicyChangeEntry[], effect: PolicyChangeEntry['effect']) =>
  entries.filter((e) => e.effect === effect)

describe('diffPolicies', () => {
  it('finds no difference between a policy and itself, nor after reordering', () => {
    expect(diff(base(), base()).entries).toEqual([])
    const reordered = edit((doc) => {
      doc.profiles.production!.requirements.reverse()
      const p = requirement(doc, 'provenance')
      p.contexts = ['evaluation', 'training']
      p.require = ['source', 'digest']
      requirement(doc, 'eo-sex').controls = ['A.5.4']
      doc.profiles = { production: doc.profiles.production!, 'pull-request': doc.profiles['pull-request']! }
      doc.waivers![0]!.versions = ['4', '3']
    })
    expect(diff(base(), reordered)).toEqual({ entries: [], weakened: 0, strengthened: 0, changed: 0 })
  })

  const weakenings: [string, (doc: Doc) => void, { subject: string; field?: string }][] = [
    ['min lowered', (d) => (requirement(d, 'auc').min = 0.5), { subject: 'auc', field: 'min' }],
    [
      'min removed (replaced by a max nobody misses)',
      (d) => {
        delete requirement(d, 'auc').min
        requirement(d, 'auc').max = 1
      },
      { subject: 'auc', field: 'min' }
    ],
    ['max raised', (d) => (requirement(d, 'eo-sex').max = 0.4), { subject: 'eo-sex', field: 'max' }],
    [
      'maxDecrease raised',
      (d) => (requirement(d, 'auc-vs-champion').maxDecrease = 0.2),
      { subject: 'auc-vs-champion', field: 'maxDecrease' }
    ],
    [
      'tolerance raised',
      (d) => (requirement(d, 'auc-reconciled').tolerance = 0.5),
      { subject: 'auc-reconciled', field: 'tolerance' }
    ],
    [
      'source reconciled → logged',
      (d) => {
        const r = requirement(d, 'auc-reconciled')
        r.source = 'logged'
        delete r.tolerance
      },
      { subject: 'auc-reconciled', field: 'source' }
    ],
    ['metric swapped', (d) => (requirement(d, 'auc').metric = 'accuracy_score'), { subject: 'auc', field: 'metric' }],
    [
      'baseline alias swapped',
      (d) => (requirement(d, 'auc-vs-champion').baseline = 'weakest'),
      { subject: 'auc-vs-champion', field: 'baseline' }
    ],
    [
      'minApprovals lowered',
      (d) => (requirement(d, 'release-approval').minApprovals = 1),
      { subject: 'release-approval', field: 'minApprovals' }
    ],
    [
      'separationOfDuties turned off',
      (d) => (requirement(d, 'release-approval').separationOfDuties = false),
      { subject: 'release-approval', field: 'separationOfDuties' }
    ],
    [
      'approval sources reduced / swapped for tags',
      (d) => {
        const r = requirement(d, 'release-approval')
        r.sources = ['mlflow-tag']
        delete r.approvers
        delete r.environments
      },
      { subject: 'release-approval', field: 'sources' }
    ],
    [
      'an easier approval source added',
      (d) => (requirement(d, 'release-approval').sources = ['github-environment', 'mlflow-tag']),
      { subject: 'release-approval', field: 'sources' }
    ],
    [
      'approvers widened',
      (d) => (requirement(d, 'release-approval').approvers = { users: ['riley', 'mallory'] }),
      { subject: 'release-approval', field: 'approvers' }
    ],
    [
      'environments dropped (any environment)',
      (d) => delete requirement(d, 'release-approval').environments,
      { subject: 'release-approval', field: 'environments' }
    ],
    [
      'tagPrefix changed',
      (d) => (requirement(d, 'release-approval').tagPrefix = 'mine'),
      { subject: 'release-approval', field: 'tagPrefix' }
    ],
    ['severity block → warn', (d) => (requirement(d, 'auc').severity = 'warn'), { subject: 'auc', field: 'severity' }],
    [
      'a control dropped from a requirement',
      (d) => {
        requirement(d, 'provenance').controls = []
        requirement(d, 'provenance').supports = ['A.4.3']
      },
      { subject: 'provenance', field: 'controls' }
    ],
    [
      'a control moved from controls (satisfied) to supports',
      (d) => {
        requirement(d, 'provenance').controls = []
        requirement(d, 'provenance').supports = ['A.7.5']
      },
      { subject: 'provenance', field: 'controls' }
    ],
    [
      'dataset contexts reduced',
      (d) => (requirement(d, 'provenance').contexts = ['training']),
      { subject: 'provenance', field: 'contexts' }
    ],
    [
      'required dataset fields reduced',
      (d) => (requirement(d, 'provenance').require = ['digest']),
      { subject: 'provenance', field: 'require' }
    ],
    [
      'distinct turned off',
      (d) => (requirement(d, 'provenance').distinct = false),
      { subject: 'provenance', field: 'distinct' }
    ],
    [
      'artifact path changed',
      (d) => (requirement(d, 'impact').path = 'anything.md'),
      { subject: 'impact', field: 'path' }
    ],
    [
      'maxAgeDays raised',
      (d) => (requirement(d, 'impact').maxAgeDays = 5000),
      { subject: 'impact', field: 'maxAgeDays' }
    ],
    [
      'documentation sections reduced',
      (d) => (requirement(d, 'card').sections = ['intended_use']),
      { subject: 'card', field: 'sections' }
    ],
    [
      'sensitive features reduced',
      (d) => (requirement(d, 'eo-sex').sensitiveFeatures = ['sex']),
      { subject: 'eo-sex', field: 'sensitiveFeatures' }
    ],
    [
      'minGroupSize raised (groups excluded)',
      (d) => (requirement(d, 'eo-sex').minGroupSize = 10_000),
      { subject: 'eo-sex', field: 'minGroupSize' }
    ],
    [
      'confidence lowered (narrower interval)',
      (d) => (requirement(d, 'eo-sex').confidence = 0.5),
      { subject: 'eo-sex', field: 'confidence' }
    ],
    [
      'bootstrap seed changed (fishing for a pass)',
      (d) => (requirement(d, 'eo-sex').seed = 7),
      { subject: 'eo-sex', field: 'seed' }
    ],
    [
      'predictionColumn added (author-written predictions)',
      (d) => (requirement(d, 'eo-sex').predictionColumn = 'pred'),
      { subject: 'eo-sex', field: 'predictionColumn' }
    ],
    [
      'requirement removed',
      (d) => {
        d.profiles.production!.requirements = d.profiles.production!.requirements.filter((r) => r.id !== 'impact')
        d.waivers = []
      },
      { subject: 'impact' }
    ],
    [
      'check kind swapped under the same id',
      (d) => {
        d.profiles.production!.requirements = d.profiles.production!.requirements.map((r) =>
          r.id === 'impact'
            ? { id: 'impact', check: 'documentation', sections: ['intended_use'], controls: ['A.6.2.7'] }
            : r
        )
        d.waivers = []
      },
      { subject: 'impact', field: 'check' }
    ],
    [
      'waiver added',
      (d) =>
        d.waivers!.push({
          requirement: 'auc',
          model: 'credit-risk',
          versions: ['4'],
          reason: 'trust me',
          approvedBy: 'me',
          approved: '2026-11-20',
          expires: '2099-01-01'
        }),
      { subject: 'auc@credit-risk' }
    ],
    ['waiver extended', (d) => (d.waivers![0]!.expires = '2099-12-31'), { subject: 'impact@credit-risk' }],
    [
      'control marked not applicable',
      (d) => (d.controls!['A.5.4'] = { applicable: false, justification: 'not us' }),
      { subject: 'A.5.4' }
    ],
    ['defaultProfile changed', (d) => (d.defaultProfile = 'pull-request'), { subject: 'defaultProfile' }],
    [
      'profile removed',
      (d) => {
        delete d.profiles.production
        d.defaultProfile = 'pull-request'
        d.waivers = []
      },
      { subject: 'production' }
    ],
    [
      'evaluation data swapped',
      (d) => (d.evaluation = { data: { path: 'easy.csv' }, label: 'y', task: 'binary' }),
      { subject: 'evaluation' }
    ]
  ]

  it.each(weakenings)('reports "%s" as weakening', (_name, change, expected) => {
    const result = diff(base(), edit(change))
    expect(result.weakened).toBeGreaterThan(0)
    expect(only(result.entries, 'weakened')).toContainEqual(expect.objectContaining(expected))
    // Weakening first, so whoever reads the top sees it.
    expect(result.entries[0]!.effect).toBe('weakened')
  })

  it('lists strengthening as strengthening, never as weakening', () => {
    const stronger = edit((d) => {
      requirement(d, 'auc').min = 0.9
      requirement(d, 'auc-vs-champion').maxDecrease = 0.001
      requirement(d, 'release-approval').minApprovals = 3
      requirement(d, 'provenance').contexts = ['training', 'evaluation', 'test']
      requirement(d, 'impact').maxAgeDays = 90
      requirement(d, 'eo-sex').confidence = 0.99
      d.profiles.production!.requirements.push({
        id: 'extra',
        check: 'documentation',
        sections: ['human_oversight'],
        controls: ['A.8.2']
      })
      d.waivers = []
    })
    const result = diff(base(), stronger)
    expect(result.weakened).toBe(0)
    expect(result.entries.map((e) => [e.subject, e.field ?? null])).toEqual(
      expect.arrayContaining([
        ['auc', 'min'],
        ['auc-vs-champion', 'maxDecrease'],
        ['release-approval', 'minApprovals'],
        ['provenance', 'contexts'],
        ['impact', 'maxAgeDays'],
        ['eo-sex', 'confidence'],
        ['extra', null],
        ['impact@credit-risk', null]
      ])
    )
    expect(result.strengthened).toBe(result.entries.length)
  })

  it('applies inheritance: a parent threshold lowered shows in every profile that inherits it, listed once', () => {
    const result = diff(
      base(),
      edit((d) => (requirement(d, 'auc').min = 0.1))
    )
    expect(result.entries).toEqual([
      expect.objectContaining({
        effect: 'weakened',
        subject: 'auc',
        field: 'min',
        base: '0.8',
        head: '0.1',
        profiles: ['pull-request', 'production'],
        message: 'requirement auc: min lowered (0.8 → 0.1)'
      })
    ])
  })

  it('a child overriding an inherited requirement with a laxer one is a weakening of that profile only', () => {
    const result = diff(
      base(),
      edit((d) => d.profiles.production!.requirements.push({ ...auc, min: 0.5 }))
    )
    expect(result.entries).toEqual([
      expect.objectContaining({ effect: 'weakened', subject: 'auc', field: 'min', profiles: ['production'] })
    ])
  })

  it('reports a changed extends chain and the requirements it drops', () => {
    const after = edit((d) => {
      // One blocking requirement: a profile without any is refused by the policy loader.
      d.profiles.lax = {
        requirements: [{ id: 'lax-card', check: 'documentation', sections: ['intended_use'], controls: ['A.6.2.7'] }]
      }
      d.profiles.production!.extends = 'lax'
    })
    const result = diff(base(), after)
    expect(result.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          effect: 'weakened',
          subject: 'auc',
          profiles: ['production'],
          message: 'requirement auc (metric) removed'
        }),
        expect.objectContaining({ effect: 'weakened', subject: 'card', profiles: ['production'] }),
        expect.objectContaining({
          effect: 'changed',
          area: 'profile',
          subject: 'production',
          field: 'extends',
          base: '"pull-request"',
          head: '"lax"'
        }),
        expect.objectContaining({ effect: 'changed', area: 'profile', subject: 'lax' })
      ])
    )
  })

  it('an unranked change of an unknown field counts as weakening (fail safe)', async () => {
    const { diffRequirement } = await import('../../../../src/core/policy/requirement-diff.js')
    const before = { ...auc, source: 'logged', severity: 'block' } as never
    const after = { ...auc, source: 'logged', severity: 'block', futureKnob: true } as never
    expect(diffRequirement(before, after)).toEqual([
      expect.objectContaining({ field: 'futureKnob', effect: 'weakened' })
    ])
  })

  it('a justification-only change of the statement of applicability is listed, unranked', () => {
    const before = edit((d) => (d.controls!['A.9.3'] = { applicable: false, justification: 'portfolio level' }))
    const after = edit((d) => (d.controls!['A.9.3'] = { applicable: false, justification: 'someone else' }))
    expect(diff(before, after).entries).toEqual([
      expect.objectContaining({ effect: 'changed', area: 'control', subject: 'A.9.3' })
    ])
    expect(diff(after, base()).entries).toEqual([
      expect.objectContaining({ effect: 'strengthened', area: 'control', subject: 'A.9.3' })
    ])
  })

  describe('properties', () => {
    const numeric: { id: string; field: string; weaker: (v: number, by: number) => number; value: number }[] = [
      { id: 'auc', field: 'min', value: 0.8, weaker: (v, by) => v - by },
      { id: 'auc-reconciled', field: 'min', value: 0.7, weaker: (v, by) => v - by },
      { id: 'auc-vs-champion', field: 'maxDecrease', value: 0.01, weaker: (v, by) => v + by },
      { id: 'auc-reconciled', field: 'tolerance', value: 0.001, weaker: (v, by) => v + by },
      { id: 'eo-sex', field: 'max', value: 0.1, weaker: (v, by) => v + by },
      { id: 'eo-sex', field: 'minGroupSize', value: 30, weaker: (v, by) => v + Math.ceil(by * 100) },
      { id: 'release-approval', field: 'minApprovals', value: 2, weaker: (v) => v - 1 },
      { id: 'impact', field: 'maxAgeDays', value: 365, weaker: (v, by) => v + Math.ceil(by * 1000) }
    ]

    it('a head identical to the base (any thresholds) yields no difference', () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 0.5, noNaN: true }),
          fc.integer({ min: 1, max: 9 }),
          (min, decrease, approvals) => {
            const doc = edit((d) => {
              requirement(d, 'auc').min = min
              requirement(d, 'auc-vs-champion').maxDecrease = decrease
              requirement(d, 'release-approval').minApprovals = approvals
            })
            expect(diff(doc, structuredClone(doc)).entries).toEqual([])
          }
        )
      )
    })

    it('any weakening of a numeric threshold is reported as weakening of that field', () => {
      fc.assert(
        fc.property(fc.constantFrom(...numeric), fc.double({ min: 1e-9, max: 0.09, noNaN: true }), (threshold, by) => {
          const after = edit(
            (d) => (requirement(d, threshold.id)[threshold.field] = threshold.weaker(threshold.value, by))
          )
          const result = diff(base(), after)
          expect(only(result.entries, 'weakened')).toContainEqual(
            expect.objectContaining({ subject: threshold.id, field: threshold.field })
          )
          expect(only(result.entries, 'strengthened')).toEqual([])
        }),
        { numRuns: 200 }
      )
    })
  })
})
