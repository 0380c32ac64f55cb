/**
 * Calibration of a binary classifier's scores: the Brier score and the expected calibration
 * error (ECE), with row multiplicities so the bootstrap can reuse them.
 *
 *   Brier = Σ w (p − y)² / Σ w                          (sklearn.metrics.brier_score_loss)
 *   ECE   = Σ_b (n_b / N) · |mean(y in b) − mean(p in b)|
 *
 * Bins are `bins` equal-width intervals of [0, 1], as sklearn.calibration.calibration_curve
 * with strategy='uniform': edges linspace(0, 1, bins + 1) and bin = searchsorted(inner edges, p)
 * (side left), so a score equal to an inner edge falls in the lower bin. Empty bins do not count.
 */

/** Inner bin edges as numpy's linspace(0, 1, bins + 1)[1:-1] computes them (i · (1 / bins)). */
export function innerEdges(bins: number): Float64Array {
  const step = 1 / bins
  return Float64Array.from({ length: bins - 1 }, (_, i) => (i + 1) * step)
}

/** numpy.searchsorted(edges, p, side='left'): the number of edges strictly below p. */
export function binOf(edges: Float64Array, p: number): number {
  let lo = 0
  let hi = edges.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (edges[mid]! < p) lo = mid + 1
    else hi = mid
  }
  return lo
}

export interface CalibrationRows {
  /** 0/1 per row. */
  y: Uint8Array
  /** Probability of the positive class per row. */
  p: Float64Array
  /** Bin index per row (binOf). */
  bin: Int32Array
  bins: number
}

export function calibrationRows(y: Uint8Array, p: Float64Array, bins: number): CalibrationRows {
  const edges = innerEdges(bins)
  return { y, p, bins, bin: Int32Array.from(p, (v) => binOf(edges, v)) }
}

export interface CalibrationValue {
  brier: number
  ece: number
}

/** Per-bin sums of a set of rows; sums of disjoint sets add up to the sums of their union. */
export interface CalibrationSums {
  count: Float64Array
  sumY: Float64Array
  sumP: Float64Array
  total: number
  squared: number
}

export const emptySums = (bins: number): CalibrationSums => ({
  count: new Float64Array(bins),
  sumY: new Float64Array(bins),
  sumP: new Float64Array(bins),
  total: 0,
  squared: 0
})

/** Adds the rows, each counted `weight[i]` times (once without weights), into `into`. */
export function addRows(into: CalibrationSums, rows: CalibrationRows, weight?: Int32Array): CalibrationSums {
  for (let i = 0; i < rows.y.length; i++) {
    const w = weight === undefined ? 1 : weight[i]!
    if (w === 0) continue
    const p = rows.p[i]!
    const y = rows.y[i]!
    const b = rows.bin[i]!
    into.total += w
    into.squared += w * (p - y) * (p - y)
    into.count[b]! += w
    into.sumY[b]! += w * y
    into.sumP[b]! += w * p
  }
  return into
}

export function mergeSums(into: CalibrationSums, other: CalibrationSums): CalibrationSums {
  for (let b = 0; b < into.count.length; b++) {
    into.count[b]! += other.count[b]!
    into.sumY[b]! += other.sumY[b]!
    into.sumP[b]! += other.sumP[b]!
  }
  into.total += other.total
  into.squared += other.squared
  return into
}

/** Brier and ECE from bin sums; NaN when there are no rows. */
export function fromSums(sums: CalibrationSums): CalibrationValue {
  if (sums.total === 0) return { brier: Number.NaN, ece: Number.NaN }
  let ece = 0
  for (let b = 0; b < sums.count.length; b++) {
    const n = sums.count[b]!
    if (n > 0) ece += (n / sums.total) * Math.abs(sums.sumY[b]! / n - sums.sumP[b]! / n)
  }
  return { brier: sums.squared / sums.total, ece }
}

/** Brier and ECE of the rows, each counted `weight[i]` times (all once without weights). */
export const calibrationOf = (rows: CalibrationRows, weight?: Int32Array): CalibrationValue =>
  fromSums(addRows(emptySums(rows.bins), rows, weight))

/** Why scores cannot be judged for calibration (NaN, outside [0, 1]), or undefined when they can. */
export function scoreProblem(p: Float64Array): string | undefined {
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!
    if (!(v >= 0 && v <= 1)) return `score ${v} at row ${i + 1} is not a probability in [0, 1]`
  }
  return p.length === 0 ? 'there are no scores' : undefined
}
