/**
 * Check kind → implementation. The mapped type makes the compiler insist on an entry for every
 * member of the requirement union, so a new kind cannot be forgotten here.
 */
import type { Evidence } from '../evidence/types.js'
import type { CheckKind } from '../policy/schema.js'
import type { LocatedRequirement } from '../policy/types.js'
import type { RequirementResult } from '../verdict/types.js'
import { checkApproval } from './approval.js'
import { checkArtifact } from './artifact.js'
import { resultFor, type Check, type CheckContext } from './check.js'
import { checkDatasets } from './datasets.js'
import { checkDocumentation } from './documentation.js'
import { checkFairness } from './fairness.js'
import { checkCalibration } from './calibration.js'
import { checkMetric } from './metric.js'
import { checkSelectionRateRatio } from './selection-rate-ratio.js'
import { checkSubgroupPerformance } from './subgroup-performance.js'

type Registry = { [K in CheckKind]: Check<Extract<LocatedRequirement, { check: K }>> }

export const CHECKS: Registry = {
  metric: checkMetric,
  documentation: checkDocumentation,
  datasets: checkDatasets,
  artifact: checkArtifact,
  approval: checkApproval,
  fairness: checkFairness,
  'selection-rate-ratio': checkSelectionRateRatio,
  calibration: checkCalibration,
  'subgroup-performance': checkSubgroupPerformance
}

/**
 * Runs the check a requirement names. A check that throws (evidence shaped in a way it did not
 * expect) never aborts the verdict and never passes: the requirement is `missing`, saying why,
 * and the rest of the profile is still judged and reported.
 */
export function runCheck(requirement: LocatedRequirement, evidence: Evidence, ctx: CheckContext): RequirementResult {
  const check = CHECKS[requirement.check] as Check<LocatedRequirement>
  try {
    return check(requirement, evidence, ctx)
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    return resultFor(requirement, {
      status: 'missing',
      observed: 'could not be judged',
      expected: 'evidence this check can read',
      message:
        `The ${requirement.check} check could not read the evidence (${reason}), so the ` +
        `requirement is not met. Fix: inspect the evidence with \`aims-gate inspect\` ` +
        `and report this if the evidence looks right.`
    })
  }
}
