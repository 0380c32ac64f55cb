/**
 * Compares a recompute with scikit-learn: the metrics equal sklearn's on exactly our predictions
 * (1e-9), and our predictions agree with onnxruntime in Python (1e-6: tree ensembles sum in
 * float32 and their thread split depends on the batch size, so the last bit of a score may differ).
 */
import { expect } from 'vitest'
import type { EvidenceItem, RecomputedEvaluation } from '../../../../src/core/evidence/types.js'
import type { RecomputedRows } from '../../../../src/collect/recompute/recompute.js'
import { closeRelative, type ReferenceCase, type ReferenceResult } from '../../../support/sklearn-reference.js'

export function value(item: EvidenceItem<RecomputedEvaluation>): RecomputedEvaluation {
  if (item.kind !== 'present') throw new Error(`expected present evidence, got missing: ${item.detail}`)
  return item.value
}

/** The sklearn case of our own per-row predictions. */
export function referenceCase(name: string, rows: RecomputedRows): ReferenceCase {
  const k = rows.classes?.length ?? 0
  const toMatrix = (flat: Float64Array): number[][] =>
    Array.from({ length: rows.rows }, (_, i) => Array.from(flat.subarray(i * k, i * k + k)))
  return rows.task === 'regression'
    ? { id: name, task: 'regression', y_true: Array.from(rows.target!), y_pred: Array.from(rows.predicted!) }
    : {
        id: name,
        task: rows.task,
        y_true: Array.from(rows.trueIndex!),
        y_pred: Array.from(rows.predictedIndex!),
        proba: toMatrix(rows.probabilities!),
        classes: rows.classes!.map((_, i) => i),
        ...(rows.positiveIndex === undefined ? {} : { pos_index: rows.positiveIndex })
      }
}

/** `exact`: sklearn on our predictions; `python`: sklearn on onnxruntime-in-Python's predictions. */
export function expectMatchesSklearn(
  actual: RecomputedEvaluation,
  rows: RecomputedRows,
  exact: ReferenceResult,
  python: ReferenceResult
): void {
  const rename = (metric: string): string =>
    metric.replace(
      /^confusion_matrix\/(\d+)\/(\d+)$/,
      (_m, t: string, p: string) => `confusion_matrix/${rows.classes![Number(t)]}/${rows.classes![Number(p)]}`
    )
  const compare = (expected: Record<string, number>, tolerance: number): string[] =>
    Object.entries(expected)
      .map(([metric, v]) => [rows.task === 'regression' ? metric : rename(metric), v] as const)
      .filter(
        ([metric, v]) => actual.metrics[metric] === undefined || !closeRelative(actual.metrics[metric]!, v, tolerance)
      )
      .map(([metric, v]) => `${metric}: ours ${actual.metrics[metric]} sklearn ${v}`)
  expect(compare(exact.metrics, 1e-9)).toEqual([])
  expect(compare(python.metrics, 1e-6)).toEqual([])
  expect(Object.keys(exact.metrics).length).toBeGreaterThan(8)
}
