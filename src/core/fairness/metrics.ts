/**
 * Per-group rates and the aggregate disparity metrics, computed from confusion counts only, with
 * fairlearn's definitions (fairlearn/metrics/_base_metrics.py, _fairness_metrics.py,
 * _disaggregated_result.py, method="between_groups", agg="worst_case"):
 *   difference = max − min of the group rates; ratio = min / max;
 *   equalized odds difference = max(TPR difference, FPR difference), ratio = min of the two ratios;
 *   equal opportunity = the TPR difference / ratio.
 * The disparate-impact ratio (four-fifths rule) is the lowest selection rate of any other group
 * divided by the reference group's selection rate; without a reference group it uses the group
 * with the highest selection rate, which makes it the demographic parity ratio.
 *
 * One deliberate difference: a rate whose denominator is zero (TPR of a group without positives)
 * is NaN here, where sklearn's confusion_matrix(normalize="true") silently gives 0. The check
 * turns that NaN into `missing` naming the group, instead of comparing a made-up 0.
 *
 * Counts are packed as [tp, fp, tn, fn] per group in one Float64Array so the bootstrap can call
 * these functions on each resample without allocating.
 */
import type { GroupCounts } from './types.js'

export const RATE_METRICS = [
  'selection_rate',
  'true_positive_rate',
  'false_positive_rate',
  'false_negative_rate',
  'precision_score',
  'accuracy_score'
] as const
export type RateMetric = (typeof RATE_METRICS)[number]

export const DISPARITY_METRICS = [
  'demographic_parity_difference',
  'demographic_parity_ratio',
  'equalized_odds_difference',
  'equalized_odds_ratio',
  'equal_opportunity_difference',
  'equal_opportunity_ratio',
  'disparate_impact_ratio'
] as const
export type DisparityMetric = (typeof DISPARITY_METRICS)[number]

/** Offsets of the four cells inside a group's block of the packed array. */
export const TP = 0
export const FP = 1
export const TN = 2
export const FN = 3

/** Packs group counts as [tp, fp, tn, fn] per group. */
export function packCounts(groups: readonly GroupCounts[]): Float64Array {
  const cells = new Float64Array(groups.length * 4)
  groups.forEach((g, i) => {
    cells[i * 4 + TP] = g.tp
    cells[i * 4 + FP] = g.fp
    cells[i * 4 + TN] = g.tn
    cells[i * 4 + FN] = g.fn
  })
  return cells
}

/** What a rate divides by: the count that must be non-zero for the rate to exist. */
export const RATE_DENOMINATOR: Record<RateMetric, string> = {
  selection_rate: 'rows',
  true_positive_rate: 'actual positives',
  false_positive_rate: 'actual negatives',
  false_negative_rate: 'actual positives',
  precision_score: 'predicted positives',
  accuracy_score: 'rows'
}

/** One group's rate from the packed counts; NaN when its denominator is zero. */
export function groupRate(metric: RateMetric, cells: Float64Array, group: number): number {
  const o = group * 4
  const tp = cells[o + TP]!
  const fp = cells[o + FP]!
  const tn = cells[o + TN]!
  const fn = cells[o + FN]!
  const ratio = (num: number, den: number): number => (den === 0 ? Number.NaN : num / den)
  switch (metric) {
    case 'selection_rate':
      return ratio(tp + fp, tp + fp + tn + fn)
    case 'true_positive_rate':
      return ratio(tp, tp + fn)
    case 'false_positive_rate':
      return ratio(fp, fp + tn)
    case 'false_negative_rate':
      return ratio(fn, tp + fn)
    case 'precision_score':
      return ratio(tp, tp + fp)
    case 'accuracy_score':
      return ratio(tp + tn, tp + fp + tn + fn)
  }
}

/** The rate(s) a disparity metric compares across groups. */
export function ratesOf(metric: DisparityMetric): readonly RateMetric[] {
  if (metric.startsWith('demographic_parity') || metric === 'disparate_impact_ratio') return ['selection_rate']
  if (metric.startsWith('equal_opportunity')) return ['true_positive_rate']
  return ['true_positive_rate', 'false_positive_rate']
}

/** Whether larger values are better (ratios) or worse (differences): decides min vs max limits. */
export const isRatio = (metric: DisparityMetric): boolean => metric.endsWith('_ratio')

/**
 * max − min (or min / max) of one rate over the included groups. NaN when an included group's
 * rate is undefined (so a resample that loses a group's positives is visible, not hidden) or,
 * for a ratio, when the largest rate is 0 (fairlearn gives NaN there too).
 */
function spread(rate: RateMetric, cells: Float64Array, include: Uint8Array, ratio: boolean): number {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (let g = 0; g < include.length; g++) {
    if (include[g] === 0) continue
    const r = groupRate(rate, cells, g)
    if (Number.isNaN(r)) return Number.NaN
    if (r < lo) lo = r
    if (r > hi) hi = r
  }
  if (hi === Number.NEGATIVE_INFINITY) return Number.NaN
  return ratio ? (hi === 0 ? Number.NaN : lo / hi) : hi - lo
}

/** Lowest selection rate of the other included groups over the reference group's rate. */
function disparateImpact(cells: Float64Array, include: Uint8Array, reference: number): number {
  if (reference < 0) return spread('selection_rate', cells, include, true)
  const base = groupRate('selection_rate', cells, reference)
  if (Number.isNaN(base) || base === 0) return Number.NaN
  let lowest = Number.POSITIVE_INFINITY
  for (let g = 0; g < include.length; g++) {
    if (include[g] === 0 || g === reference) continue
    const r = groupRate('selection_rate', cells, g)
    if (Number.isNaN(r)) return Number.NaN
    if (r < lowest) lowest = r
  }
  return lowest === Number.POSITIVE_INFINITY ? Number.NaN : lowest / base
}

/**
 * An aggregate disparity metric over the groups whose `include` flag is 1.
 * `reference` is the reference group's index for `disparate_impact_ratio` (−1: highest rate).
 */
export function disparity(metric: DisparityMetric, cells: Float64Array, include: Uint8Array, reference = -1): number {
  switch (metric) {
    case 'demographic_parity_difference':
      return spread('selection_rate', cells, include, false)
    case 'demographic_parity_ratio':
      return spread('selection_rate', cells, include, true)
    case 'equal_opportunity_difference':
      return spread('true_positive_rate', cells, include, false)
    case 'equal_opportunity_ratio':
      return spread('true_positive_rate', cells, include, true)
    case 'equalized_odds_difference':
      return Math.max(
        spread('true_positive_rate', cells, include, false),
        spread('false_positive_rate', cells, include, false)
      )
    case 'equalized_odds_ratio':
      return Math.min(
        spread('true_positive_rate', cells, include, true),
        spread('false_positive_rate', cells, include, true)
      )
    case 'disparate_impact_ratio':
      return disparateImpact(cells, include, reference)
  }
}

/** Every rate of one group, for the report's per-group table (`null` where undefined). */
export function groupRates(cells: Float64Array, group: number): Record<RateMetric, number | null> {
  const out = {} as Record<RateMetric, number | null>
  for (const m of RATE_METRICS) {
    const r = groupRate(m, cells, group)
    out[m] = Number.isNaN(r) ? null : r
  }
  return out
}

/** Include flags for groups with at least `minGroupSize` rows (and always at least one row). */
export function includeBySize(groups: readonly GroupCounts[], minGroupSize: number): Uint8Array {
  return Uint8Array.from(groups, (g) => (g.n >= Math.max(1, minGroupSize) ? 1 : 0))
}
