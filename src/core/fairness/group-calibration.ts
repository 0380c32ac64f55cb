/**
 * Calibration (Brier score, ECE) overall and per group, with percentile bootstrap intervals, for
 * `check: calibration`. Needs the rows (scores), so it runs at recompute time and is stored in
 * `GroupStatistics.calibration`.
 *
 * Each resample draws the group sizes as a multinomial and then rows uniformly within each group,
 * the same distribution as resampling all rows with replacement (what fairlearn's MetricFrame
 * bootstrap does), so one resample gives every group's figure and the overall one (bin sums add).
 */
import { makeMultinomialSampler, percentileInterval, validateSettings, type BootstrapSettings } from './bootstrap.js'
import type { GroupAssignment } from './group-stats.js'
import { Xoshiro128 } from './random.js'
import { groupLabel, type CalibrationFigure, type CalibrationStatistics } from './types.js'

export type { CalibrationFigure, CalibrationStatistics } from './types.js'
import {
  addRows,
  calibrationRows,
  emptySums,
  fromSums,
  mergeSums,
  type CalibrationRows,
  type CalibrationSums
} from '../metrics/calibration.js'

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x)

export function groupCalibration(
  yTrue: ArrayLike<number>,
  scores: Float64Array,
  assignment: GroupAssignment,
  bins: number,
  settings: BootstrapSettings
): CalibrationStatistics {
  validateSettings(settings)
  const groupCount = assignment.groupValues.length
  const members: number[][] = Array.from({ length: groupCount }, () => [])
  assignment.groupOf.forEach((g, row) => {
    members[g]!.push(row)
  })
  const groups: CalibrationRows[] = members.map((rows) =>
    calibrationRows(
      Uint8Array.from(rows, (r) => (yTrue[r] === 1 ? 1 : 0)),
      Float64Array.from(rows, (r) => scores[r]!),
      bins
    )
  )
  const pointSums = groups.map((g) => addRows(emptySums(bins), g))
  const overallPoint = fromSums(pointSums.reduce((all, s) => mergeSums(all, s), emptySums(bins)))

  const rng = new Xoshiro128(settings.seed)
  const drawSizes = makeMultinomialSampler(Float64Array.from(groups, (g) => g.y.length))
  const sizes = new Float64Array(groupCount)
  const weights = groups.map((g) => new Int32Array(g.y.length))
  const replicate = (): Float64Array => new Float64Array(settings.nBoot)
  const brierRep = groups.map(replicate)
  const eceRep = groups.map(replicate)
  const overallBrier = replicate()
  const overallEce = replicate()
  for (let b = 0; b < settings.nBoot; b++) {
    drawSizes(rng, sizes)
    const all: CalibrationSums = emptySums(bins)
    for (let g = 0; g < groupCount; g++) {
      const n = groups[g]!.y.length
      if (n === 0) continue
      const weight = weights[g]!
      weight.fill(0)
      for (let k = sizes[g]!; k > 0; k--) weight[rng.below(n)]! += 1
      const sums = addRows(emptySums(bins), groups[g]!, weight)
      const value = fromSums(sums)
      brierRep[g]![b] = value.brier
      eceRep[g]![b] = value.ece
      mergeSums(all, sums)
    }
    const value = fromSums(all)
    overallBrier[b] = value.brier
    overallEce[b] = value.ece
  }
  const byGroup: Record<string, CalibrationFigure> = {}
  groups.forEach((g, i) => {
    if (g.y.length === 0) return
    const point = fromSums(pointSums[i]!)
    byGroup[groupLabel(assignment.groupValues[i]!)] = {
      n: g.y.length,
      brier: orNull(point.brier),
      ece: orNull(point.ece),
      brierInterval: percentileInterval(brierRep[i]!, settings),
      eceInterval: percentileInterval(eceRep[i]!, settings)
    }
  })
  return {
    bins,
    strategy: 'uniform',
    overall: {
      n: scores.length,
      brier: orNull(overallPoint.brier),
      ece: orNull(overallPoint.ece),
      brierInterval: percentileInterval(overallBrier, settings),
      eceInterval: percentileInterval(overallEce, settings)
    },
    byGroup
  }
}
