/**
 * Runs test/python/sklearn_reference_metrics.py in the mlflow3 venv on the given cases and
 * returns sklearn's numbers, so the reference values are computed during the test run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pythonScript, runPython } from './python.js'

export interface ReferenceCase {
  id: string
  task: 'binary' | 'multiclass' | 'regression'
  y_true: (number | string)[]
  y_pred: (number | string)[]
  proba?: number[][]
  classes?: (number | string)[]
  pos_index?: number
  weights?: number[]
}

export interface ReferenceResult {
  metrics: Record<string, number>
  undefined: string[]
}

export function sklearnReference(cases: ReferenceCase[]): Record<string, ReferenceResult> {
  const dir = mkdtempSync(join(tmpdir(), 'aims-gate-sklearn-'))
  try {
    const input = join(dir, 'cases.json')
    const output = join(dir, 'out.json')
    writeFileSync(input, JSON.stringify({ cases }))
    runPython('mlflow3', [pythonScript('sklearn_reference_metrics.py'), input, output])
    return JSON.parse(readFileSync(output, 'utf8')) as Record<string, ReferenceResult>
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** |a − b| ≤ 1e-9·|b| (exact equality for zero). */
export function closeRelative(actual: number, expected: number, tolerance = 1e-9): boolean {
  if (actual === expected) return true
  return Math.abs(actual - expected) <= tolerance * Math.abs(expected)
}

/** A small seeded generator (mulberry32) so every run builds the same matrix. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
