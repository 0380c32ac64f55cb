/**
 * Per-group statistics for fairness requirements: what the recompute step stores in
 * `RecomputedEvaluation.groups[<features joined by '×'>]` and what the fairness check reads.
 *
 * Only confusion counts are stored per group: every rate fairlearn's disparity metrics use is a
 * ratio of these four counts, and the bootstrap resamples the counts, not the rows. Row-level
 * quantities (per-group ROC AUC) are computed at recompute time and stored with their interval.
 */
import type { Missing } from '../evidence/types.js'

/** Joins sensitive feature names into the `groups` key (`sex×race`) and group values into a label. */
export const GROUP_SEPARATOR = '×'

export const groupsKey = (features: readonly string[]): string => features.join(GROUP_SEPARATOR)
export const groupLabel = (values: readonly string[]): string => values.join(GROUP_SEPARATOR)

/** Confusion counts of one group (one value tuple of the sensitive features). */
export interface GroupCounts {
  /** One value per sensitive feature, in the order of `GroupStatistics.features`. */
  values: string[]
  n: number
  tp: number
  fp: number
  tn: number
  fn: number
}

/** A bootstrap percentile interval and how it was made (so a rerun reproduces it). */
export interface Interval {
  low: number
  high: number
  confidence: number
  nBoot: number
  seed: number
}

/** A per-group figure that needs rows (ROC AUC), with its interval when one was asked for. */
export interface GroupPerformanceValue {
  /** `null` when undefined in this group (only one class present). */
  value: number | null
  interval?: Interval
}

/** Calibration of one set of rows (a group, or all of them), with percentile intervals. */
export interface CalibrationFigure {
  n: number
  /** null when the group has no rows. */
  brier: number | null
  ece: number | null
  brierInterval?: Interval
  eceInterval?: Interval
}

export interface CalibrationStatistics {
  bins: number
  strategy: 'uniform'
  overall: CalibrationFigure
  byGroup: Record<string, CalibrationFigure>
}

export interface GroupStatistics {
  readonly kind: 'group-statistics'
  /** The sensitive features, in key order (`['sex', 'race']` for `sex×race`). */
  features: string[]
  /** Rows the counts were taken from (all groups together). */
  rows: number
  /**
   * Every value combination, sorted like fairlearn's `by_group` index. For several features this
   * is the full cross product, so combinations without rows appear with `n: 0` (empty groups).
   */
  groups: GroupCounts[]
  /** Row-based per-group figures, keyed by metric name (`roc_auc`) then by group label. */
  performance?: Record<string, Record<string, GroupPerformanceValue>>
  /** Calibration overall and per group, when a calibration requirement asked (with its settings). */
  calibration?: CalibrationStatistics & { nBoot: number; seed: number; confidence: number }
}

/** What `groups[key]` holds: the statistics, or why they could not be computed. */
export type GroupStatisticsEntry = GroupStatistics | Missing

/**
 * Row-level input for one evaluation data set. `yTrue`/`yPred` are 0/1 after mapping the positive
 * class; `sensitive` maps a column name to its values as text (one per row).
 */
export interface GroupStatsInput {
  yTrue: Uint8Array | Int32Array
  yPred: Uint8Array | Int32Array
  scores?: Float64Array
  sensitive: Record<string, readonly string[]>
}
