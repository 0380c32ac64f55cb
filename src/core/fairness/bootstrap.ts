/**
 * Percentile bootstrap for statistics that depend only on per-group confusion counts.
 *
 * Resampling N rows with replacement (what fairlearn's MetricFrame(n_boot=…) does, via
 * DataFrame.sample(frac=1, replace=True)) makes the vector of group × cell counts
 * Multinomial(N, counts / N). So instead of touching rows we draw that multinomial directly, as a
 * chain of conditional binomials: cell i gets Binomial(remaining rows, c_i / Σ_{j≥i} c_j). Same
 * distribution, cost O(n_boot × cells) instead of O(n_boot × rows), and memory is the count arrays
 * plus one n_boot-long array per statistic.
 *
 * Intervals are percentile intervals with numpy's default (linear) quantile interpolation, as
 * fairlearn reports them. A resample where a statistic is undefined (NaN: a group lost all its
 * positives) is counted and left out of the quantiles; callers treat any such resample as a sign
 * the evidence is too thin.
 */
import { Xoshiro128, binomial } from './random.js'
import type { Interval } from './types.js'

export interface BootstrapSettings {
  nBoot: number
  seed: number
  /** Two-sided coverage, e.g. 0.95 → quantiles 0.025 and 0.975. */
  confidence: number
}

/** A statistic of the packed [tp, fp, tn, fn]-per-group counts; NaN when undefined. */
export type CountStatistic = (cells: Float64Array) => number

export interface StatisticBootstrap {
  /** NaN bounds when every resample was undefined. */
  interval: Interval
  /** Resamples in which the statistic was undefined (left out of the interval). */
  undefinedResamples: number
}

export interface CountBootstrapResult {
  statistics: StatisticBootstrap[]
  /** The replicate values per statistic (NaN for undefined ones), when asked for. */
  replicates?: Float64Array[]
}

/** Draws one multinomial resample of `cells` into `out` (same length). */
export function makeMultinomialSampler(cells: Float64Array): (rng: Xoshiro128, out: Float64Array) => void {
  const nonZero: number[] = []
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!
    if (!Number.isInteger(c) || c < 0)
      throw new RangeError(`count at cell ${i} is ${c}; counts must be non-negative integers`)
    if (c > 0) nonZero.push(i)
  }
  // Remaining mass from each non-zero cell on, in exact integers (no drift over many cells).
  const suffix = new Float64Array(nonZero.length)
  let total = 0
  for (let j = nonZero.length - 1; j >= 0; j--) {
    total += cells[nonZero[j]!]!
    suffix[j] = total
  }
  return (rng, out) => {
    out.fill(0)
    let remaining = total
    for (let j = 0; j < nonZero.length - 1 && remaining > 0; j++) {
      const x = binomial(rng, remaining, cells[nonZero[j]!]! / suffix[j]!)
      out[nonZero[j]!] = x
      remaining -= x
    }
    if (nonZero.length > 0 && remaining > 0) out[nonZero[nonZero.length - 1]!] = remaining
  }
}

/** numpy.quantile(method="linear") of already sorted finite values. */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const m = sorted.length
  if (m === 0) return Number.NaN
  const position = (m - 1) * q
  const lo = Math.floor(position)
  const hi = Math.min(lo + 1, m - 1)
  const t = position - lo
  const a = sorted[lo]!
  const b = sorted[hi]!
  // numpy's _lerp: interpolate from the nearer end for accuracy.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
}

/** The finite values of `replicates`, sorted ascending. */
export function sortedFinite(replicates: Float64Array): Float64Array {
  let m = 0
  const finite = new Float64Array(replicates.length)
  for (const v of replicates) if (!Number.isNaN(v)) finite[m++] = v
  return finite.subarray(0, m).sort()
}

/** Percentile interval of a replicate array (NaN replicates excluded). */
export function percentileInterval(replicates: Float64Array, settings: BootstrapSettings): Interval {
  const sorted = sortedFinite(replicates)
  const tail = (1 - settings.confidence) / 2
  return {
    low: sortedQuantile(sorted, tail),
    high: sortedQuantile(sorted, 1 - tail),
    confidence: settings.confidence,
    nBoot: settings.nBoot,
    seed: settings.seed
  }
}

export function validateSettings(settings: BootstrapSettings): void {
  if (!Number.isInteger(settings.nBoot) || settings.nBoot < 1)
    throw new RangeError(`nBoot must be a positive integer, got ${settings.nBoot}`)
  if (!(settings.confidence > 0 && settings.confidence < 1))
    throw new RangeError(`confidence must be between 0 and 1, got ${settings.confidence}`)
}

/**
 * Bootstraps several count statistics over the same resamples (so their intervals are
 * consistent with each other). `cells` holds the counts of every group, including groups a
 * statistic ignores: they are part of the N rows being resampled.
 */
export function bootstrapCounts(
  cells: Float64Array,
  statistics: readonly CountStatistic[],
  settings: BootstrapSettings,
  options: { keepReplicates?: boolean } = {}
): CountBootstrapResult {
  validateSettings(settings)
  const rng = new Xoshiro128(settings.seed)
  const sample = makeMultinomialSampler(cells)
  const resample = new Float64Array(cells.length)
  const replicates = statistics.map(() => new Float64Array(settings.nBoot))
  for (let b = 0; b < settings.nBoot; b++) {
    sample(rng, resample)
    for (let s = 0; s < statistics.length; s++) replicates[s]![b] = statistics[s]!(resample)
  }
  const result: CountBootstrapResult = {
    statistics: replicates.map((values) => {
      let undefinedResamples = 0
      for (const v of values) if (Number.isNaN(v)) undefinedResamples++
      return { interval: percentileInterval(values, settings), undefinedResamples }
    })
  }
  if (options.keepReplicates === true) result.replicates = replicates
  return result
}
