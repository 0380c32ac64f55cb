/**
 * The count bootstrap: exact samplers, reproducible seeds, and intervals that agree with
 * fairlearn's row bootstrap (MetricFrame(n_boot, ci_quantiles, random_state)) run in the test.
 *
 * Why the tolerance: the two bootstraps use different random streams, so their quantiles differ by
 * Monte-Carlo error only. A sample p-quantile from B draws has standard error
 * sqrt(p(1−p)/B) / f(q_p), f the density of the bootstrap distribution at that quantile; for two
 * independent estimates the errors add in quadrature. f is estimated from our own 20,000
 * replicates by a finite difference of quantiles. We allow 5 standard errors: MC noise alone
 * exceeds that with probability < 1e-6 per comparison (normal approximation). With fairlearn at
 * n_boot = 250 this is about 0.4 bootstrap standard deviations at the median and 0.85 at the
 * 2.5 % / 97.5 % tails, so it catches a wrong rate, a shifted or mis-scaled distribution, not a
 * subtle change of resampling scheme; that the multinomial reproduces row resampling exactly is
 * argued in bootstrap.ts and its samplers are tested above (mean and variance per cell).
 */
import { beforeAll, describe, expect, test } from 'vitest'
import {
  bootstrapCounts,
  makeMultinomialSampler,
  sortedFinite,
  sortedQuantile
} from '../../../../src/core/fairness/bootstrap.js'
import { computeGroupStatistics } from '../../../../src/core/fairness/group-stats.js'
import { disparity, groupRate, packCounts, type RateMetric } from '../../../../src/core/fairness/metrics.js'
import { Xoshiro128, binomial } from '../../../../src/core/fairness/random.js'
import { groupLabel, type GroupStatistics, type GroupStatsInput } from '../../../../src/core/fairness/types.js'
import { synthetic, writeCsv } from '../../../support/fairness-data.js'
import { fairlearnReference, type Reference } from './fairlearn-reference.js'

const QUANTILES = [0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975]
const FAIRLEARN_BOOT = 250
const OUR_BOOT = 20_000
const SIGMAS = 5

function meanVar(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return { mean, variance: values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1) }
}

describe('samplers', () => {
  test.each([
    [40, 0.1],
    [1000, 0.003],
    [1000, 0.3],
    [1_000_000, 0.42],
    [50, 0.9]
  ])('Binomial(%i, %f) has the right mean and variance', (n, p) => {
    const rng = new Xoshiro128(3)
    const draws = Array.from({ length: 40_000 }, () => binomial(rng, n, p))
    const { mean, variance } = meanVar(draws)
    const v = n * p * (1 - p)
    // Mean: 5 standard errors of a 40,000-draw mean; variance: ±5 % (its relative SE is ~0.7 %).
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(v / draws.length))
    expect(Math.abs(variance / v - 1)).toBeLessThan(0.05)
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...draws)).toBeLessThanOrEqual(n)
  })

  test('the multinomial keeps the total and matches N·p and N·p(1−p) per cell', () => {
    const cells = Float64Array.of(500, 0, 30, 1, 4469)
    const total = 5000
    const sample = makeMultinomialSampler(cells)
    const rng = new Xoshiro128(9)
    const out = new Float64Array(cells.length)
    const draws: number[][] = cells.length ? Array.from(cells, () => []) : []
    for (let b = 0; b < 20_000; b++) {
      sample(rng, out)
      expect(out.reduce((a, c) => a + c, 0)).toBe(total)
      out.forEach((x, i) => {
        draws[i]!.push(x)
      })
    }
    cells.forEach((c, i) => {
      const p = c / total
      const { mean, variance } = meanVar(draws[i]!)
      expect(Math.abs(mean - total * p)).toBeLessThanOrEqual(5 * Math.sqrt((total * p * (1 - p)) / 20_000) + 1e-12)
      if (c > 0) expect(Math.abs(variance / (total * p * (1 - p)) - 1)).toBeLessThan(0.06)
      else expect(variance).toBe(0)
    })
  })

  test('the same seed reproduces the interval; another seed gives another one', () => {
    const cells = Float64Array.of(80, 20, 300, 30, 50, 40, 200, 60)
    const stat = (c: Float64Array): number => disparity('demographic_parity_difference', c, Uint8Array.of(1, 1))
    const settings = { nBoot: 1000, seed: 42, confidence: 0.95 }
    const a = bootstrapCounts(cells, [stat], settings).statistics[0]!
    const b = bootstrapCounts(cells, [stat], settings).statistics[0]!
    const c = bootstrapCounts(cells, [stat], { ...settings, seed: 43 }).statistics[0]!
    expect(a).toEqual(b)
    expect(a.interval.seed).toBe(42)
    expect(a.interval.nBoot).toBe(1000)
    expect(c.interval.low).not.toBe(a.interval.low)
  })

  test('quantiles interpolate like numpy.quantile (linear)', () => {
    const sorted = Float64Array.of(1, 2, 3, 4)
    expect(sortedQuantile(sorted, 0.5)).toBe(2.5)
    expect(sortedQuantile(sorted, 0.025)).toBeCloseTo(1.075, 12)
    expect(sortedQuantile(sorted, 1)).toBe(4)
  })
})

/** Our bootstrap quantiles of one statistic, and the Monte-Carlo tolerance at each quantile. */
function ourQuantiles(replicates: Float64Array): { q: number[]; tolerance: number[] } {
  const sorted = sortedFinite(replicates)
  const h = 0.01
  return {
    q: QUANTILES.map((p) => sortedQuantile(sorted, p)),
    tolerance: QUANTILES.map((p) => {
      const spread = sortedQuantile(sorted, Math.min(1, p + h)) - sortedQuantile(sorted, Math.max(0, p - h))
      const density = (2 * h) / Math.max(spread, 1e-12)
      return (SIGMAS * Math.sqrt(p * (1 - p) * (1 / FAIRLEARN_BOOT + 1 / OUR_BOOT))) / density
    })
  }
}

function expectAgreement(label: string, ours: Float64Array, theirs: number[]): void {
  const { q, tolerance } = ourQuantiles(ours)
  QUANTILES.forEach((p, i) => {
    expect(
      Math.abs(q[i]! - theirs[i]!),
      `${label} at quantile ${p}: ours ${q[i]}, fairlearn ${theirs[i]} (tolerance ${tolerance[i]})`
    ).toBeLessThanOrEqual(tolerance[i]!)
  })
}

describe('intervals agree with fairlearn MetricFrame(n_boot, ci_quantiles)', () => {
  let input: GroupStatsInput
  let reference: Reference
  beforeAll(() => {
    input = synthetic(
      [
        { values: ['f', 'u'], weight: 3, base: 0.3, tpr: 0.6, fpr: 0.08 },
        { values: ['f', 'v'], weight: 1, base: 0.25, tpr: 0.55, fpr: 0.05 },
        { values: ['m', 'u'], weight: 4, base: 0.35, tpr: 0.75, fpr: 0.12 },
        { values: ['m', 'v'], weight: 2, base: 0.4, tpr: 0.7, fpr: 0.1 }
      ],
      3000,
      21
    )
    reference = fairlearnReference({
      source: 'csv',
      path: writeCsv(input),
      featureSets: [],
      bootstrap: {
        featureSets: [['f0']],
        nBoot: FAIRLEARN_BOOT,
        quantiles: QUANTILES,
        seed: 7,
        metrics: ['selection_rate', 'true_positive_rate', 'false_positive_rate']
      }
    })
    const intersectional = fairlearnReference({
      source: 'csv',
      path: writeCsv(input),
      featureSets: [],
      bootstrap: {
        featureSets: [['f0', 'f1']],
        nBoot: FAIRLEARN_BOOT,
        quantiles: QUANTILES,
        seed: 8,
        metrics: ['selection_rate']
      }
    })
    reference.bootstrap!.push(...intersectional.bootstrap!)
  }, 600_000)

  function compare(features: string[], rates: RateMetric[]): void {
    const stats = computeGroupStatistics(input, features) as GroupStatistics
    const theirs = reference.bootstrap!.find((b) => b.features.join() === features.join())!
    const cells = packCounts(stats.groups)
    const all = Uint8Array.from(stats.groups, () => 1)
    const statistics = rates.flatMap((rate) => [
      (c: Float64Array) => spreadOf(rate, c, all, false),
      (c: Float64Array) => spreadOf(rate, c, all, true),
      ...stats.groups.map((_, g) => (c: Float64Array) => groupRate(rate, c, g))
    ])
    const boot = bootstrapCounts(
      cells,
      statistics,
      { nBoot: OUR_BOOT, seed: 1234, confidence: 0.95 },
      { keepReplicates: true }
    )
    let k = 0
    for (const rate of rates) {
      expect(boot.statistics[k]!.undefinedResamples).toBe(0)
      expectAgreement(`${rate} difference`, boot.replicates![k++]!, theirs.difference[rate]!)
      expectAgreement(`${rate} ratio`, boot.replicates![k++]!, theirs.ratio[rate]!)
      for (const g of stats.groups) {
        const row = theirs.byGroup.find((r) => groupLabel(r.values) === groupLabel(g.values))!
        expectAgreement(`${rate} of ${groupLabel(g.values)}`, boot.replicates![k++]!, row[rate]!)
      }
    }
  }

  test('single feature: selection rate, TPR, FPR — differences, ratios and per-group rates', () => {
    compare(['f0'], ['selection_rate', 'true_positive_rate', 'false_positive_rate'])
  })

  test('intersectional f0×f1: selection-rate difference, ratio and per-group rates', () => {
    compare(['f0', 'f1'], ['selection_rate'])
  })
})

/** max − min or min / max of one rate (what fairlearn's difference_ci / ratio_ci bootstrap). */
function spreadOf(rate: RateMetric, cells: Float64Array, include: Uint8Array, ratio: boolean): number {
  const values = Array.from(include, (_, g) => groupRate(rate, cells, g))
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  return ratio ? lo / hi : hi - lo
}
