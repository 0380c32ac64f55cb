/**
 * The manifest `test/python/seed.py` writes: what it put into an MLflow store, with every number
 * computed by Python/MLflow. Tests compare what our TypeScript reads against it, so the two sides
 * stay independent.
 */

export type Flavour = 'mlflow2' | 'mlflow3'

/** Why a version exists: the evidence situation it was built to exercise. */
export type SeedRole =
  | 'champion'
  | 'challenger'
  | 'regressed'
  | 'incomplete'
  | 'tampered'
  | 'disparity'
  | 'self-approved'

export interface SeedFile {
  /** Relative to the model directory, `/`-separated (`model.onnx`, `MLmodel`, side files). */
  path: string
  size: number
  sha256: string
}

export interface SeedDataset {
  name: string
  digest: string
  /** `training` or `evaluation` (the `mlflow.data.context` input tag). */
  context: string | null
  sourceType: string
  /** The raw source JSON MLflow stored. */
  source: string
}

export interface SeedGroupRate {
  count: number
  positives: number
  /** Share of the group the stored ONNX graph predicts as 1. */
  selectionRate: number
  /** Share of the group's true positives predicted as 1 (null when the group has none). */
  truePositiveRate: number | null
}

export interface SeedVersion {
  version: string
  role: SeedRole
  aliases: string[]
  /** `incomplete` only for the version seeded without datasets, metrics, documents, approval. */
  evidence: 'complete' | 'incomplete'
  estimator: string
  runId: string
  /** The run's `user_id` (`mlflow.user`): who trained it. */
  runUser: string
  experimentId: string
  /** The model version's `source` as the registry stores it (`models:/m-…` on 3.x). */
  source: string
  /** MLflow 3 logged-model id; null on 2.x. */
  modelId: string | null
  description: string
  tags: Record<string, string>
  /** `aims.approved_by` tag value; null when the version has no approval tags. */
  approvedBy: string | null
  /** The RFC 3339 `aims.approved_at` written (after the version and its run), null when not approved. */
  approvedAt: string | null
  params: Record<string, string>
  datasets: SeedDataset[]
  /** Latest logged value per metric key, as `runs/get` reports it (the tampered value for v5). */
  metrics: Record<string, number>
  /** What MLflow's evaluator computed (the honest values); empty when not evaluated. */
  evaluatedMetrics: Record<string, number>
  /** Only for the `tampered` version. */
  tampered: { metric: string; trueValue: number; loggedValue: number } | null
  evaluationCsv: {
    /** Run-artifact path: `eval/evaluation.csv`. */
    artifactPath: string
    /** The label column in the CSV (`income_gt_50k` / `hours_per_week`). */
    labelColumn: string
    rows: number
    sha256: string
    sensitiveFeatures: string[]
  } | null
  impactAssessment: { artifactPath: string; reviewed: string } | null
  /** Per sensitive feature (`sex`, `race`) → group → rates; classifiers only. */
  groups: Record<string, Record<string, SeedGroupRate>> | null
  onnx: {
    /** Relative to the model directory. */
    path: string
    sha256: string
    /** External-data side files the graph references (empty when the graph is one file). */
    externalData: string[]
  }
  files: SeedFile[]
}

export interface SeedModel {
  name: string
  task: 'classifier' | 'regressor'
  description: string
  tags: Record<string, string>
  labelColumn: string
  /** alias → version, as the registry reports it after seeding. */
  aliases: Record<string, string>
  versions: SeedVersion[]
}

export interface SeedManifest {
  mlflowVersion: string
  flavour: Flavour
  /** Login recorded as every run's user. */
  runUser: string
  /** Release manager named in `aims.approved_by` (except the self-approved version). */
  approver: string
  /** Date in the impact assessments' `Reviewed:` line. */
  reviewed: string
  experimentName: string
  experimentId: string
  /** Keyed by registered model name: `credit-risk`, `work-hours` (only those seeded). */
  models: Record<string, SeedModel>
  /** Where the markdown/HTML-hostile text lives. */
  hostileText: { model: string; version: string; field: 'modelVersion.description'; text: string } | null
}

/** One running, seeded MLflow server, as the integration global setup provides it. */
export interface SeededServer {
  flavour: Flavour
  mlflowVersion: string
  /** `http://127.0.0.1:<port>` */
  uri: string
  /** The server's backend store (sqlite file); readable as a local store too. */
  dbPath: string
  /** The server's `--artifacts-destination` folder. */
  artifactsDir: string
  manifest: SeedManifest
}

export interface MlflowFixture {
  servers: SeededServer[]
}

declare module 'vitest' {
  export interface ProvidedContext {
    mlflow: MlflowFixture
  }
}
