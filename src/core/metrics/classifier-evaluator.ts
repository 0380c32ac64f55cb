/**
 * One streaming pass of classification metrics: label metrics from a confusion matrix,
 * log loss and Brier as running sums, and the scores kept for ROC AUC / average precision (binary
 * and unweighted: split by true class as they arrive, so no per-row label is kept).
 * The caller maps labels to class indices 0..k-1 (column order of the probabilities).
 */
import { labelMetrics } from './classification.js'
import { ConfusionAccumulator } from './confusion.js'
import { GrowableFloat64, GrowableInt32, ScoreColumn } from './growable.js'
import { CLASSIFIER_METRICS as M, averagedName, type MetricResult, type UndefinedMetric } from './names.js'
import { ProbabilityAccumulator } from './probabilistic.js'
import { binaryRanking, splitRanking } from './ranking.js'
import { ScoreChunks } from './score-chunks.js'

export interface ClassifierBatch {
  rows: number
  trueIndex: Int32Array
  predictedIndex: Int32Array
  /** Row-major `rows × classCount`, or absent when the model gives no probabilities. */
  probabilities?: ArrayLike<number>
  weights?: Float64Array
}

export interface ClassifierEvaluatorOptions {
  classNames: readonly string[]
  /** Binary task: index of the positive class. Absent: multiclass. */
  positiveIndex?: number
  /** Values per chunk of the kept scores (score-chunks.ts); tests make it small. */
  scoreChunk?: number
}

export class ClassifierEvaluator {
  private readonly confusion: ConfusionAccumulator
  private readonly probability: ProbabilityAccumulator
  private readonly trueIndex = new GrowableInt32()
  private readonly scores: ScoreColumn[]
  private readonly weights = new GrowableFloat64()
  private sawProbabilities = false
  private sawWeights = false
  private rowsNotSummingToOne = 0
  /** Binary, unweighted: positive-class scores of the rows whose true class is positive / negative. */
  private split: { positives: ScoreChunks; negatives: ScoreChunks } | undefined

  constructor(private readonly options: ClassifierEvaluatorOptions) {
    const k = options.classNames.length
    this.confusion = new ConfusionAccumulator(k)
    this.probability = new ProbabilityAccumulator(k, options.positiveIndex)
    // Binary keeps only the positive column: that is all ROC AUC and AP look at.
    const kept = options.positiveIndex === undefined ? k : 1
    this.scores = Array.from({ length: kept }, () => new ScoreColumn())
  }

  update(batch: ClassifierBatch): void {
    const k = this.options.classNames.length
    this.confusion.update(batch.trueIndex, batch.predictedIndex, batch.rows, batch.weights)
    const pos = this.options.positiveIndex
    if (this.confusion.rows === batch.rows && pos !== undefined && batch.weights === undefined) {
      const chunk = this.options.scoreChunk
      this.split = { positives: new ScoreChunks(chunk), negatives: new ScoreChunks(chunk) }
    }
    if (this.split !== undefined && batch.weights !== undefined) {
      throw new Error('sample weights must be given for every batch or none')
    }
    if (this.split === undefined) this.trueIndex.push(batch.trueIndex, batch.rows)
    if (batch.weights !== undefined) {
      this.sawWeights = true
      this.weights.push(batch.weights, batch.rows)
    }
    if (batch.probabilities === undefined) return
    this.sawProbabilities = true
    const probabilities = batch.probabilities
    this.probability.update(batch.trueIndex, probabilities, batch.rows, batch.weights)
    if (this.split !== undefined && pos !== undefined) {
      this.split.positives.pushWhere(probabilities, batch.rows, pos, k, batch.trueIndex, pos, true)
      this.split.negatives.pushWhere(probabilities, batch.rows, pos, k, batch.trueIndex, pos, false)
      return
    }
    if (pos !== undefined) {
      this.scores[0]!.pushStrided(probabilities, batch.rows, pos, k)
      return
    }
    for (let c = 0; c < k; c++) this.scores[c]!.pushStrided(probabilities, batch.rows, c, k)
    for (let i = 0; i < batch.rows; i++) {
      let sum = 0
      for (let c = 0; c < k; c++) sum += probabilities[i * k + c]!
      if (Math.abs(sum - 1) > 1e-8 + 1e-5) this.rowsNotSummingToOne++
    }
  }

  result(): MetricResult {
    const undefinedMetrics: UndefinedMetric[] = []
    if (this.confusion.rows === 0) {
      return {
        metrics: { [M.exampleCount]: 0 },
        undefinedMetrics: [{ name: '*', reason: 'the evaluation data has no rows' }]
      }
    }
    const labels = labelMetrics(this.confusion, this.options)
    const metrics = labels.metrics
    if (!this.sawProbabilities) {
      const reason = 'the model gives no class probabilities'
      for (const name of [M.logLoss, M.brier, M.rocAuc, M.prAuc, M.averagePrecision])
        undefinedMetrics.push({ name, reason })
      return { metrics, undefinedMetrics }
    }
    metrics[M.logLoss] = this.probability.logLoss()
    metrics[M.brier] = this.probability.brier()
    const weights = this.sawWeights ? this.weights.view() : undefined
    const trueIndex = this.trueIndex.view()
    if (this.options.positiveIndex !== undefined) {
      const split = this.split
      const ranking =
        split !== undefined
          ? splitRanking(split.positives.sortedParts(), split.negatives.sortedParts())
          : this.weightedRanking(trueIndex, weights)
      if (ranking.rocAuc === undefined)
        undefinedMetrics.push({ name: M.rocAuc, reason: ranking.undefinedReason ?? 'undefined' })
      else metrics[M.rocAuc] = ranking.rocAuc
      if (ranking.averagePrecision === undefined) {
        const reason = 'no positive sample is present, so precision-recall is not defined'
        undefinedMetrics.push({ name: M.prAuc, reason }, { name: M.averagePrecision, reason })
      } else {
        metrics[M.prAuc] = ranking.averagePrecision
        metrics[M.averagePrecision] = ranking.averagePrecision
      }
      return { metrics, undefinedMetrics }
    }
    this.multiclassRocAuc(trueIndex, weights, metrics, undefinedMetrics)
    return { metrics, undefinedMetrics }
  }

  private weightedRanking(trueIndex: Int32Array, weights: Float64Array | undefined): ReturnType<typeof binaryRanking> {
    const pos = this.options.positiveIndex
    const isPositive = new Uint8Array(trueIndex.length)
    for (let i = 0; i < trueIndex.length; i++) isPositive[i] = trueIndex[i] === pos ? 1 : 0
    return binaryRanking(isPositive, this.scores[0]!.view(), weights)
  }

  /** One-vs-rest ROC AUC per class, averaged weighted by support (MLflow) and macro. */
  private multiclassRocAuc(
    trueIndex: Int32Array,
    weights: Float64Array | undefined,
    metrics: Record<string, number>,
    undefinedMetrics: UndefinedMetric[]
  ): void {
    const names = [M.rocAuc, averagedName(M.rocAuc, 'macro')]
    const fail = (reason: string): void => {
      for (const name of names) undefinedMetrics.push({ name, reason })
    }
    if (this.rowsNotSummingToOne > 0) {
      fail(
        `${this.rowsNotSummingToOne} rows have class probabilities that do not sum to 1 ` +
          `(sklearn refuses one-vs-rest ROC AUC)`
      )
      return
    }
    const k = this.options.classNames.length
    const isPositive = new Uint8Array(trueIndex.length)
    let weighted = 0
    let macro = 0
    let supportSum = 0
    for (let c = 0; c < k; c++) {
      let support = 0
      for (let i = 0; i < trueIndex.length; i++) {
        const hit = trueIndex[i] === c
        isPositive[i] = hit ? 1 : 0
        if (hit) support += weights === undefined ? 1 : weights[i]!
      }
      const ranking = binaryRanking(isPositive, this.scores[c]!.view(), weights)
      if (ranking.rocAuc === undefined) {
        fail(
          `class ${this.options.classNames[c]} is absent from the true labels, so its ` +
            `one-vs-rest ROC AUC is not defined`
        )
        return
      }
      weighted += support * ranking.rocAuc
      macro += ranking.rocAuc
      supportSum += support
    }
    metrics[M.rocAuc] = weighted / supportSum
    metrics[averagedName(M.rocAuc, 'macro')] = macro / k
  }
}
