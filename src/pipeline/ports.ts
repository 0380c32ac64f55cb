/**
 * The ports the pipeline receives from its entries (the CLI commands, the action): the process
 * environment, the clock, the store opener, progress and log sinks, the redactor, the plug-in
 * collect steps. Everything the pipeline touches outside itself comes in through `GatePorts`, so
 * tests swap any part and a rerun with the same ports is byte-identical.
 *
 * This module declares types only and imports nothing that imports it: adapters and displays
 * that implement a port import it from here. The MLflow store port itself is in
 * `collect/mlflow/store.ts`.
 */
import type { MlflowStore } from '../collect/mlflow/store.js'
import type { Deadline } from '../collect/deadline.js'
import type { PolicyAtRefReader } from '../collect/policy-at-ref/policy-at-ref.js'
import type { Evidence } from '../core/evidence/types.js'
import type { GateOptions } from './gate-options.js'
import type { PreparedRun } from './prepared-run.js'

/** Environment variables as a value (`process.env` in the entries, a literal in tests). */
export type Env = Record<string, string | undefined>

/** The clock comes in as a value so a rerun is byte-identical. */
export interface Clock {
  now(): Date
}

/** How far a long recompute got; sent to a `ProgressDisplay` as rows are read. */
export interface RecomputeProgress {
  rows: number
  totalRows?: number
  rowsPerSecond: number
  etaSeconds?: number
  /** A CSV's bytes read so far and its size: the total and ETA are estimated from them (render/progress.ts). */
  bytesRead?: number
  totalBytes?: number
}

/** One progress display: updates while a step runs, `done()` once it ends. */
export interface ProgressDisplay {
  onProgress: (progress: RecomputeProgress) => void
  done: () => void
}

/** Opens a display for one labelled step (the CLI draws it on stderr; render/progress.ts). */
export type ProgressPort = (label: string) => ProgressDisplay

/** What the pipeline asks of a store when it opens one (open-store.ts takes more, for tests). */
export interface StoreSettings {
  /** Per-request timeout in seconds (overrides MLFLOW_HTTP_REQUEST_TIMEOUT). */
  timeoutSeconds?: number
  /** The gate run's overall deadline (every request and retry wait is bounded by it). */
  deadline?: Deadline
  /** Where retries are announced, one line each. */
  log?: (line: string) => void
  /** The local SQLite reader's folder behind `mlflow-artifacts:/` URIs. */
  sqlite?: { artifactsDestination?: string }
}

export type StoreOpener = (uri: string, env: Env, settings: StoreSettings) => Promise<MlflowStore>

/**
 * On a pull request (action): its base commit, as the action knows it from the event payload,
 * whose policy governs or is compared.
 */
export interface PullRequestBasePort {
  /** `pull_request.base.sha`. */
  sha: string
  /** true: the base's policy governs (`policy-ref: base`); false: it is only compared. */
  governs: boolean
  reader: PolicyAtRefReader
}

/** Optional collect steps the entries plug in (GitHub approvals). */
export interface EvidenceEnricher {
  /** Returns the evidence with more items; must not drop any. */
  enrich(evidence: Evidence, context: EnrichContext): Promise<Evidence>
}

export interface EnrichContext {
  prepared: PreparedRun
  options: GateOptions
  /** The run's temporary folder (removed when the run ends). */
  workDir: string
}

export interface GatePorts {
  clock: Clock
  env: Env
  cwd: string
  /** Injected in tests (fetch stubs); defaults to the real store factory. */
  openStore?: StoreOpener
  enrichers?: EvidenceEnricher[]
  /** Progress of model runs (the CLI draws it on stderr); absent = silent. */
  progress?: ProgressPort
  pullRequestBase?: PullRequestBasePort
  /** One line per MLflow retry (stderr in the CLI, the log in the action); absent = silent. */
  log?: (line: string) => void
  /** Applied to the card, the report and write-back tags before they are written (redact.ts). */
  redact?: (text: string) => string
}
