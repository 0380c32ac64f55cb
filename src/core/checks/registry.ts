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
import type { Check, CheckContext } from './check.js'
import { checkDatasets } from './datasets.js'
import { checkDocumentation } from './documentation.js'
import { checkFairness } from './fairness.js'
import { checkMetric } from './metric.js'

type Registry = { [K in CheckKind]: Check<Extract<LocatedRequirement, { check: K }>> }

export const CHECKS: Registry = {
  metric: checkMetric,
  documentation: checkDocumentation,
  datasets: checkDatasets,
  artifact: checkArtifact,
  approval: checkApproval,
  fairness: checkFairness
}

/** Runs the check a requirement names. */
export function runCheck(requirement: LocatedRequirement, evidence: Evidence, ctx: CheckContext): RequirementResult {
  const check = CHECKS[requirement.check] as Check<LocatedRequirement>
  return check(requirement, evidence, ctx)
}
