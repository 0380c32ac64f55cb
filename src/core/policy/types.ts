/**
 * A validated policy as plain data: what `parsePolicy` returns and everything downstream reads.
 * Requirements and waivers carry where they are written, so results can point back at the file.
 */
import type { EvaluationSettings } from './evaluation-schema.js'
import type { IdentityAliases } from '../identity/identity-directory.js'
import type { AiObjective } from './objectives.js'
import type { Applicability, Requirement, Waiver } from './schema.js'

export interface SourceLocation {
  file: string
  line: number
}

export type LocatedRequirement = Requirement & { location?: SourceLocation }
export type LocatedWaiver = Waiver & { location?: SourceLocation }

export interface PolicyProfile {
  description?: string
  extends?: string
  /** AI objectives (after ISO/IEC 42001 Annex C) the profile's requirements serve; metadata only. */
  objectives?: AiObjective[]
  /** Only the requirements written in this profile (inheritance is applied by `resolveProfile`). */
  requirements: LocatedRequirement[]
  location?: SourceLocation
}

export interface Policy {
  /** The file name as given (used in every message about this policy). */
  file: string
  /** SHA-256 of the policy text, quoted in reports so a verdict names the exact policy. */
  sha256: string
  name: string
  description?: string
  defaultProfile?: string
  /** The evaluation data for recomputed metrics and fairness (one block for every profile). */
  evaluation?: EvaluationSettings
  profiles: Record<string, PolicyProfile>
  /** Statement of applicability overrides, by control id. */
  controls: Record<string, Applicability>
  waivers: LocatedWaiver[]
  /** People known by several identities (`identities:`). */
  identities?: IdentityAliases[]
  /** How waivers are judged (`maxWaiverDays`, `waiverApprovers`). */
  waiverRules?: WaiverRules
}

export interface WaiverRules {
  /** Longest time from a waiver's approved date to its expiry. */
  maxWaiverDays: number
  /** Who may approve waivers; anyone passing separation of duties when absent. */
  approvers?: string[]
}

/** One profile with inheritance applied: what the verdict engine evaluates. */
export interface ResolvedProfile {
  policy: { name: string; file: string; sha256: string }
  name: string
  /** Ancestors first: `[pull-request, staging, production]`. */
  chain: string[]
  requirements: LocatedRequirement[]
  /** Objectives of every profile in the chain, ancestors first, each once (absent when none). */
  objectives?: AiObjective[]
  controls: Record<string, Applicability>
  /** Waivers for requirements of this profile. */
  waivers: LocatedWaiver[]
  identities?: IdentityAliases[]
  waiverRules?: WaiverRules
}
