/**
 * What the collector must fetch for a set of requirements, so the pipeline asks MLflow only for
 * what the policy will read.
 */
import type { Requirement } from './schema.js'

export interface PolicyNeeds {
  /** Run-artifact paths to fetch into `VersionEvidence.documents`. */
  documents: string[]
  /** Alias of the version to compare with, when a requirement has a baseline. */
  baselineAlias?: string
  /** Run the model on the evaluation data (for recomputed / reconciled metrics). */
  recompute: boolean
}

export function policyNeeds(requirements: readonly Requirement[]): PolicyNeeds {
  const documents = [...new Set(requirements.flatMap((r) => (r.check === 'artifact' ? [r.path] : [])))].sort()
  // Fairness needs the model's predictions unless the policy names a prediction column.
  const recompute = requirements.some(
    (r) =>
      (r.check === 'metric' && r.source !== 'logged') ||
      r.check === 'calibration' ||
      ((r.check === 'fairness' || r.check === 'selection-rate-ratio' || r.check === 'subgroup-performance') &&
        r.predictionColumn === undefined)
  )
  const baselineAlias = requirements.flatMap((r) =>
    r.check === 'metric' && r.baseline !== undefined ? [r.baseline] : []
  )[0]
  return { documents, ...(baselineAlias === undefined ? {} : { baselineAlias }), recompute }
}
