/**
 * Turns labels (from the data's label column and from the model's label output) into class
 * indices 0..k-1, the column order of the model's probabilities. Labels in a CSV are text, the
 * model's may be int64: "1", "1.0" and 1 are the same class.
 */
import { invalid } from '../../core/errors.js'
import type { TextColumn } from '../data/columns.js'
import type { ClassLabels } from './onnx-class-labels.js'
import type { OutputTensor } from './onnx-runner.js'

export class ClassMapping {
  readonly names: string[]
  private readonly byText = new Map<string, number>()
  private readonly byNumber = new Map<number, number>()

  constructor(
    readonly classes: ClassLabels,
    /** For error messages: the label column's name. */
    private readonly labelColumn: string
  ) {
    this.names = classes.values.map(String)
    classes.values.forEach((value, index) => {
      this.byText.set(String(value), index)
      if (typeof value === 'number') this.byNumber.set(value, index)
      else if (value.trim() !== '' && !Number.isNaN(Number(value))) this.byNumber.set(Number(value), index)
    })
  }

  /** Index of a label given as text or number, or undefined when it is no class of the model. */
  find(label: string | number): number | undefined {
    const text = String(label)
    const exact = this.byText.get(text)
    if (exact !== undefined) return exact
    const numeric = typeof label === 'number' ? label : text.trim() === '' ? Number.NaN : Number(text)
    const index = Number.isNaN(numeric) ? undefined : this.byNumber.get(numeric)
    if (index !== undefined) this.byText.set(text, index) // cache: the next lookup is one Map hit
    return index
  }

  /**
   * True labels of one batch → indices. Each distinct text of the batch is looked up once; an
   * unknown label is an error naming it.
   */
  trueIndices(labels: TextColumn, rows: number): Int32Array {
    const classOf = new Int32Array(labels.values.length)
    labels.values.forEach((label, code) => {
      const index = this.find(label)
      if (index === undefined) {
        throw invalid(
          `label column '${this.labelColumn}' holds '${label.slice(0, 40)}', ` +
            `which is not one of the model's classes (${this.names.join(', ')}); fix the ` +
            `label column or the positive class in the policy`
        )
      }
      classOf[code] = index
    })
    const out = new Int32Array(rows)
    for (let i = 0; i < rows; i++) out[i] = classOf[labels.codes[i]!]!
    return out
  }

  /** The model's label output of one batch → indices. */
  predictedIndices(output: OutputTensor, rows: number): Int32Array {
    const out = new Int32Array(rows)
    const data = output.data
    for (let i = 0; i < rows; i++) {
      const raw = data[i]!
      const index = this.find(typeof raw === 'bigint' ? Number(raw) : (raw as string | number))
      if (index === undefined)
        throw invalid(
          `the model predicted '${String(raw)}', which is not among the class labels in ` +
            `its graph (${this.names.join(', ')}); re-export the model`
        )
      out[i] = index
    }
    return out
  }
}

/** MLflow's default positive class: the last label in sorted order. */
export function defaultPositiveIndex(classes: ClassLabels): number {
  const sorted = classes.values.map((v, i) => ({ v, i }))
  sorted.sort((a, b) =>
    typeof a.v === 'number' && typeof b.v === 'number'
      ? a.v - b.v
      : String(a.v) < String(b.v)
        ? -1
        : String(a.v) > String(b.v)
          ? 1
          : 0
  )
  return sorted[sorted.length - 1]!.i
}
