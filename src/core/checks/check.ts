/**
 * What every check kind shares: its signature and the builder that fills the fields every
 * `RequirementResult` repeats (id, check, severity, controls, location), so a check file only
 * decides status, observed, expected, message and the evidence it used.
 */
import { claimFields } from '../controls/claim-fields.js'
import type { Evidence } from '../evidence/types.js'
import type { IdentityAliases } from '../identity/identity-directory.js'
import type { LocatedRequirement } from '../policy/types.js'
import type { EvidenceRef, RequirementResult, RequirementStatus } from '../verdict/types.js'

export interface CheckContext {
  /** The evaluation time, passed in so results never depend on the machine's clock. */
  now: Date
  /** The policy's `identities:`: aliases of one person, for every comparison between people. */
  identities?: readonly IdentityAliases[]
}

/** A check is pure: the same requirement, evidence and time always give the same result. */
export type Check<R extends LocatedRequirement> = (
  requirement: R,
  evidence: Evidence,
  ctx: CheckContext
) => RequirementResult

export interface Outcome {
  status: Exclude<RequirementStatus, 'waived'>
  observed: string
  expected: string
  message: string
  evidence?: EvidenceRef[]
  details?: Record<string, unknown>
}

export function resultFor(requirement: LocatedRequirement, outcome: Outcome): RequirementResult {
  return {
    id: requirement.id,
    check: requirement.check,
    status: outcome.status,
    severity: requirement.severity,
    ...claimFields(requirement),
    observed: outcome.observed,
    expected: outcome.expected,
    message: outcome.message,
    evidence: outcome.evidence ?? [],
    ...(outcome.details === undefined ? {} : { details: outcome.details }),
    ...(requirement.location === undefined ? {} : { location: requirement.location })
  }
}

/** A result whose message is the problems found, as one sentence: "a; b; c." */
export function problemsResult(
  requirement: LocatedRequirement,
  status: Outcome['status'],
  problems: readonly string[],
  facts: Omit<Outcome, 'status' | 'message'>
): RequirementResult {
  return resultFor(requirement, { ...facts, status, message: `${problems.join('; ')}.` })
}

/** Numbers as reports show them: up to 4 decimals, no trailing zeros noise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)))
}

const DAY_MS = 86_400_000

/** Whole days from `earlier` to `later` (negative when `earlier` is in the future). */
export function daysBetween(earlier: Date, later: Date): number {
  return Math.floor((later.getTime() - earlier.getTime()) / DAY_MS)
}

/** `YYYY-MM-DD` of a date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}
