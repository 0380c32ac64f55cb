/**
 * The fairness check's decision rules (pass / fail / missing on the interval), exclusions, and
 * the messages for bad sensitive columns, single groups, empty groups and missing evidence.
 */
import { describe, expect, test } from 'vitest'
import { checkFairness, checkFairnessOnStatistics } from '../../../../src/core/checks/fairness.js'
import type { Evidence } from '../../../../src/core/evidence/types.js'
import type { GroupRow } from '../../../../src/core/fairness/assess.js'
import { assignGroups, computeGroupStatistics } from '../../../../src/core/fairness/group-stats.js'
import { perGroupRocAuc } from '../../../../src/core/fairness/per-group-performance.js'
import type { GroupCounts, GroupStatistics } from '../../../../src/core/fairness/types.js'
import {
  fairnessRequirementSchema,
  type FairnessRequirementInput
} from '../../../../src/core/policy/fairness-schema.js'
import { synthetic } from '../../../support/fairness-data.js'

const requirement = (fields: Partial<FairnessRequirementInput>) =>
  fairnessRequirementSchema.parse({
    id: 'dp-sex',
    check: 'fairness',
    metric: 'demographic_parity_difference',
    sensitiveFeatures: ['sex'],
    max: 0.1,
    controls: ['A.5.4', 'A.6.2.4'],
    ...fields
  })

/** A group with n rows, `positives` of them actual positives, with the given TPR and FPR. */
function group(values: string[], n: number, positives: number, tpr: number, fpr: number): GroupCounts {
  const tp = Math.round(positives * tpr)
  const fp = Math.round((n - positives) * fpr)
  return { values, n, tp, fn: positives - tp, fp, tn: n - positives - fp }
}

const stats = (features: string[], groups: GroupCounts[]): GroupStatistics => ({
  kind: 'group-statistics',
  features,
  rows: groups.reduce((s, g) => s + g.n, 0),
  groups
})

describe('decision on the interval', () => {
  test('a real disparity on plenty of data fails', () => {
    const s = stats(['sex'], [group(['Female'], 5000, 1000, 0.4, 0.05), group(['Male'], 5000, 2000, 0.8, 0.2)])
    const result = checkFairnessOnStatistics(requirement({}), s)
    expect(result.status).toBe('fail')
    const d = result.details as { point: number; interval: { low: number; high: number }; seed: number; nBoot: number }
    expect(d.interval.low).toBeGreaterThan(0.1)
    expect(d.seed).toBe(42)
    expect(d.nBoot).toBe(1000)
    expect(result.message).toMatch(/outside the limit/)
  })

  test('parity on plenty of data passes', () => {
    const s = stats(['sex'], [group(['Female'], 5000, 1000, 0.6, 0.1), group(['Male'], 5000, 1000, 0.61, 0.1)])
    const result = checkFairnessOnStatistics(requirement({}), s)
    expect(result.status).toBe('pass')
    expect((result.details as { interval: { high: number } }).interval.high).toBeLessThanOrEqual(0.1)
  })

  test('a point estimate inside the limit with an interval across it is missing, not pass', () => {
    const s = stats(['sex'], [group(['Female'], 120, 30, 0.5, 0.1), group(['Male'], 120, 30, 0.7, 0.12)])
    const result = checkFairnessOnStatistics(requirement({}), s)
    const d = result.details as { point: number; interval: { low: number; high: number } }
    expect(d.point).toBeLessThan(0.1)
    expect(d.interval.high).toBeGreaterThan(0.1)
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/straddles the limit/)
  })

  test('ratios are decided against min; disparate impact uses the reference group', () => {
    const s = stats(
      ['race'],
      [group(['A'], 4000, 800, 0.5, 0.05), group(['B'], 4000, 800, 0.9, 0.1), group(['C'], 4000, 800, 0.88, 0.1)]
    )
    const di = checkFairnessOnStatistics(
      requirement({
        metric: 'disparate_impact_ratio',
        sensitiveFeatures: ['race'],
        max: undefined,
        min: 0.8,
        referenceGroup: 'B'
      }),
      s
    )
    expect(di.status).toBe('fail')
    const point = (di.details as { point: number }).point
    const rate = (g: GroupCounts) => (g.tp + g.fp) / g.n
    expect(point).toBeCloseTo(rate(s.groups[0]!) / rate(s.groups[1]!), 12)
    const unknown = checkFairnessOnStatistics(
      requirement({
        metric: 'disparate_impact_ratio',
        sensitiveFeatures: ['race'],
        max: undefined,
        min: 0.8,
        referenceGroup: 'Z'
      }),
      s
    )
    expect(unknown.status).toBe('missing')
    expect(unknown.message).toMatch(/reference group "Z" does not occur.*"A", "B", "C"/)
  })

  test('per-group thresholds: every group must clear the limit', () => {
    const s = stats(['sex'], [group(['Female'], 3000, 1000, 0.9, 0.05), group(['Male'], 3000, 1000, 0.5, 0.3)])
    const result = checkFairnessOnStatistics(requirement({ metric: 'accuracy_score', max: undefined, min: 0.8 }), s)
    expect(result.status).toBe('fail')
    expect(result.message).toMatch(/group "Male"/)
    const ok = checkFairnessOnStatistics(requirement({ metric: 'accuracy_score', max: undefined, min: 0.6 }), s)
    expect(ok.status).toBe('pass')
  })

  test('per-group ROC AUC uses the stored intervals and needs them made with the same settings', () => {
    const input = synthetic(
      [
        { values: ['F'], weight: 1, base: 0.3, tpr: 0.8, fpr: 0.1 },
        { values: ['M'], weight: 1, base: 0.3, tpr: 0.8, fpr: 0.1 }
      ],
      4000,
      3
    )
    const s = computeGroupStatistics(input, ['f0']) as GroupStatistics
    const assignment = assignGroups(input.sensitive, ['f0'], 4000)
    if (assignment.kind !== 'assigned') throw new Error('unexpected')
    s.performance = {
      roc_auc: perGroupRocAuc(input.yTrue, input.scores!, assignment, {
        bootstrap: { nBoot: 200, seed: 42, confidence: 0.95 }
      })
    }
    const req = requirement({ metric: 'roc_auc', sensitiveFeatures: ['f0'], max: undefined, min: 0.75, nBoot: 200 })
    const result = checkFairnessOnStatistics(req, s)
    expect(result.status).toBe('pass')
    const rows = (result.details as { groups: GroupRow[] }).groups
    expect(rows[0]!.rocAuc!.interval![0]).toBeLessThanOrEqual(rows[0]!.rocAuc!.value!)
    expect(checkFairnessOnStatistics({ ...req, nBoot: 1000 }, s).status).toBe('missing')
    delete s.performance
    expect(checkFairnessOnStatistics(req, s).message).toMatch(/did not compute per-group roc_auc/)
  })
})

describe('groups that cannot be compared', () => {
  test('small groups are reported, excluded and named; the rest still decides', () => {
    const s = stats(
      ['race'],
      [group(['A'], 5000, 1000, 0.6, 0.1), group(['B'], 5000, 1000, 0.6, 0.1), group(['C'], 12, 3, 0.0, 0.9)]
    )
    const result = checkFairnessOnStatistics(requirement({ sensitiveFeatures: ['race'] }), s)
    expect(result.status).toBe('pass')
    expect(result.message).toMatch(/Excluded groups: "C" \(only 12 rows, below minGroupSize 30\)/)
    const d = result.details as { excludedGroups: { group: string; n: number }[]; groups: GroupRow[] }
    expect(d.excludedGroups).toEqual([{ group: 'C', n: 12, reason: 'only 12 rows, below minGroupSize 30' }])
    expect(d.groups[2]!.included).toBe(false)
    expect(d.groups[2]!.rates.selection_rate).toBeCloseTo((0 + Math.round(9 * 0.9)) / 12, 12)
  })

  test('when small groups leave fewer than two, the result is missing, not pass', () => {
    const s = stats(['race'], [group(['A'], 5000, 1000, 0.6, 0.1), group(['B'], 20, 5, 0.6, 0.1)])
    const result = checkFairnessOnStatistics(requirement({ sensitiveFeatures: ['race'] }), s)
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(
      /only 1 group\(s\) of race have at least 30 rows \(B: 20\); collect more evaluation data/
    )
  })

  test('a single group says there is nothing to compare', () => {
    const s = stats(['sex'], [group(['Male'], 500, 100, 0.6, 0.1)])
    const result = checkFairnessOnStatistics(requirement({}), s)
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/sex has a single group \("Male"\) in all 500 rows/)
  })

  test('empty intersections are listed as empty and excluded', () => {
    const s = stats(
      ['sex', 'race'],
      [
        group(['F', 'A'], 3000, 600, 0.6, 0.1),
        group(['F', 'B'], 0, 0, 0, 0),
        group(['M', 'A'], 3000, 600, 0.6, 0.1),
        group(['M', 'B'], 3000, 600, 0.6, 0.1)
      ]
    )
    const result = checkFairnessOnStatistics(requirement({ sensitiveFeatures: ['sex', 'race'] }), s)
    expect(result.status).toBe('pass')
    expect(result.message).toMatch(/"F×B" \(empty: no rows have this combination of values\)/)
  })

  test('a group without positives makes an equal-opportunity result missing, naming the group', () => {
    const s = stats(['sex'], [group(['Female'], 500, 0, 0, 0.1), group(['Male'], 500, 100, 0.6, 0.1)])
    const result = checkFairnessOnStatistics(requirement({ metric: 'equal_opportunity_difference' }), s)
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(
      /group "Female" has no actual positives \(n = 500\), so its true_positive_rate is undefined/
    )
  })

  test('a ratio whose largest rate is 0 is missing, not a number', () => {
    const s = stats(['sex'], [group(['Female'], 500, 100, 0, 0), group(['Male'], 500, 100, 0, 0)])
    const result = checkFairnessOnStatistics(
      requirement({ metric: 'demographic_parity_ratio', max: undefined, min: 0.8 }),
      s
    )
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/demographic_parity_ratio is undefined on this data: the largest group rate is 0/)
  })

  test("resamples that lose a group's positives make the result missing", () => {
    const s = stats(['sex'], [group(['Female'], 300, 2, 1, 0.1), group(['Male'], 3000, 600, 0.6, 0.1)])
    const result = checkFairnessOnStatistics(requirement({ metric: 'equal_opportunity_difference', max: 0.9 }), s)
    expect(result.status).toBe('missing')
    expect((result.details as { undefinedResamples: number }).undefinedResamples).toBeGreaterThan(0)
  })
})

describe('bad sensitive columns and missing evidence', () => {
  const rows = 60
  const base = {
    yTrue: Uint8Array.from({ length: rows }, (_, i) => i % 2),
    yPred: Uint8Array.from({ length: rows }, (_, i) => (i % 3 === 0 ? 1 : 0))
  }
  const detail = (entry: ReturnType<typeof computeGroupStatistics>): string =>
    entry.kind === 'missing' ? entry.detail : 'computed'

  test('a missing column names the columns there are and the nearest one', () => {
    const entry = computeGroupStatistics(
      { ...base, sensitive: { sex: Array(rows).fill('F') as string[], race: Array(rows).fill('A') as string[] } },
      ['sexx']
    )
    expect(entry.kind).toBe('missing')
    expect(detail(entry)).toBe(
      'sensitive feature "sexx" is not a column of the evaluation data (did you mean "sex"?); columns: sex, race'
    )
  })

  test('a numeric column is reported as needing bins', () => {
    const age = Array.from({ length: rows }, (_, i) => String(18 + i))
    expect(detail(computeGroupStatistics({ ...base, sensitive: { age } }, ['age']))).toMatch(
      /"age" looks numeric \(60 distinct values such as 18, 19, 20\); bin it/
    )
  })

  test('blank values name the column and the first row', () => {
    const sex = Array.from({ length: rows }, (_, i) => (i === 7 ? ' ' : i === 9 ? 'NaN' : 'F'))
    expect(detail(computeGroupStatistics({ ...base, sensitive: { sex } }, ['sex']))).toMatch(
      /"sex" has 2 blank or missing value\(s\) \(first at row 8\); fill them/
    )
  })

  test('labels that are not 0/1 and columns of the wrong length are explained', () => {
    const sex = Array(rows).fill('F') as string[]
    const yTrue = Uint8Array.from(base.yTrue)
    yTrue[3] = 2
    expect(detail(computeGroupStatistics({ ...base, yTrue, sensitive: { sex } }, ['sex']))).toMatch(
      /label at row 4 is 2, not 0\/1; map the positive class to 1/
    )
    expect(detail(computeGroupStatistics({ ...base, sensitive: { sex: sex.slice(1) } }, ['sex']))).toMatch(
      /"sex" has 59 values but the predictions have 60 rows/
    )
  })

  test('the check reports missing evidence with the reason', () => {
    const evidence = (recomputed: unknown) => ({ candidate: { recomputed } }) as unknown as Evidence
    expect(checkFairness(requirement({}), evidence(undefined)).message).toMatch(/No recomputed evaluation/)
    expect(
      checkFairness(requirement({}), evidence({ kind: 'missing', reason: 'unsupported', detail: 'no ONNX runtime' }))
        .message
    ).toMatch(/could not run.*no ONNX runtime/)
    const provenance = { source: 'recomputed', uri: 'file:eval.csv' }
    const present = (groups: Record<string, unknown>) =>
      evidence({
        kind: 'present',
        value: { metrics: {}, dataset: { uri: 'eval.csv', sha256: 'x', rows: 1 }, modelSha256: 'y', groups },
        provenance
      })
    expect(checkFairness(requirement({}), present({})).message).toMatch(/No group statistics for sex/)
    const bad = checkFairness(
      requirement({}),
      present({ sex: { kind: 'missing', reason: 'not-found', detail: 'sensitive feature "sex" is not a column' } })
    )
    expect(bad.status).toBe('missing')
    expect(bad.message).toMatch(/could not be computed: sensitive feature "sex" is not a column/)
    const ok = checkFairness(
      requirement({}),
      present({ sex: stats(['sex'], [group(['F'], 5000, 1000, 0.6, 0.1), group(['M'], 5000, 1000, 0.6, 0.1)]) })
    )
    expect(ok.status).toBe('pass')
    expect(ok.evidence[0]!.label).toBe('recomputed groups sex')
  })
})

describe('policy schema', () => {
  test('defaults: minGroupSize 30, confidence 0.95, nBoot 1000, seed 42, severity block', () => {
    const r = requirement({})
    expect([r.minGroupSize, r.confidence, r.nBoot, r.seed, r.severity]).toEqual([30, 0.95, 1000, 42, 'block'])
  })

  test.each([
    [{ max: undefined }, /needs min or max; add e.g. max: 0.1/],
    [{ metric: 'demographic_parity_ratio', max: 0.5 }, /better when closer to 1; give a min/],
    [{ metric: 'equalized_odds_difference', max: undefined, min: 0.1 }, /better when smaller; give a max/],
    [{ referenceGroup: 'Male' }, /referenceGroup applies only to metric: disparate_impact_ratio/],
    [
      {
        metric: 'disparate_impact_ratio',
        max: undefined,
        min: 0.8,
        sensitiveFeatures: ['sex', 'race'],
        referenceGroup: 'Male'
      },
      /one value per sensitive feature \(sex, race\)/
    ],
    [{ metric: 'parity' }, /metric must be one of demographic_parity_difference/],
    [{ nBoot: 10 }, /nBoot must be at least 100/],
    [{ sensitiveFeatures: [] }, /list at least one sensitive feature column/],
    [{ sensitiveFeatures: ['sex', 'sex'] }, /"sex" is listed twice/],
    [{ confidence: 95 }, /confidence must be between 0 and 1/],
    [{ maxGap: 0.1 }, /maxGap/]
  ])('rejects %o with a message that says the fix', (fields, message) => {
    const parsed = fairnessRequirementSchema.safeParse({
      id: 'x',
      check: 'fairness',
      metric: 'demographic_parity_difference',
      sensitiveFeatures: ['sex'],
      max: 0.1,
      controls: ['A.5.4'],
      ...fields
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.map((i) => `${i.message} ${i.path.join('.')}`).join('\n')).toMatch(message)
  })
})
