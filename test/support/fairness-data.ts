/**
 * Fairness test data: seeded synthetic groups, the Adult data as typed arrays, and rows written
 * as CSV for the fairlearn oracle (test/oracle/core/fairness/fairlearn-reference.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Xoshiro128 } from '../../src/core/fairness/random.js'
import type { GroupStatsInput } from '../../src/core/fairness/types.js'

const ROOT = resolve(import.meta.dirname, '../..')
export const ADULT_CSV = join(ROOT, 'data/adult/adult.csv')

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'fairness-test-'))

/** Adult as typed arrays: label ">50K" = 1, the Python model's predictions and scores. */
export function readAdult(predictionsPath: string): GroupStatsInput {
  const lines = readFileSync(ADULT_CSV, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
  const header = lines[0]!.split(',').map((h) => h.trim())
  const col = (name: string): number => header.indexOf(name)
  const rows = lines.slice(1).map((l) => l.split(',').map((v) => v.trim()))
  const preds = readFileSync(predictionsPath, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','))
  if (preds.length !== rows.length) throw new Error('prediction rows do not match Adult rows')
  return {
    yTrue: Uint8Array.from(rows, (r) => (r[col('Salary')] === '>50K' ? 1 : 0)),
    yPred: Uint8Array.from(preds, (p) => Number(p[0])),
    scores: Float64Array.from(preds, (p) => Number(p[1])),
    sensitive: { sex: rows.map((r) => r[col('sex')]!), race: rows.map((r) => r[col('race')]!) }
  }
}

export interface SyntheticGroup {
  /** One value per feature. */
  values: string[]
  /** Share of rows. */
  weight: number
  /** P(y = 1). */
  base: number
  /** P(ŷ = 1 | y = 1) and P(ŷ = 1 | y = 0). */
  tpr: number
  fpr: number
}

/** Seeded rows from a list of groups (features named f0, f1, …), with a score consistent with ŷ. */
export function synthetic(groups: SyntheticGroup[], rows: number, seed: number): GroupStatsInput {
  const rng = new Xoshiro128(seed)
  const total = groups.reduce((s, g) => s + g.weight, 0)
  const features = groups[0]!.values.map((_, i) => `f${i}`)
  const sensitive: Record<string, string[]> = Object.fromEntries(features.map((f) => [f, [] as string[]]))
  const yTrue = new Uint8Array(rows)
  const yPred = new Uint8Array(rows)
  const scores = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let u = rng.uniform() * total
    let g = groups[0]!
    for (const candidate of groups) {
      g = candidate
      u -= candidate.weight
      if (u < 0) break
    }
    g.values.forEach((v, f) => {
      sensitive[features[f]!]!.push(v)
    })
    yTrue[i] = rng.uniform() < g.base ? 1 : 0
    yPred[i] = rng.uniform() < (yTrue[i] === 1 ? g.tpr : g.fpr) ? 1 : 0
    scores[i] = (yPred[i]! + rng.uniform() + 0.3 * yTrue[i]!) / 2.3
  }
  return { yTrue, yPred, scores, sensitive }
}

/** Writes rows as CSV (y_true, y_pred, score, features) for the Python side. */
export function writeCsv(input: GroupStatsInput): string {
  const path = join(tempDir(), 'data.csv')
  const features = Object.keys(input.sensitive)
  const lines = [['y_true', 'y_pred', 'score', ...features].join(',')]
  for (let i = 0; i < input.yTrue.length; i++) {
    lines.push(
      [
        input.yTrue[i],
        input.yPred[i],
        input.scores![i]!.toPrecision(17),
        ...features.map((f) => input.sensitive[f]![i])
      ].join(',')
    )
  }
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}
