/**
 * Label-based classification metrics from a confusion matrix, matching sklearn's
 * precision_recall_fscore_support: an ill-defined ratio (no predictions of a class, no true
 * samples of it) counts as 0, as sklearn's default `zero_division="warn"` does; averages run over
 * the classes present in the true or predicted labels (sklearn's `labels=None`).
 */
import { classTotals, type ConfusionAccumulator } from './confusion.js'
import { CLASSIFIER_METRICS as M, averagedName, confusionCellName, type Averaging, type MetricResult } from './names.js'

export interface LabelMetricOptions {
  /** Class names by index, for the confusion-matrix cells. */
  classNames: readonly string[]
  /** Binary task: index of the positive class. Absent for multiclass. */
  positiveIndex?: number
}

const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 0 : numerator / denominator)

interface PerClass {
  precision: number
  recall: number
  f1: number
  support: number
}

export function labelMetrics(confusion: ConfusionAccumulator, options: LabelMetricOptions): MetricResult {
  const k = confusion.classCount
  const totals = classTotals(confusion)
  const present: number[] = []
  for (let c = 0; c < k; c++) {
    let seen = 0
    for (let o = 0; o < k; o++) seen += confusion.countCell(c, o) + confusion.countCell(o, c)
    if (seen > 0) present.push(c)
  }
  const perClass = (c: number): PerClass => {
    const tp = totals.tp[c]!
    const predicted = totals.predicted[c]!
    const support = totals.support[c]!
    return {
      precision: ratio(tp, predicted),
      recall: ratio(tp, support),
      f1: ratio(2 * tp, support + predicted),
      support
    }
  }
  const average = (how: Averaging): { precision: number; recall: number; f1: number } => {
    if (how === 'micro') {
      let tp = 0
      let predicted = 0
      let support = 0
      for (const c of present) {
        tp += totals.tp[c]!
        predicted += totals.predicted[c]!
        support += totals.support[c]!
      }
      return { precision: ratio(tp, predicted), recall: ratio(tp, support), f1: ratio(2 * tp, support + predicted) }
    }
    let p = 0
    let r = 0
    let f = 0
    let weightSum = 0
    for (const c of present) {
      const s = perClass(c)
      const w = how === 'weighted' ? s.support : 1
      p += w * s.precision
      r += w * s.recall
      f += w * s.f1
      weightSum += w
    }
    return { precision: ratio(p, weightSum), recall: ratio(r, weightSum), f1: ratio(f, weightSum) }
  }

  const metrics: Record<string, number> = {
    [M.exampleCount]: confusion.rows,
    [M.accuracy]: ratio(
      totals.tp.reduce((a, b) => a + b, 0),
      totals.total
    )
  }
  const headline =
    options.positiveIndex === undefined
      ? average('weighted')
      : (({ precision, recall, f1 }) => ({ precision, recall, f1 }))(perClass(options.positiveIndex))
  metrics[M.recall] = headline.recall
  metrics[M.precision] = headline.precision
  metrics[M.f1] = headline.f1
  for (const how of ['macro', 'micro', 'weighted'] as const) {
    const a = average(how)
    metrics[averagedName(M.recall, how)] = a.recall
    metrics[averagedName(M.precision, how)] = a.precision
    metrics[averagedName(M.f1, how)] = a.f1
  }
  if (options.positiveIndex !== undefined && k === 2) {
    const pos = options.positiveIndex
    const neg = 1 - pos
    metrics[M.trueNegatives] = confusion.countCell(neg, neg)
    metrics[M.falsePositives] = confusion.countCell(neg, pos)
    metrics[M.falseNegatives] = confusion.countCell(pos, neg)
    metrics[M.truePositives] = confusion.countCell(pos, pos)
  }
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) {
      metrics[confusionCellName(options.classNames[t]!, options.classNames[p]!)] = confusion.countCell(t, p)
    }
  }
  return { metrics, undefinedMetrics: [] }
}
