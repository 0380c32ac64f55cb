/**
 * What the recompute step calls once it has the rows: the `RecomputedEvaluation.groups` map for
 * a list of fairness requirements. One entry per distinct sensitive-feature set (requirements on
 * the same features share it); per-group ROC AUC, which needs rows, is added only when a
 * requirement asks for roc_auc, with that requirement's bootstrap settings.
 */
import { missing } from '../evidence/items.js'
import type { GroupRequirement } from '../policy/group-requirements.js'
import { scoreProblem } from '../metrics/calibration.js'
import { groupCalibration } from './group-calibration.js'
import { assignGroups, computeGroupStatistics, type GroupingOptions } from './group-stats.js'
import { perGroupRocAuc } from './per-group-performance.js'
import { groupsKey, type GroupStatisticsEntry, type GroupStatsInput } from './types.js'

type Wanted = Pick<GroupRequirement, 'metric' | 'sensitiveFeatures' | 'nBoot' | 'seed' | 'confidence' | 'bins'>

export function buildGroupStatistics(
  input: GroupStatsInput,
  requirements: readonly Wanted[],
  options: GroupingOptions = {}
): Record<string, GroupStatisticsEntry> {
  const groups: Record<string, GroupStatisticsEntry> = {}
  for (const req of requirements) {
    const key = groupsKey(req.sensitiveFeatures)
    let entry = groups[key]
    if (entry === undefined) {
      entry = computeGroupStatistics(input, req.sensitiveFeatures, options)
      groups[key] = entry
    }
    if (req.metric === 'calibration') {
      groups[key] = withCalibration(input, req, entry, options)
      continue
    }
    if (req.metric !== 'roc_auc' || entry.kind !== 'group-statistics' || entry.performance?.roc_auc !== undefined)
      continue
    if (input.scores === undefined) {
      groups[key] = missing(
        'unsupported',
        `roc_auc per group of ${key} needs prediction scores, but the model or ` +
          `prediction column gives labels only; use a model that outputs probabilities`
      )
      continue
    }
    const assignment = assignGroups(input.sensitive, req.sensitiveFeatures, input.yTrue.length, options)
    if (assignment.kind === 'missing') continue // computeGroupStatistics already reported it
    const bootstrap = { nBoot: req.nBoot, seed: req.seed, confidence: req.confidence }
    entry.performance = {
      ...entry.performance,
      roc_auc: perGroupRocAuc(input.yTrue, input.scores, assignment, { bootstrap })
    }
  }
  return groups
}

/** Adds calibration to a group-statistics entry (once per feature set), or why it cannot be computed. */
function withCalibration(
  input: GroupStatsInput,
  req: Wanted,
  entry: GroupStatisticsEntry,
  options: GroupingOptions
): GroupStatisticsEntry {
  if (entry.kind !== 'group-statistics' || entry.calibration !== undefined) return entry
  const key = groupsKey(req.sensitiveFeatures)
  if (input.scores === undefined) {
    return missing(
      'unsupported',
      `calibration of ${key} needs prediction scores, but the model gives labels only; ` +
        `use a model that outputs probabilities`
    )
  }
  const problem = scoreProblem(input.scores)
  if (problem !== undefined) return missing('invalid', `calibration of ${key} cannot be judged: ${problem}`)
  const assignment = assignGroups(input.sensitive, req.sensitiveFeatures, input.yTrue.length, options)
  if (assignment.kind === 'missing') return entry
  const settings = { nBoot: req.nBoot, seed: req.seed, confidence: req.confidence }
  const calibration = groupCalibration(input.yTrue, input.scores, assignment, req.bins ?? 10, settings)
  return { ...entry, calibration: { ...calibration, ...settings } }
}
