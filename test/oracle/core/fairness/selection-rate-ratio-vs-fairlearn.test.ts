/**
 * The selection-rate-ratio check's figures against fairlearn, run during the test on the Adult
 * data with a scikit-learn model's predictions: every group's selection rate equals
 * MetricFrame(selection_rate).by_group, each impact ratio equals that rate over the highest (or
 * the named reference) group's, and the lowest ratio under `reference: highest` equals
 * fairlearn's demographic_parity_ratio, all to 1e-9.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { computeGroupStatistics } from '../../../../src/core/fairness/group-stats.js'
import { assessSelectionRateRatio } from '../../../../src/core/fairness/selection-rate-ratio.js'
import { assessSubgroupPerformance } from '../../../../src/core/fairness/subgroup-performance.js'
import { RATE_METRICS } from '../../../../src/core/fairness/metrics.js'
import { groupLabel, type GroupStatistics, type GroupStatsInput } from '../../../../src/core/fairness/types.js'
import { readAdult } from '../../../support/fairness-data.js'
import { adultPredictions, fairlearnReference, type Reference } from './fairlearn-reference.js'

const TOLERANCE = 1e-9

const settings = { nBoot: 200, seed: 3, confidence: 0.95, minGroupSize: 1 }

function statistics(input: GroupStatsInput, features: string[]): GroupStatistics {
  const stats = computeGroupStatistics(input, features)
  if (stats.kind !== 'group-statistics') throw new Error(stats.detail)
  return stats
}

describe('selection-rate ratio vs fairlearn on Adult', () => {
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

  for (const [index, features] of [['sex'], ['race'], ['sex', 'race']].entries()) {
    test(`${features.join('×')}: rates and impact ratios against the highest group equal fairlearn's`, () => {
      const ref = reference.featureSets[index]!
      const assessed = assessSelectionRateRatio(
        { ...settings, sensitiveFeatures: features, reference: 'highest' },
        statistics(input, features)
      )
      const theirs = new Map(ref.byGroup.map((g) => [groupLabel(g.values), g.selection_rate as number | null]))
      const rates = [...theirs.values()].filter((r): r is number => r !== null)
      const highest = Math.max(...rates)
      for (const row of assessed.table.filter((r) => r.n > 0)) {
        expect(Math.abs(row.selectionRate! - theirs.get(row.group)!)).toBeLessThanOrEqual(TOLERANCE)
        expect(Math.abs(row.impactRatio! - theirs.get(row.group)! / highest)).toBeLessThanOrEqual(TOLERANCE)
      }
      expect(Math.abs(assessed.point! - ref.aggregates.demographic_parity_ratio!)).toBeLessThanOrEqual(TOLERANCE)
      expect(assessed.interval!.low).toBeLessThanOrEqual(assessed.point!)
      expect(assessed.interval!.high).toBeGreaterThanOrEqual(assessed.point!)
    })
  }

  test('against a named reference group (Female): ratios equal fairlearn rate / Female rate', () => {
    const ref = reference.featureSets[0]!
    const assessed = assessSelectionRateRatio(
      { ...settings, sensitiveFeatures: ['sex'], reference: 'Female' },
      statistics(input, ['sex'])
    )
    const female = ref.byGroup.find((g) => g.values[0] === 'Female')!.selection_rate as number
    const male = ref.byGroup.find((g) => g.values[0] === 'Male')!.selection_rate as number
    expect(assessed.referenceGroup).toBe('Female')
    expect(Math.abs(assessed.point! - male / female)).toBeLessThanOrEqual(TOLERANCE)
  })

  test("subgroup performance: every rate per group equals MetricFrame.by_group, the TPR gap fairlearn's", () => {
    for (const [index, features] of [['sex'], ['race'], ['sex', 'race']].entries()) {
      const ref = reference.featureSets[index]!
      const theirs = new Map(ref.byGroup.map((g) => [groupLabel(g.values), g]))
      for (const metric of RATE_METRICS) {
        const assessed = assessSubgroupPerformance({ ...settings, metric, min: 0 }, statistics(input, features))
        for (const row of assessed.table.filter((r) => r.n > 0 && r.value !== null)) {
          const expected = theirs.get(row.group)![metric] as number
          expect(Math.abs(row.value! - expected), `${metric} ${row.group}`).toBeLessThanOrEqual(TOLERANCE)
        }
      }
      if (index === 0) {
        const tpr = assessSubgroupPerformance(
          { ...settings, metric: 'true_positive_rate', maxGap: 1 },
          statistics(input, features)
        )
        const gap = ref.aggregates.equal_opportunity_difference!
        expect(Math.abs(tpr.gap!.value - gap)).toBeLessThanOrEqual(TOLERANCE)
      }
    }
  })
})
