/**
 * Per-group ROC AUC, for slice thresholds such as "AUC in every group ≥ 0.75". Unlike the rates,
 * AUC needs the rows (it ranks scores), so it is computed at recompute time and stored in
 * `GroupStatistics.performance.roc_auc`.
 *
 * The value is sklearn's roc_auc_score: the Mann–Whitney probability that a random positive
 * scores above a random negative, ties counting one half; undefined (null) when a group lacks
 * either class. Its bootstrap must touch rows: each resample costs O(rows) after a one-off sort
 * (group sizes are drawn as a multinomial, then rows within each group uniformly), so
 * n_boot = 1000 on 1M rows is ~10^9 cheap steps. Only run it when a requirement asks for AUC.
 */
import { makeMultinomialSampler, percentileInterval, validateSettings, type BootstrapSettings } from './bootstrap.js'
import type { GroupAssignment } from './group-stats.js'
import { Xoshiro128 } from './random.js'
import { groupLabel, type GroupPerformanceValue } from './types.js'

/** Rows of one group sorted by score, with their labels. */
interface SortedGroup {
  scores: Float64Array
  positive: Uint8Array
}

function sortGroup(rows: number[], yTrue: ArrayLike<number>, scores: Float64Array): SortedGroup {
  rows.sort((a, b) => scores[a]! - scores[b]!)
  return {
    scores: Float64Array.from(rows, (r) => scores[r]!),
    positive: Uint8Array.from(rows, (r) => (yTrue[r] === 1 ? 1 : 0))
  }
}

/** AUC of one sorted group with a multiplicity per row (all ones for the point estimate). */
function weightedAuc(group: SortedGroup, weight: Int32Array | undefined): number {
  const { scores, positive } = group
  let negativesBelow = 0
  let numerator = 0
  let positives = 0
  let i = 0
  while (i < scores.length) {
    let tiePositives = 0
    let tieNegatives = 0
    const score = scores[i]!
    for (; i < scores.length && scores[i] === score; i++) {
      const w = weight === undefined ? 1 : weight[i]!
      if (positive[i] === 1) tiePositives += w
      else tieNegatives += w
    }
    numerator += tiePositives * (negativesBelow + 0.5 * tieNegatives)
    negativesBelow += tieNegatives
    positives += tiePositives
  }
  return positives === 0 || negativesBelow === 0 ? Number.NaN : numerator / (positives * negativesBelow)
}

export interface PerGroupAucOptions {
  /** Bootstrap settings; omit for point estimates only. */
  bootstrap?: BootstrapSettings
}

/** ROC AUC of every non-empty group, keyed by group label, optionally with percentile intervals. */
export function perGroupRocAuc(
  yTrue: ArrayLike<number>,
  scores: Float64Array,
  assignment: GroupAssignment,
  options: PerGroupAucOptions = {}
): Record<string, GroupPerformanceValue> {
  const groupCount = assignment.groupValues.length
  const members: number[][] = Array.from({ length: groupCount }, () => [])
  assignment.groupOf.forEach((g, row) => {
    members[g]!.push(row)
  })
  const sorted = members.map((rows) => sortGroup(rows, yTrue, scores))
  const result: Record<string, GroupPerformanceValue> = {}
  sorted.forEach((group, g) => {
    if (group.scores.length === 0) return
    const auc = weightedAuc(group, undefined)
    result[groupLabel(assignment.groupValues[g]!)] = { value: Number.isNaN(auc) ? null : auc }
  })
  const settings = options.bootstrap
  if (settings === undefined) return result

  validateSettings(settings)
  const rng = new Xoshiro128(settings.seed)
  const sizes = Float64Array.from(sorted, (s) => s.scores.length)
  const drawSizes = makeMultinomialSampler(sizes)
  const resampledSizes = new Float64Array(groupCount)
  const replicates = sorted.map(() => new Float64Array(settings.nBoot))
  const weights = sorted.map((s) => new Int32Array(s.scores.length))
  for (let b = 0; b < settings.nBoot; b++) {
    drawSizes(rng, resampledSizes)
    for (let g = 0; g < groupCount; g++) {
      const n = sorted[g]!.scores.length
      if (n === 0) continue
      const weight = weights[g]!
      weight.fill(0)
      for (let k = resampledSizes[g]!; k > 0; k--) weight[rng.below(n)]! += 1
      replicates[g]![b] = weightedAuc(sorted[g]!, weight)
    }
  }
  sorted.forEach((group, g) => {
    if (group.scores.length === 0) return
    const entry = result[groupLabel(assignment.groupValues[g]!)]!
    if (entry.value !== null) entry.interval = percentileInterval(replicates[g]!, settings)
  })
  return result
}
