/**
 * A streaming confusion matrix over class indices 0..k-1. It keeps weighted sums (what the
 * sklearn metrics use when sample weights are given) and plain counts (what MLflow logs as
 * true_positives… : it calls confusion_matrix without weights).
 */
export class ConfusionAccumulator {
  /** Row = true class, column = predicted class; sum of sample weights (1 each when unweighted). */
  readonly weighted: Float64Array
  readonly counts: Float64Array
  rows = 0

  constructor(readonly classCount: number) {
    this.weighted = new Float64Array(classCount * classCount)
    this.counts = new Float64Array(classCount * classCount)
  }

  /** Adds `rows` pairs; indices outside 0..k-1 are a programming error upstream. */
  update(trueIndex: Int32Array, predictedIndex: Int32Array, rows: number, weights?: Float64Array): void {
    const k = this.classCount
    for (let i = 0; i < rows; i++) {
      const cell = trueIndex[i]! * k + predictedIndex[i]!
      this.counts[cell]! += 1
      this.weighted[cell]! += weights === undefined ? 1 : weights[i]!
    }
    this.rows += rows
  }

  weightedCell(trueClass: number, predictedClass: number): number {
    return this.weighted[trueClass * this.classCount + predictedClass]!
  }

  countCell(trueClass: number, predictedClass: number): number {
    return this.counts[trueClass * this.classCount + predictedClass]!
  }
}

/** Per-class weighted true positives, predicted totals and true totals (support). */
export interface ClassTotals {
  tp: Float64Array
  predicted: Float64Array
  support: Float64Array
  total: number
}

export function classTotals(confusion: ConfusionAccumulator): ClassTotals {
  const k = confusion.classCount
  const tp = new Float64Array(k)
  const predicted = new Float64Array(k)
  const support = new Float64Array(k)
  let total = 0
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      const w = confusion.weightedCell(t, p)
      support[t]! += w
      predicted[p]! += w
      total += w
      if (t === p) tp[t]! += w
    }
  }
  return { tp, predicted, support, total }
}
