/**
 * The low-level MLflow store port: what both the REST client and the local SQLite reader answer.
 * One assembler (`assemble-evidence.ts`) turns these records into `Evidence`, so a server and a
 * local store can never disagree about how a fact is mapped.
 *
 * Records carry no provenance: the assembler adds it, from the URIs below.
 */
import type {
  ArtifactFile,
  DatasetInput,
  LoggedMetric,
  ModelVersionEvidence,
  RegisteredModelEvidence,
  RunEvidence,
  TrackingInfo
} from '../../core/evidence/types.js'

/** A run as the store returns it: the evidence fields, before provenance is attached. */
export interface RunRecord extends Omit<RunEvidence, 'metrics' | 'datasets'> {
  /** Latest value per key, as MLflow's `runs/get` returns them. */
  metrics: LoggedMetric[]
  datasets: DatasetInput[]
  /** MLflow 3: ids of logged models this run produced (`outputs.model_outputs`). */
  outputModelIds: string[]
}

export interface LoggedModelRecord {
  modelId: string
  experimentId: string
  name: string
  artifactUri: string
  sourceRunId?: string
  tags: Record<string, string>
  /**
   * MLflow 3: the model's metrics with their dataset links (`dataset_name`/`dataset_digest`), which
   * `runs/get` leaves out; the assembler copies the links onto the run's matching metrics.
   */
  metrics?: LoggedMetric[]
}

/** The reads every store answers: all the assembler and the recompute need. */
export interface MlflowReader {
  /** Tracking URI (credentials removed), store kind, server version when known. */
  info(): Promise<TrackingInfo>
  /** Throws GateError('invalid') naming the model when it does not exist. */
  getRegisteredModel(name: string): Promise<RegisteredModelEvidence>
  /** Throws GateError('invalid') when the version does not exist. */
  getModelVersion(name: string, version: string): Promise<ModelVersionEvidence>
  /** `undefined` when the alias is not set on this model. */
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersionEvidence | undefined>
  /** `undefined` when the run does not exist (deleted, or another store). */
  getRun(runId: string): Promise<RunRecord | undefined>
  /** MLflow 3 logged model; `undefined` on 2.x or when absent. */
  getLoggedModel(modelId: string): Promise<LoggedModelRecord | undefined>
  /** Lists one directory level below an artifact root URI (`rootUri` + `relPath`). */
  listArtifacts(rootUri: string, relPath?: string): Promise<ArtifactFile[]>
  /** Reads one artifact file below an artifact root URI. */
  readArtifact(rootUri: string, relPath: string): Promise<Uint8Array>
  /**
   * Copies one artifact file to `destination` without holding it in memory (evaluation data can
   * be large). Optional: a store without it is read with `readArtifact`.
   */
  downloadArtifact?(rootUri: string, relPath: string, destination: string): Promise<void>
}

/** The writes of write-back and promotion; only a tracking server takes them. */
export interface MlflowWriteOps {
  /** Sets a model-version tag (idempotent). */
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>
  /** Uploads one file below an artifact root (overwrites: idempotent). */
  uploadArtifact(rootUri: string, relPath: string, body: Uint8Array, contentType?: string): Promise<void>
  /** Points an alias at a version; last writer wins (no compare-and-set). */
  setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void>
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void>
  /** A tag already gone is not an error. */
  deleteRegisteredModelTag(name: string, key: string): Promise<void>
}

/** What an opened store adds to its reads: the cost so far, and its release. */
interface OpenedStore extends MlflowReader {
  /**
   * Requests sent so far (each retry counts); `undefined` for a local store, which sends none.
   * Reports quote it as what collecting the evidence cost.
   */
  readonly requestCount: number | undefined
  /** Releases what the store holds (a local database file); the store is unusable afterwards. */
  close(): void
}

export interface ReadOnlyMlflowStore extends OpenedStore {
  readonly writable: false
}

export interface WritableMlflowStore extends OpenedStore, MlflowWriteOps {
  readonly writable: true
}

/** An opened store; `writable` says, by type, whether write-back and promotion can use it. */
export type MlflowStore = ReadOnlyMlflowStore | WritableMlflowStore
