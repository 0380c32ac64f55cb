/**
 * Streaming probability-quality metrics: log loss and Brier score, as sklearn computes them.
 * log_loss clips each probability to [eps, 1 − eps] with the float64 machine epsilon (the scores
 * are handled as float64 here) and averages −log p(true class); brier_score_loss averages the
 * squared error of the positive-class probability (binary) or Σₖ (pₖ − yₖ)² (three or more
 * classes; sklearn halves the two-column sum, which equals the binary form).
 */
const EPS = 2.220446049250313e-16

export class ProbabilityAccumulator {
  private logLossSum = 0
  private brierSum = 0
  private weightSum = 0

  constructor(
    readonly classCount: number,
    /** Binary task: the positive class index; Brier then uses that column only. */
    readonly positiveIndex?: number
  ) {}

  /** `probabilities` is row-major, `rows × classCount`. */
  update(trueIndex: Int32Array, probabilities: ArrayLike<number>, rows: number, weights?: Float64Array): void {
    const k = this.classCount
    for (let i = 0; i < rows; i++) {
      const w = weights === undefined ? 1 : weights[i]!
      const t = trueIndex[i]!
      const p = Math.min(Math.max(probabilities[i * k + t]!, EPS), 1 - EPS)
      this.logLossSum += -Math.log(p) * w
      if (this.positiveIndex !== undefined) {
        const e = probabilities[i * k + this.positiveIndex]! - (t === this.positiveIndex ? 1 : 0)
        this.brierSum += e * e * w
      } else {
        let s = 0
        for (let c = 0; c < k; c++) {
          const e = probabilities[i * k + c]! - (c === t ? 1 : 0)
          s += e * e
        }
        this.brierSum += s * w
      }
      this.weightSum += w
    }
  }

  logLoss(): number {
    return this.logLossSum / this.weightSum
  }

  brier(): number {
    return this.brierSum / this.weightSum
  }
}
