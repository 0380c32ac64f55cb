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
  controls: string[]
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

export type ControlStatus = 'pass' | 'fail' | 'missing' | 'waived' | 'not-assessed' | 'not-applicable'

export interface ControlResult {
  id: string
  title: string
  area: string
  applicable: boolean
  justification?: string
  status: ControlStatus
  requirements: string[]
}

export interface Verdict {
  verdict: 'pass' | 'fail'
  /** Ids of blocking requirements that failed or are missing. */
  blocking: string[]
  requirements: RequirementResult[]
  controls: ControlResult[]
}
