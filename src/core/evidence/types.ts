/**
 * The evidence model: everything collected for one model version (and its champion), with where
 * each fact came from. Checks read only this structure; every collector (REST, local SQLite store)
 * produces exactly this shape, so nothing downstream knows which store answered.
 *
 * Missing evidence is explicit (`Missing`, with a reason), never `undefined`, so a check can say
 * *why* it could not decide and the gate can fail closed.
 */

/** Bumped whenever the serialised shape changes incompatibly. */
export const EVIDENCE_SCHEMA_VERSION = 1 as const

export type EvidenceSource = 'mlflow-run' | 'mlflow-registry' | 'artifact' | 'recomputed' | 'github' | 'repo-file'

/** Where a fact came from: enough for an auditor to go and look at it again. */
export interface Provenance {
  source: EvidenceSource
  /** A URI an auditor can follow: `runs:/<id>/metrics/roc_auc`, `models:/name/3`, a file path… */
  uri: string
  runId?: string
  datasetDigest?: string
  sha256?: string
}

export type MissingReason =
  | 'not-logged' // the store answered, the fact is not there
  | 'not-found' // the thing asked for does not exist (alias, file, version)
  | 'unreachable' // the store could not be reached or failed
  | 'unauthorised'
  | 'too-large'
  | 'unsupported' // e.g. no inference runtime on this platform
  | 'invalid' // present but unusable (unparseable, wrong type)

export interface Missing {
  readonly kind: 'missing'
  reason: MissingReason
  /** One sentence: what was looked for, where, and what to do about it. */
  detail: string
}

export interface Present<T> {
  readonly kind: 'present'
  value: T
  provenance: Provenance
}

export type EvidenceItem<T> = Present<T> | Missing

export interface LoggedMetric {
  key: string
  value: number
  step: number
  timestamp: number
  /** MLflow 3 links evaluation metrics to the dataset they were computed on. */
  datasetName?: string
  datasetDigest?: string
}

export interface DatasetInput {
  name: string
  digest: string
  sourceType: string
  /** The raw `source` JSON string as MLflow stored it. */
  source: string
  /** `uri` (or `url`/`path`) read out of `source`, when it has one. */
  sourceUri?: string
  /** `mlflow.data.context` tag: training, evaluation, … */
  context?: string
  schema?: string
  profile?: string
  tags: Record<string, string>
}

export interface RunEvidence {
  runId: string
  experimentId: string
  runName?: string
  /** `user_id` of the run (MLflow's `mlflow.user`): who trained it. */
  user?: string
  status: string
  startTime: number
  endTime?: number
  artifactUri: string
  metrics: Record<string, Present<LoggedMetric>>
  params: Record<string, string>
  tags: Record<string, string>
  datasets: Present<DatasetInput>[]
}

export interface ArtifactFile {
  /** Path relative to the run's artifact root (`model/MLmodel`). */
  path: string
  isDir: boolean
  size?: number
  /**
   * Set when the entry leads outside the store (a local-store symlink to elsewhere): why. Such an
   * entry is never read or descended into; checks that need it report it missing with this reason.
   */
  outside?: string
}

export interface ModelFile {
  /** Path relative to the model directory (`model.onnx`, `MLmodel`, external data files). */
  path: string
  size: number
  sha256: string
}

export interface ModelArtifact {
  /** Where the model directory was downloaded from (`models:/m-…` or a run artifact URI). */
  sourceUri: string
  /** Local copy of the whole model directory (for inference). */
  localDir: string
  files: ModelFile[]
  /** The parsed MLmodel YAML (flavors, signature, model_uuid…), as plain data. */
  mlmodel: Record<string, unknown>
  /** Path (relative to `localDir`) of the ONNX graph, when the model has an `onnx` flavor. */
  onnxPath?: string
  /** SHA-256 of the ONNX graph file (the number cards and reports quote). */
  onnxSha256?: string
  /** MLflow 3 logged-model id, when there is one. */
  loggedModelId?: string
}

export interface ModelVersionEvidence {
  name: string
  version: string
  aliases: string[]
  description: string
  source: string
  runId?: string
  status: string
  creationTimestamp: number
  lastUpdatedTimestamp?: number
  /** Who registered the version, when the store records it. */
  userId?: string
  tags: Record<string, string>
}

/** A document fetched from the run's artifacts because a policy asked for it. */
export interface ArtifactDocument {
  path: string
  text: string
  size: number
  sha256: string
}

/** Everything about one model version. */
export interface VersionEvidence {
  modelVersion: Present<ModelVersionEvidence>
  run: EvidenceItem<RunEvidence>
  artifacts: EvidenceItem<ArtifactFile[]>
  model: EvidenceItem<ModelArtifact>
  /** Requested artifact documents keyed by path (impact assessment, model card…). */
  documents: Record<string, EvidenceItem<ArtifactDocument>>
  /**
   * Metrics recomputed by running the model on the evaluation data (absent when no requirement
   * asked for a recompute; `Missing` when it was asked for and could not be done).
   */
  recomputed?: EvidenceItem<RecomputedEvaluation>
}

/** The outcome of running the model itself on the evaluation data. */
export interface RecomputedEvaluation {
  /** Metric name (as `mlflow.evaluate` names them) → value. */
  metrics: Record<string, number>
  /** What the model was run on: file/URI, its SHA-256 and row count. */
  dataset: { uri: string; sha256: string; rows: number; digest?: string }
  /** SHA-256 of the ONNX graph that was run. */
  modelSha256: string
  /**
   * Metrics that are not defined on this data (e.g. ROC AUC when one class is present) → why.
   * They are absent from `metrics`, never NaN, so a check can say why it could not decide.
   */
  undefinedMetrics?: Record<string, string>
  /**
   * Per-group statistics for fairness requirements, keyed by the sensitive features joined
   * with `×` (`sex`, `sex×race`). Filled only for the feature sets a policy asks for.
   */
  groups?: Record<string, unknown>
}

export interface RegisteredModelEvidence {
  name: string
  description: string
  tags: Record<string, string>
  /** alias → version */
  aliases: Record<string, string>
  creationTimestamp?: number
}

/** Facts about the change under review, from the CI context (empty on a laptop). */
export interface ChangeContext {
  /** Login of the pull request's author, when running on a pull request. */
  prAuthor?: string
  /** Who triggered the run (GITHUB_ACTOR). */
  actor?: string
  gitCommit?: string
  repository?: string
  /** The forge's web root (GITHUB_SERVER_URL), for links to the commit's files. */
  serverUrl?: string
  pullRequest?: number
  runUrl?: string
}

export interface TrackingInfo {
  /** The tracking URI with any credentials removed. */
  uri: string
  kind: 'rest' | 'sqlite'
  serverVersion?: string
}

export interface Evidence {
  schemaVersion: typeof EVIDENCE_SCHEMA_VERSION
  /** ISO-8601; comes from the clock port so reruns can be byte-identical. */
  collectedAt: string
  tracking: TrackingInfo
  registeredModel: Present<RegisteredModelEvidence>
  candidate: VersionEvidence
  /** The version holding the baseline alias (`champion`), or why there is none. */
  champion: EvidenceItem<VersionEvidence>
  /** Human-owned card source from the repository (`model-cards/<model>.md`). */
  cardSource: EvidenceItem<{ path: string; text: string }>
  change: ChangeContext
  /**
   * Approvals recorded outside MLflow, by source (`github-environment`, `github-review`). Absent
   * when no requirement asked for that source; `Missing` when it was asked for and could not be
   * read (no token, no pull request, insufficient permission).
   */
  externalApprovals?: Partial<Record<ExternalApprovalSource, EvidenceItem<ExternalApproval[]>>>
}

export type ExternalApprovalSource = 'github-environment' | 'github-review'

/** One approval (or a reason it does not count) read from an external system. */
export interface ExternalApproval {
  source: ExternalApprovalSource
  login: string
  /** ISO-8601 */
  at?: string
  /** Environment name, or the reviewed commit for reviews. */
  scope?: string
  comment?: string
  /** Why this approval cannot count, when it cannot (stale, bot, dismissed, author, not a member…). */
  excluded?: string
  /**
   * Whether the approver belongs to the policy's approvers (users/teams/permission);
   * `unknown` when the token could not tell (counts as not approved, with that reason).
   */
  eligible?: 'yes' | 'no' | 'unknown'
  provenance: Provenance
}
