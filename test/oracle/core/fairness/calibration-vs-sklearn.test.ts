/**
 * Calibration figures against scikit-learn, run during the test (test/python/calibration_reference.py):
 * the Brier score equals brier_score_loss and the ECE equals the one built from
 * calibration_curve(strategy='uniform'), overall and per group, to 1e-9 — on the Adult data with a
 * scikit-learn model's scores, and on scores placed exactly on bin edges (where the side a score
 * falls on matters).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { groupCalibration, type CalibrationStatistics } from '../../../../src/core/fairness/group-calibration.js'
import { assignGroups } from '../../../../src/core/fairness/group-stats.js'
import type { GroupStatsInput } from '../../../../src/core/fairness/types.js'
import { readAdult, tempDir } from '../../../support/fairness-data.js'
import { pythonScript, runPython } from '../../../support/python.js'
import { adultPredictions } from './fairlearn-reference.js'

const TOLERANCE = 1e-9

interface Figures {
  n: number
  brier: number
  ece: number
}
interface SklearnCalibration {
  overall: Figures
  groups: Record<string, Figures>
}

function sklearn(
  y: ArrayLike<number>,
  scores: Float64Array,
  group: readonly string[],
  bins: number
): SklearnCalibration {
  const path = join(tempDir(), 'calibration.csv')
  const lines = ['y_true,score,group', ...Array.from(scores, (s, i) => `${y[i]},${s.toPrecision(17)},${group[i]}`)]
  writeFileSync(path, `${lines.join('\n')}\n`)
  return JSON.parse(runPython('mlflow3', [pythonScript('calibration_reference.py'), path, String(bins)]))
}

function ours(input: GroupStatsInput, feature: string, bins: number): CalibrationStatistics {
  const assignment = assignGroups(input.sensitive, [feature], input.yTrue.length)
  if (assignment.kind === 'missing') throw new Error(assignment.detail)
  return groupCalibration(input.yTrue, input.scores!, assignment, bins, { nBoot: 100, seed: 1, confidence: 0.95 })
}

function expectSame(mine: CalibrationStatistics, theirs: SklearnCalibration): void {
  const close = (a: number | null, b: number, what: string) =>
    expect(Math.abs((a ?? Number.NaN) - b), what).toBeLessThanOrEqual(TOLERANCE)
  close(mine.overall.brier, theirs.overall.brier, 'overall brier')
  close(mine.overall.ece, theirs.overall.ece, 'overall ece')
  expect(Object.keys(mine.byGroup).sort()).toEqual(Object.keys(theirs.groups).sort())
  for (const [group, figure] of Object.entries(theirs.groups)) {
    expect(mine.byGroup[group]!.n).toBe(figure.n)
    close(mine.byGroup[group]!.brier, figure.brier, `${group} brier`)
    close(mine.byGroup[group]!.ece, figure.ece, `${group} ece`)
  }
}

describe('calibration vs scikit-learn', () => {
  let adult: GroupStatsInput
  beforeAll(() => {
    adult = readAdult(adultPredictions())
  }, 300_000)

  for (const bins of [10, 7]) {
    test(`Adult by sex and by race, ${bins} bins: Brier and ECE equal sklearn's to 1e-9`, () => {
      for (const feature of ['sex', 'race']) {
        expectSame(ours(adult, feature, bins), sklearn(adult.yTrue, adult.scores!, adult.sensitive[feature]!, bins))
      }
    }, 120_000)
  }

  test('scores exactly on bin edges fall in the bin sklearn puts them in', () => {
    const scores = Float64Array.from({ length: 400 }, (_, i) => (i % 11) / 10)
    const y = Uint8Array.from(scores, (_, i) => (i % 3 === 0 ? 1 : 0))
    const group = Array.from(scores, (_, i) => (i % 2 === 0 ? 'a' : 'b'))
    const input: GroupStatsInput = { yTrue: y, yPred: y, scores, sensitive: { g: group } }
    expectSame(ours(input, 'g', 10), sklearn(y, scores, group, 10))
  }, 60_000)

  test('intervals contain the point estimate and record their settings', () => {
    const c = ours(adult, 'sex', 10)
    for (const f of [c.overall, ...Object.values(c.byGroup)]) {
      expect(f.eceInterval!.low).toBeLessThanOrEqual(f.ece!)
      expect(f.eceInterval!.high).toBeGreaterThanOrEqual(f.ece!)
      expect(f.brierInterval!.seed).toBe(1)
    }
  })
})
