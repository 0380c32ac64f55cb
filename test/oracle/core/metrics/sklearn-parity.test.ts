/**
 * Every recomputed metric equals scikit-learn's on the same predictions to 1e-9 (relative),
 * over a generated matrix: binary, multiclass, regression; tied scores; a single class present;
 * sample weights. sklearn runs in the test (test/python/sklearn_reference_metrics.py).
 */
import { describe, expect, it } from 'vitest'
import { ClassifierEvaluator } from '../../../../src/core/metrics/classifier-evaluator.js'
import type { MetricResult } from '../../../../src/core/metrics/names.js'
import { RegressionAccumulator } from '../../../../src/core/metrics/regression.js'
import {
  closeRelative,
  seededRandom,
  sklearnReference,
  type ReferenceCase
} from '../../../support/sklearn-reference.js'

interface ClassifierSpec {
  id: string
  classes: number
  rows: number
  binaryPositive?: number
  /** Round scores to this many decimals to force ties. */
  tieDecimals?: number
  weighted?: boolean
  /** Only these classes appear among the true labels. */
  trueClasses?: number[]
  /** Rows whose probabilities do not sum to one (binary only, like a one-column score). */
  seed: number
  /** Probabilities rounded to float32 and fed to us as a Float32Array, as a model gives them. */
  float32?: boolean
}

/** Cases whose scores reach us as float32 (sorted by radix-sort.ts once a chunk is large). */
const FLOAT32_CASES = new Set<string>()

function makeClassifierCase(spec: ClassifierSpec): ReferenceCase {
  const random = seededRandom(spec.seed)
  const k = spec.classes
  const trueChoices = spec.trueClasses ?? Array.from({ length: k }, (_, c) => c)
  const yTrue: number[] = []
  const yPred: number[] = []
  const proba: number[][] = []
  const weights: number[] = []
  for (let i = 0; i < spec.rows; i++) {
    const t = trueChoices[Math.floor(random() * trueChoices.length)]!
    // Informative but noisy scores: the true class gets a boost.
    const raw = Array.from({ length: k }, (_, c) => Math.exp(2 * random() + (c === t ? 1.2 : 0)))
    const sum = raw.reduce((a, b) => a + b, 0)
    let row = raw.map((v) => v / sum)
    if (spec.tieDecimals !== undefined) {
      const f = 10 ** spec.tieDecimals
      row = row.map((v) => Math.round(v * f) / f)
      // keep rows summing to one: put the rounding remainder on the last column
      const head = row.slice(0, -1).reduce((a, b) => a + b, 0)
      row[k - 1] = Math.max(0, 1 - head)
    }
    if (spec.float32) row = row.map(Math.fround)
    let best = 0
    for (let c = 1; c < k; c++) if (row[c]! > row[best]!) best = c
    yTrue.push(t)
    yPred.push(best)
    proba.push(row)
    weights.push(0.25 + 2 * random())
  }
  if (spec.float32) FLOAT32_CASES.add(spec.id)
  return {
    id: spec.id,
    task: spec.binaryPositive === undefined ? 'multiclass' : 'binary',
    y_true: yTrue,
    y_pred: yPred,
    proba,
    classes: Array.from({ length: k }, (_, c) => c),
    ...(spec.binaryPositive === undefined ? {} : { pos_index: spec.binaryPositive }),
    ...(spec.weighted ? { weights } : {})
  }
}

interface RegressionSpec {
  id: string
  rows: number
  weighted?: boolean
  constantTarget?: boolean
  zerosInTarget?: boolean
  offset?: number
  seed: number
}

function makeRegressionCase(spec: RegressionSpec): ReferenceCase {
  const random = seededRandom(spec.seed)
  const yTrue: number[] = []
  const yPred: number[] = []
  const weights: number[] = []
  for (let i = 0; i < spec.rows; i++) {
    let y = spec.constantTarget ? 3.5 : (spec.offset ?? 0) + 10 * random() - 3
    if (spec.zerosInTarget && i % 7 === 0) y = 0
    yTrue.push(y)
    yPred.push(y + (random() - 0.5) * 2)
    weights.push(0.1 + random())
  }
  return { id: spec.id, task: 'regression', y_true: yTrue, y_pred: yPred, ...(spec.weighted ? { weights } : {}) }
}

/**
 * `chunk`: score chunks this small, so ROC AUC and AP merge many sorted chunks; `float32`: scores as
 * a model gives them.
 */
function ours(c: ReferenceCase, chunk?: number, float32 = FLOAT32_CASES.has(c.id)): MetricResult {
  const rows = c.y_true.length
  const weights = c.weights === undefined ? undefined : Float64Array.from(c.weights)
  if (c.task === 'regression') {
    const acc = new RegressionAccumulator()
    // two batches, to exercise the streaming path
    const half = Math.floor(rows / 2)
    const y = Float64Array.from(c.y_true as number[])
    const p = Float64Array.from(c.y_pred as number[])
    acc.update(y.subarray(0, half), p.subarray(0, half), half, weights?.subarray(0, half))
    acc.update(y.subarray(half), p.subarray(half), rows - half, weights?.subarray(half))
    return acc.result()
  }
  const k = c.classes!.length
  const evaluator = new ClassifierEvaluator({
    classNames: c.classes!.map(String),
    ...(c.pos_index === undefined ? {} : { positiveIndex: c.pos_index }),
    ...(chunk === undefined ? {} : { scoreChunk: chunk })
  })
  const batch = 97
  for (let start = 0; start < rows; start += batch) {
    const n = Math.min(batch, rows - start)
    const probabilities = float32 ? new Float32Array(n * k) : new Float64Array(n * k)
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) probabilities[i * k + j] = c.proba![start + i]![j]!
    evaluator.update({
      rows: n,
      trueIndex: Int32Array.from(c.y_true.slice(start, start + n) as number[]),
      predictedIndex: Int32Array.from(c.y_pred.slice(start, start + n) as number[]),
      probabilities,
      ...(weights === undefined ? {} : { weights: weights.subarray(start, start + n) })
    })
  }
  return evaluator.result()
}

const cases: ReferenceCase[] = [
  makeClassifierCase({ id: 'binary', classes: 2, rows: 1000, binaryPositive: 1, seed: 1 }),
  makeClassifierCase({ id: 'binary-positive-0', classes: 2, rows: 700, binaryPositive: 0, seed: 2 }),
  makeClassifierCase({ id: 'binary-ties', classes: 2, rows: 1500, binaryPositive: 1, tieDecimals: 1, seed: 3 }),
  makeClassifierCase({
    id: 'binary-ties-weighted',
    classes: 2,
    rows: 1200,
    binaryPositive: 1,
    tieDecimals: 2,
    weighted: true,
    seed: 4
  }),
  makeClassifierCase({ id: 'binary-weighted', classes: 2, rows: 900, binaryPositive: 1, weighted: true, seed: 5 }),
  makeClassifierCase({
    id: 'binary-single-class',
    classes: 2,
    rows: 300,
    binaryPositive: 1,
    trueClasses: [1],
    seed: 6
  }),
  makeClassifierCase({
    id: 'binary-no-positives',
    classes: 2,
    rows: 300,
    binaryPositive: 1,
    trueClasses: [0],
    seed: 7
  }),
  // Large enough that the score chunks are radix sorted; three decimals give many ties.
  makeClassifierCase({
    id: 'binary-float32-large',
    classes: 2,
    rows: 60_000,
    binaryPositive: 1,
    tieDecimals: 3,
    float32: true,
    seed: 17
  }),
  makeClassifierCase({
    id: 'binary-float32-distinct',
    classes: 2,
    rows: 40_000,
    binaryPositive: 1,
    float32: true,
    seed: 18
  }),
  makeClassifierCase({ id: 'multiclass-3', classes: 3, rows: 1200, seed: 8 }),
  makeClassifierCase({
    id: 'multiclass-4-ties-weighted',
    classes: 4,
    rows: 1600,
    tieDecimals: 1,
    weighted: true,
    seed: 9
  }),
  makeClassifierCase({ id: 'multiclass-5-weighted', classes: 5, rows: 1000, weighted: true, seed: 10 }),
  makeClassifierCase({ id: 'multiclass-class-absent', classes: 3, rows: 600, trueClasses: [0, 2], seed: 11 }),
  makeRegressionCase({ id: 'regression', rows: 1000, seed: 12 }),
  makeRegressionCase({ id: 'regression-weighted', rows: 1000, weighted: true, seed: 13 }),
  makeRegressionCase({ id: 'regression-zeros', rows: 500, zerosInTarget: true, seed: 14 }),
  makeRegressionCase({ id: 'regression-constant', rows: 200, constantTarget: true, seed: 15 }),
  makeRegressionCase({ id: 'regression-large-mean', rows: 1000, offset: 1e6, weighted: true, seed: 16 })
]

describe('metrics equal scikit-learn on the same predictions (1e-9 relative)', () => {
  const reference = sklearnReference(cases)

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const expected = reference[c.id]!
    const actual = ours(c)
    const mismatches: string[] = []
    for (const [name, value] of Object.entries(expected.metrics)) {
      const mine = actual.metrics[name]
      if (mine === undefined || !closeRelative(mine, value)) mismatches.push(`${name}: ours ${mine} sklearn ${value}`)
    }
    expect(mismatches).toEqual([])
    // What sklearn refuses we report as absent with a reason, never as a number.
    const ourUndefined = actual.undefinedMetrics.map((m) => m.name)
    for (const name of expected.undefined) {
      expect(ourUndefined).toContain(name)
      expect(actual.metrics[name]).toBeUndefined()
    }
    // Nothing we report is NaN.
    for (const value of Object.values(actual.metrics)) expect(Number.isNaN(value)).toBe(false)
  })

  // Binary, unweighted: the scores kept in chunks of 7 (ties split across chunks), merged from
  // the top, give the same ranking metrics as one array; so do the float32 scores a model gives.
  const chunked = cases.filter((c) => c.task === 'binary' && c.weights === undefined)
  it.each(chunked.map((c) => [c.id, c] as const))('%s, scores in chunks of 7', (_id, c) => {
    const expected = reference[c.id]!
    const actual = ours(c, 7)
    for (const [name, value] of Object.entries(expected.metrics))
      expect(closeRelative(actual.metrics[name]!, value)).toBe(true)
    const whole = ours(c, undefined, true).metrics
    const pieces = ours(c, 7, true).metrics
    for (const name of ['roc_auc', 'average_precision', 'precision_recall_auc']) expect(pieces[name]).toBe(whole[name])
  })
})
