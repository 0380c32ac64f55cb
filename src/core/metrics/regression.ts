/**
 * Streaming regression metrics, named and defined as MLflow's default regressor evaluator logs
 * them (sklearn functions). R² needs the weighted variance of the target; it is accumulated with
 * West's weighted update rather than Σy² − (Σy)²/n, which loses digits when the mean is large.
 */
import { REGRESSOR_METRICS as M, type MetricResult } from './names.js'

/** sklearn's MAPE guards |y| = 0 with the float64 epsilon. */
const EPS = 2.220446049250313e-16

export class RegressionAccumulator {
  private rows = 0
  private weightSum = 0
  private absSum = 0
  private sqSum = 0
  private apeSum = 0
  private targetSum = 0
  private maxError = 0
  private mean = 0
  private m2 = 0

  update(target: ArrayLike<number>, predicted: ArrayLike<number>, rows: number, weights?: Float64Array): void {
    for (let i = 0; i < rows; i++) {
      const y = target[i]!
      const e = y - predicted[i]!
      const w = weights === undefined ? 1 : weights[i]!
      const abs = Math.abs(e)
      this.absSum += w * abs
      this.sqSum += w * e * e
      this.apeSum += (w * abs) / Math.max(Math.abs(y), EPS)
      this.targetSum += w * y
      if (abs > this.maxError) this.maxError = abs
      if (w !== 0) {
        const nextWeightSum = this.weightSum + w
        const delta = y - this.mean
        this.mean += (w / nextWeightSum) * delta
        this.m2 += w * delta * (y - this.mean)
        this.weightSum = nextWeightSum
      }
    }
    this.rows += rows
  }

  result(): MetricResult {
    if (this.rows === 0) {
      return {
        metrics: { [M.exampleCount]: 0 },
        undefinedMetrics: [{ name: '*', reason: 'the evaluation data has no rows' }]
      }
    }
    const mse = this.sqSum / this.weightSum
    // sklearn (force_finite=True): a constant target gives 1 for a perfect fit, else 0.
    const r2 = this.m2 === 0 ? (this.sqSum === 0 ? 1 : 0) : 1 - this.sqSum / this.m2
    return {
      metrics: {
        [M.exampleCount]: this.rows,
        [M.mae]: this.absSum / this.weightSum,
        [M.mse]: mse,
        [M.rmse]: Math.sqrt(mse),
        [M.sumOnTarget]: this.targetSum,
        [M.meanOnTarget]: this.targetSum / this.rows,
        [M.r2]: r2,
        [M.maxError]: this.maxError,
        [M.mape]: this.apeSum / this.weightSum
      },
      undefinedMetrics: []
    }
  }
}
