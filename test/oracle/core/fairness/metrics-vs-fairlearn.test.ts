/**
 * Point estimates against fairlearn (MetricFrame and its *_difference / *_ratio functions), run
 * during the test on the same rows and predictions: every figure must agree to 1e-9, for single
 * and intersectional sensitive features, on the Adult data and on generated data.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { assignGroups, computeGroupStatistics } from '../../../../src/core/fairness/group-stats.js'
import {
  DISPARITY_METRICS,
  RATE_METRICS,
  disparity,
  groupRate,
  packCounts
} from '../../../../src/core/fairness/metrics.js'
import { perGroupRocAuc } from '../../../../src/core/fairness/per-group-performance.js'
import { groupLabel, type GroupStatistics, type GroupStatsInput } from '../../../../src/core/fairness/types.js'
import { readAdult, synthetic, writeCsv } from '../../../support/fairness-data.js'
import {
  adultPredictions,
  fairlearnReference,
  type Reference,
  type ReferenceFeatureSet
} from './fairlearn-reference.js'

const TOLERANCE = 1e-9

function statistics(input: GroupStatsInput, features: string[]): GroupStatistics {
  const stats = computeGroupStatistics(input, features)
  if (stats.kind !== 'group-statistics') throw new Error(stats.detail)
  return stats
}

/** Compares every group's rates and every aggregate with fairlearn's. */
function expectSameAsFairlearn(input: GroupStatsInput, ref: ReferenceFeatureSet, expectAllDefined = true): void {
  const stats = statistics(input, ref.features)
  const cells = packCounts(stats.groups)
  // fairlearn's by_group drops nothing for one feature and NaN-fills empty intersections.
  expect(stats.groups.map((g) => groupLabel(g.values))).toEqual(ref.byGroup.map((g) => groupLabel(g.values)))
  let allDefined = true
  stats.groups.forEach((g, i) => {
    const theirs = ref.byGroup[i]!
    if (g.n === 0) {
      expect(theirs.selection_rate).toBeNull()
      return
    }
    expect(g.n).toBe(theirs.count)
    for (const rate of RATE_METRICS) {
      const ours = groupRate(rate, cells, i)
      if (Number.isNaN(ours)) {
        // sklearn's zero division gives 0 (with or without a warning); we report undefined.
        expect(theirs[rate]).toBe(0)
        allDefined = false
      } else {
        expect(Math.abs(ours - (theirs[rate] as number))).toBeLessThanOrEqual(TOLERANCE)
      }
    }
  })
  // The aggregates are compared where every rate exists (see the edge-case tests for the rest).
  expect(allDefined).toBe(expectAllDefined)
  const include = Uint8Array.from(stats.groups, (g) => (g.n > 0 ? 1 : 0))
  for (const metric of DISPARITY_METRICS) {
    if (metric === 'disparate_impact_ratio') continue
    const theirs = ref.aggregates[metric]
    const ours = disparity(metric, cells, include)
    if (!allDefined) continue
    expect(theirs, metric).not.toBeNull()
    expect(Math.abs(ours - theirs!), `${metric} on ${ref.features.join('×')}`).toBeLessThanOrEqual(TOLERANCE)
  }
  // Disparate impact without a reference group is the demographic parity ratio by definition.
  expect(
    Math.abs(disparity('disparate_impact_ratio', cells, include) - ref.aggregates.demographic_parity_ratio!)
  ).toBeLessThanOrEqual(TOLERANCE)
  // And against a reference group: from fairlearn's by-group selection rates.
  const reference = stats.groups.findIndex((g) => g.n > 0)
  const refRate = ref.byGroup[reference]!.selection_rate as number
  const others = ref.byGroup
    .filter((g, i) => i !== reference && g.selection_rate !== null)
    .map((g) => (g.selection_rate as number) / refRate)
  expect(
    Math.abs(disparity('disparate_impact_ratio', cells, include, reference) - Math.min(...others))
  ).toBeLessThanOrEqual(TOLERANCE)
}

function expectSameAuc(input: GroupStatsInput, ref: ReferenceFeatureSet): void {
  const assignment = assignGroups(input.sensitive, ref.features, input.yTrue.length)
  if (assignment.kind !== 'assigned') throw new Error(assignment.detail)
  const auc = perGroupRocAuc(input.yTrue, input.scores!, assignment)
  for (const g of ref.byGroup) {
    if (g.count === null || g.roc_auc === undefined || g.roc_auc === null) continue
    const ours = auc[groupLabel(g.values)]!.value
    expect(ours).not.toBeNull()
    expect(Math.abs(ours! - g.roc_auc)).toBeLessThanOrEqual(TOLERANCE)
  }
}

describe('on the Adult data', () => {
  let input: GroupStatsInput
  let reference: Reference
  beforeAll(() => {
    const predictions = adultPredictions()
    input = readAdult(predictions)
    reference = fairlearnReference({
      source: 'adult',
      path: 'data/adult/adult.csv',
      predictions,
      featureSets: [['sex'], ['race'], ['sex', 'race']]
    })
  }, 300_000)

  test('single features (sex, race): rates, differences and ratios equal fairlearn to 1e-9', () => {
    expectSameAsFairlearn(input, reference.featureSets[0]!)
    expectSameAsFairlearn(input, reference.featureSets[1]!)
  })

  test('intersectional sex×race equals fairlearn to 1e-9', () => {
    expectSameAsFairlearn(input, reference.featureSets[2]!)
  })

  test('per-group ROC AUC equals sklearn roc_auc_score per group', () => {
    for (const set of reference.featureSets) expectSameAuc(input, set)
  })
})

describe('on generated data', () => {
  const base = { base: 0.3, tpr: 0.7, fpr: 0.1 }
  const groups = [
    { values: ['a', 'x'], weight: 3, ...base },
    { values: ['a', 'y'], weight: 2, base: 0.5, tpr: 0.6, fpr: 0.2 },
    { values: ['b', 'x'], weight: 2, base: 0.2, tpr: 0.8, fpr: 0.05 },
    { values: ['b', 'y'], weight: 1, base: 0.4, tpr: 0.5, fpr: 0.15 },
    { values: ['c', 'x'], weight: 1, base: 0.35, tpr: 0.75, fpr: 0.3 }
    // ('c', 'y') never occurs: an empty intersection, NaN in fairlearn, n = 0 here.
  ]
  let input: GroupStatsInput
  let reference: Reference
  beforeAll(() => {
    input = synthetic(groups, 20_000, 11)
    reference = fairlearnReference({
      source: 'csv',
      path: writeCsv(input),
      featureSets: [['f0'], ['f1'], ['f0', 'f1']]
    })
  }, 300_000)

  test('single features equal fairlearn to 1e-9', () => {
    expectSameAsFairlearn(input, reference.featureSets[0]!)
    expectSameAsFairlearn(input, reference.featureSets[1]!)
  })

  test('intersectional features with an empty combination equal fairlearn to 1e-9', () => {
    const set = reference.featureSets[2]!
    expect(set.byGroup.some((g) => g.selection_rate === null)).toBe(true)
    expectSameAsFairlearn(input, set)
    expectSameAuc(input, set)
  })
})

describe('edge cases fairlearn papers over', () => {
  test('a group without positives: fairlearn reports TPR 0, we report it undefined', () => {
    const input = synthetic(
      [
        { values: ['p'], weight: 1, base: 0.4, tpr: 0.7, fpr: 0.1 },
        { values: ['q'], weight: 1, base: 0, tpr: 0.7, fpr: 0.1 }
      ],
      400,
      5
    )
    const reference = fairlearnReference({ source: 'csv', path: writeCsv(input), featureSets: [['f0']] })
    const set = reference.featureSets[0]!
    const stats = statistics(input, ['f0'])
    const cells = packCounts(stats.groups)
    expect(groupRate('true_positive_rate', cells, 1)).toBeNaN()
    expect(set.byGroup[1]!.true_positive_rate).toBe(0)
    // fairlearn's equal opportunity difference is then the other group's TPR − 0: a made-up number.
    expect(set.aggregates.equal_opportunity_difference).toBeCloseTo(groupRate('true_positive_rate', cells, 0), 12)
    expect(disparity('equal_opportunity_difference', cells, Uint8Array.of(1, 1))).toBeNaN()
    // Selection-rate metrics stay defined and equal.
    expect(
      Math.abs(
        disparity('demographic_parity_difference', cells, Uint8Array.of(1, 1)) -
          set.aggregates.demographic_parity_difference!
      )
    ).toBeLessThanOrEqual(TOLERANCE)
  }, 120_000)
})
