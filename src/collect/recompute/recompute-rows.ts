/**
 * Per-row vectors of one recompute pass, kept on request so fairness statistics (per group of a
 * sensitive feature) need no second inference pass. Plain typed arrays, one entry per data row.
 */
import { GrowableFloat64, GrowableInt32 } from '../../core/metrics/growable.js'
import { appendTexts, type ColumnBatch, textColumn } from '../data/columns.js'
import type { Task } from '../inference/model-outputs.js'

export interface RecomputedRows {
  task: Task
  rows: number
  /** Classification: class names by index (probability-column order). */
  classes?: string[]
  /** Binary: index of the positive class in `classes`. */
  positiveIndex?: number
  /** Classification: true and predicted class index per row. */
  trueIndex?: Int32Array
  predictedIndex?: Int32Array
  /** Binary: probability of the positive class per row. */
  scores?: Float64Array
  /** Row-major rows × classes probabilities (binary too: both columns, as the model gave them). */
  probabilities?: Float64Array
  /** Regression: target and prediction per row. */
  target?: Float64Array
  predicted?: Float64Array
  /** Sensitive feature columns as text, by column name. */
  sensitive: Record<string, string[]>
}

export class RowKeeper {
  private readonly trueIndex = new GrowableInt32()
  private readonly predictedIndex = new GrowableInt32()
  private readonly scores = new GrowableFloat64()
  private readonly probabilities = new GrowableFloat64()
  private readonly target = new GrowableFloat64()
  private readonly predicted = new GrowableFloat64()
  private readonly sensitive: Record<string, string[]> = {}
  private rows = 0
  private sawScores = false

  constructor(
    private readonly task: Task,
    private readonly sensitiveColumns: readonly string[],
    private readonly classes?: string[],
    private readonly positiveIndex?: number
  ) {
    for (const name of sensitiveColumns) this.sensitive[name] = []
  }

  addClassification(
    batch: ColumnBatch,
    trueIndex: Int32Array,
    predictedIndex: Int32Array,
    probabilities?: ArrayLike<number>
  ): void {
    this.trueIndex.push(trueIndex, batch.rows)
    this.predictedIndex.push(predictedIndex, batch.rows)
    if (probabilities !== undefined) {
      this.sawScores = true
      const k = this.classes!.length
      if (this.positiveIndex !== undefined) this.scores.pushStrided(probabilities, batch.rows, this.positiveIndex, k)
      this.probabilities.push(probabilities, batch.rows * k)
    }
    this.addSensitive(batch)
  }

  addRegression(batch: ColumnBatch, target: ArrayLike<number>, predicted: ArrayLike<number>): void {
    this.target.push(target, batch.rows)
    this.predicted.push(predicted, batch.rows)
    this.addSensitive(batch)
  }

  private addSensitive(batch: ColumnBatch): void {
    for (const name of this.sensitiveColumns) {
      appendTexts(this.sensitive[name]!, textColumn(batch, name), batch.rows)
    }
    this.rows += batch.rows
  }

  result(): RecomputedRows {
    if (this.task === 'regression') {
      return {
        task: this.task,
        rows: this.rows,
        target: this.target.view(),
        predicted: this.predicted.view(),
        sensitive: this.sensitive
      }
    }
    return {
      task: this.task,
      rows: this.rows,
      classes: this.classes!,
      ...(this.positiveIndex === undefined ? {} : { positiveIndex: this.positiveIndex }),
      trueIndex: this.trueIndex.view(),
      predictedIndex: this.predictedIndex.view(),
      sensitive: this.sensitive,
      ...(this.sawScores ? { probabilities: this.probabilities.view() } : {}),
      ...(this.sawScores && this.positiveIndex !== undefined ? { scores: this.scores.view() } : {})
    }
  }
}
