/**
 * The evaluate stage: the policy's profile against the collected evidence, at the run's clock
 * time. Pure: the verdict depends on nothing else, so the same evidence and time give the same
 * verdict.
 */
import type { Evidence } from '../../core/evidence/types.js'
import { evaluate } from '../../core/verdict/evaluate.js'
import type { Verdict } from '../../core/verdict/types.js'
import type { PreparedRun } from '../prepared-run.js'

/** Only the profile is needed, so `verify` re-evaluates a bundle through this same function. */
export function evaluateEvidence(prepared: Pick<PreparedRun, 'profile'>, evidence: Evidence, now: Date): Verdict {
  return evaluate(prepared.profile, evidence, { now })
}
