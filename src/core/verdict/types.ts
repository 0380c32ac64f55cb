/**
 * What evaluation produces: one result per requirement, one status per Annex A control, and the
 * overall verdict. Renderers and publishers read only this (plus the evidence).
 */
import type { Provenance } from '../evidence/types.js'

export type RequirementStatus = 'pass' | 'fail' | 'missing' | 'waived'
export type Severity = 'block' | 'warn'

/** A reference to one piece of evidence a check used (for the card's audit trail). */
export interface EvidenceRef {
  /** Short label: `metric roc_auc`, `dataset adult-train`, `tag gate.approved_by`. */
  label: string
  provenance: Provenance
}

export interface RequirementResult {
  id: string
  check: string
  status: RequirementStatus
  severity: Severity
  /** Annex A controls this result counts towards satisfying (its claims, capped by its check kind). */
  controls: string[]
  /** Annex A controls it gives only partial evidence for: never read as satisfied. */
  supports?: string[]
  /** Why a written claim was lowered or dropped (see `effectiveClaims`). */
  claimNotes?: string[]
  /** What the evidence showed, human readable (`0.8731`, `2 of 6 sections`). */
  observed: string
  /** What the policy asked for (`≥ 0.80`, `all of training, evaluation`). */
  expected: string
  /** One or two sentences: why this status. */
  message: string
  evidence: EvidenceRef[]
  /** Machine-readable numbers where a check has them (value, threshold, interval…). */
  details?: Record<string, unknown>
  /** Set when status is `waived`: which waiver and until when. */
  waiver?: { reason: string; approvedBy: string; expires: string }
  /** Where the requirement is written in the policy file (for annotations). */
  location?: { file: string; line: number }
}

/**
 * satisfied: every mapped requirement passed and at least one satisfies the control; supported:
 * all passed but none satisfies it (partial evidence), or some passed and others were waived;
 * failed / missing: a mapped requirement failed / lacked evidence; a control whose only
 * requirements are waived is missing (a waiver accepts the gap, it is not evidence).
 */
export const CONTROL_STATUSES = [
  'satisfied',
  'supported',
  'failed',
  'missing',
  'not-assessed',
  'not-applicable'
] as const
export type ControlStatus = (typeof CONTROL_STATUSES)[number]

export interface ControlResult {
  id: string
  title: string
  area: string
  applicable: boolean
  justification?: string
  status: ControlStatus
  /** Every requirement mapped to the control (satisfying or supporting it). */
  requirements: string[]
  /** The mapped requirements whose check kind can satisfy it (the rest only support it). */
  satisfiedBy: string[]
  /** Mapped requirements that were waived: they count as no evidence. */
  waived: string[]
}

export interface Verdict {
  verdict: 'pass' | 'fail'
  /** Ids of blocking requirements that failed or are missing. */
  blocking: string[]
  requirements: RequirementResult[]
  controls: ControlResult[]
}
