/**
 * What the posture collector hands the pure core: the registry as read (every value untrusted
 * text), the artifacts read for the versions that matter, and the clock and policy in force.
 */

/** What the uploaded report said, reduced to the facts the posture needs (parsed at the boundary). */
export interface ReportFacts {
  model: string
  version: string
  verdict: 'pass' | 'fail'
  policySha256: string
  /** Control id → status. */
  controls: Record<string, string>
  waivers: Array<{ requirement: string; expires: string; approvedBy: string }>
  /** Approvals the verdict counted, with the time each was given (as the report wrote it). */
  approvals: Array<{ requirement: string; login: string; at: string }>
}

export type ReportRead =
  /** Nothing was found where the gate uploads the report. */
  | { kind: 'absent'; reason: string }
  /** Found but unusable: unreachable, too large, not JSON, not a report. */
  | { kind: 'unreadable'; reason: string; sha256?: string }
  | { kind: 'read'; sha256: string; facts: ReportFacts }

export interface GateArtifacts {
  report: ReportRead
  /** A card file was found in the write-back folder. */
  cardPresent: boolean
}

/** The re-evaluation under `--policy`, or why it could not be done (fail closed: counts as blocked). */
export type WhatIfResult = { verdict: 'pass' | 'fail'; blocking: string[] } | { error: string }

export interface CollectedVersion {
  version: string
  /** Milliseconds since 1970, from the registry (0 when it gave none). */
  createdAt: number
  runId?: string
  tags: Record<string, string>
  aliases: string[]
  /** Read only for the versions that matter (considered and gated). */
  artifacts?: GateArtifacts
  whatIf?: WhatIfResult
}

export interface CollectedModel {
  name: string
  /** Alias → version, from the registry. */
  aliases: Record<string, string>
  /** Registered-model tags (promotion history lives here). */
  tags: Record<string, string>
  versions: CollectedVersion[]
}

export interface PostureContext {
  now: Date
  /** Tracking URI without credentials. */
  trackingUri: string
  /** Web root of the MLflow UI for links; absent for a local store. */
  uiBase?: string
  toolVersion: string
  /** Aliases to consider (`--alias`); empty = every alias a model has. */
  aliases: string[]
  policy?: { name: string; sha256: string; profile?: string }
  /** Approvals older than this many days are reported. */
  approvalMaxAgeDays: number
}

/** A version the posture judges: an aliased one, or the latest when the model has no alias considered. */
export interface ConsideredVersion {
  version: CollectedVersion
  /** The considered aliases pointing at it (empty = chosen as the latest). */
  aliases: string[]
}
