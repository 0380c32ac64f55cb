/**
 * The registry-wide posture: what `aims-gate posture` computes from every registered model, and
 * what its static site and `posture.json` show. Pure data; the collector fills it from MLflow, the
 * site renders it. Everything in it comes from the registry (untrusted text: render it as text).
 */

/** The facts one gate run left on a model version (its `aims.gate.*` write-back tags). */
export interface GateRecord {
  verdict: 'pass' | 'fail'
  /** Requirement ids that blocked (empty when the verdict passed). */
  blocking: string[]
  policy: string
  policySha256: string
  profile: string
  /** ISO-8601 time the gate decided. */
  checkedAt: string
  reportSha256?: string
  cardSha256?: string
  runUrl?: string
  toolVersion?: string
}

export type FindingKind =
  /** An aliased version the gate never decided on. */
  | 'never-gated'
  /** The last verdict on an aliased version blocked the release. */
  | 'blocked'
  /** The verdict was computed under a policy other than the one in force (digest differs). */
  | 'stale-policy'
  /** The alias points at a version other than the one the last passing verdict for it named. */
  | 'alias-moved'
  | 'waiver-expired'
  /** A waiver expires within 30 days of the posture's clock. */
  | 'waiver-expiring'
  /** An approval the verdict relied on is older than the limit. */
  | 'approval-stale'
  /** No model card was uploaded for the version. */
  | 'card-missing'
  /** The uploaded report's SHA-256 differs from the `report_sha256` tag (tampered or replaced). */
  | 'report-mismatch'
  /** A report the tags name could not be read (missing, unreachable, malformed). */
  | 'report-unreadable'
  /** With `--policy`: re-evaluating the version from MLflow's evidence under that policy blocks. */
  | 'what-if-blocked'

export interface PostureLink {
  label: string
  href: string
}

export interface PostureFinding {
  /** Deterministic: `<kind>:<model>[:<version>][@<alias>][:<detail>]`, unique in the report. */
  id: string
  kind: FindingKind
  severity: 'high' | 'medium' | 'low'
  model: string
  version?: string
  alias?: string
  /** One or two sentences naming what was observed and why it matters. */
  reason: string
  observed?: string
  expected?: string
  links: PostureLink[]
}

/** A control's status on one model's aliased (or latest) version, as its last report gave it. */
export type PostureControlStatus = string

export interface VersionPosture {
  version: string
  /** ISO-8601 creation time from the registry. */
  createdAt: string
  aliases: string[]
  gate?: GateRecord
  /** Control id → status from the version's last report; absent when no report was read. */
  controls?: Record<string, PostureControlStatus>
  /** With `--policy`: the re-evaluated verdict under that policy. */
  whatIf?: { verdict: 'pass' | 'fail'; blocking: string[]; error?: string }
  /** The posture judged this version (an aliased one, or the latest when no alias is considered). */
  considered?: boolean
}

export type ModelState = 'passing' | 'blocked' | 'never-gated'

export interface ModelPosture {
  name: string
  /** Alias → version number. */
  aliases: Record<string, string>
  /** Derived from the versions the considered aliases point at (or the latest version). */
  state: ModelState
  /** Newest first. */
  versions: VersionPosture[]
  /** Gate runs over time, oldest first (one per gated version: its last verdict). */
  timeline: Array<{ version: string } & GateRecord>
  /** Ids of this model's findings. */
  findings: string[]
}

export interface ControlRollup {
  id: string
  title: string
  area: string
  /** Status → number of models whose considered version has that status for this control. */
  counts: Record<string, number>
  /** Models with no evidence for this control. */
  modelsWithoutEvidence: number
}

export interface PostureReport {
  schemaVersion: 1
  /** The posture's clock (ISO-8601; from `--now`/SOURCE_DATE_EPOCH when given). */
  generatedAt: string
  /** The tracking URI with any credentials removed. */
  trackingUri: string
  toolVersion: string
  /** Aliases considered (`--alias`); every alias when empty. */
  aliases: string[]
  /** The policy in force (`--policy`), when given. */
  policy?: { name: string; sha256: string; profile?: string }
  totals: {
    models: number
    gated: number
    passing: number
    blocked: number
    neverGated: number
    findings: number
    /** Finding kind → count. */
    byKind: Record<string, number>
  }
  /** Sorted by name. */
  models: ModelPosture[]
  /** The 38 Annex A controls, in catalogue order. */
  controls: ControlRollup[]
  /** Sorted by severity, then model, then id. */
  findings: PostureFinding[]
  /** MLflow requests the posture made, and the most in flight at once. */
  requests: { count: number; maxInFlight: number }
}
