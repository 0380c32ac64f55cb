/**
 * Requirements judged on groups of the evaluation data (`check: fairness`, `check:
 * selection-rate-ratio`), as the recompute sees them: which sensitive features to group by, which
 * predictions to count, and the bootstrap settings of row-based per-group figures.
 */
import type { FairnessRequirement } from './fairness-schema.js'
import type { LocatedRequirement, SourceLocation } from './types.js'

export type GroupRequirement = Pick<
  FairnessRequirement,
  'id' | 'sensitiveFeatures' | 'nBoot' | 'seed' | 'confidence' | 'predictionColumn'
> & {
  check: 'fairness' | 'selection-rate-ratio' | 'calibration' | 'subgroup-performance'
  /** What the group statistics must hold beyond confusion counts: roc_auc or calibration need rows. */
  metric: FairnessRequirement['metric'] | 'calibration'
  /** Calibration bins. */
  bins?: number
  location?: SourceLocation
}

export function groupRequirements(requirements: readonly LocatedRequirement[]): GroupRequirement[] {
  return requirements.flatMap((r): GroupRequirement[] => {
    if (r.check === 'fairness') return [r]
    if (r.check === 'calibration') {
      const { id, sensitiveFeatures, nBoot, seed, confidence, bins } = r
      const at = r.location === undefined ? {} : { location: r.location }
      return [{ check: r.check, id, metric: 'calibration', sensitiveFeatures, nBoot, seed, confidence, bins, ...at }]
    }
    if (r.check !== 'selection-rate-ratio' && r.check !== 'subgroup-performance') return []
    // Selection rates and per-group rates are ratios of confusion counts: the shared statistics hold them.
    const { id, sensitiveFeatures, nBoot, seed, confidence, predictionColumn } = r
    const extra = {
      ...(predictionColumn === undefined ? {} : { predictionColumn }),
      ...(r.location === undefined ? {} : { location: r.location })
    }
    return [{ check: r.check, id, metric: 'selection_rate', sensitiveFeatures, nBoot, seed, confidence, ...extra }]
  })
}
