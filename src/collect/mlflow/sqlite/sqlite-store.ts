/**
 * `MlflowStore` over MLflow's local SQLite store (`sqlite:///path/mlflow.db`), read-only, with
 * artifacts from the local folders the store records. It answers with the same records a tracking
 * server started on the same file answers through REST, so the shared assembler cannot tell them
 * apart. See docs/local-store.md for supported schema revisions and the relocation rule.
 */
import { dirname, resolve } from 'node:path'
import type {
  ArtifactFile,
  ModelVersionEvidence,
  RegisteredModelEvidence,
  TrackingInfo
} from '../../../core/evidence/types.js'
import { invalid } from '../../../core/errors.js'
import { classifyTrackingUri } from '../tracking-uri.js'
import type { LoggedModelRecord, ReadOnlyMlflowStore, RunRecord } from '../store.js'
import { type ArtifactRootContext, resolveArtifactRoot, type ResolvedRoot } from './artifact-root.js'
import { localStoreRefusal } from './file-store.js'
import { copyLocalArtifact, listLocalArtifacts, readLocalArtifact } from './local-artifacts.js'
import { LoggedModelQueries } from './logged-model-queries.js'
import { openReadOnlyDatabase, type ReadOnlyDatabase } from './open-database.js'
import { RegistryQueries } from './registry-queries.js'
import { RunQueries } from './run-queries.js'
import { checkSchema, type SchemaFacts } from './schema-check.js'

export interface SqliteStoreOptions {
  /**
   * Folder behind `mlflow-artifacts:/` URIs (the `--artifacts-destination` of the server that wrote
   * the store). Default: `<store folder>/mlartifacts`, MLflow server's default.
   */
  artifactsDestination?: string
  /** Where a non-fatal schema warning goes (untested revision). Default: stderr. */
  warn?: (message: string) => void
  /** How long to wait for another process's lock, milliseconds. Default 5000. */
  busyTimeoutMs?: number
}

/** A local store; `close()` releases the file (the store is unusable afterwards). */
export interface SqliteMlflowStore extends ReadOnlyMlflowStore {
  readonly schema: SchemaFacts
  /** Absolute path of the database file. */
  readonly databasePath: string
  [Symbol.dispose](): void
}

/**
 * Opens `sqlite:///relative/mlflow.db` or `sqlite:////absolute/mlflow.db`. Every failure (missing
 * file, not an MLflow database, locked, truncated, unsupported schema, `file:` store) is a
 * GateError('invalid') with one line naming the file and the fix.
 */
export async function openSqliteStore(uri: string, options: SqliteStoreOptions = {}): Promise<SqliteMlflowStore> {
  const target = classifyTrackingUri(uri)
  if (target.kind === 'file') throw localStoreRefusal(target.display, target.path)
  if (target.kind !== 'sqlite') {
    throw invalid(
      `Tracking URI "${target.display}" is not a local SQLite store. Fix: pass ` +
        `sqlite:///path/to/mlflow.db, or use the server URL with the REST reader.`
    )
  }
  const path = sqlitePath(target.path)
  const db = openReadOnlyDatabase(
    path,
    options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }
  )
  try {
    const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`))
    const schema = db.read(() => checkSchema(db, warn))
    const storeDir = dirname(db.path)
    const artifactsDestination = resolve(options.artifactsDestination ?? resolve(storeDir, 'mlartifacts'))
    return new SqliteStore(db, schema, target.display, storeDir, artifactsDestination)
  } catch (error) {
    db.close()
    throw error
  }
}

/** `sqlite:///x` gives `x` (relative), `sqlite:////x` gives `/x`; a query string (`?mode=ro`) is dropped. */
function sqlitePath(raw: string): string {
  const path = raw.replace(/\?.*$/, '')
  if (path === ':memory:' || path === '') {
    throw invalid(
      'Tracking URI "sqlite://" names an in-memory database, which holds no MLflow ' +
        'store. Fix: pass sqlite:///path/to/mlflow.db.'
    )
  }
  return resolve(decodeURIComponent(path))
}

class SqliteStore implements SqliteMlflowStore {
  readonly writable = false
  /** Nothing goes over a network. */
  readonly requestCount = undefined
  private readonly registry: RegistryQueries
  private readonly runs: RunQueries
  private readonly loggedModels: LoggedModelQueries
  private readonly roots = new Map<string, ResolvedRoot>()
  private readonly rootContext: ArtifactRootContext

  constructor(
    private readonly db: ReadOnlyDatabase,
    readonly schema: SchemaFacts,
    private readonly displayUri: string,
    storeDir: string,
    artifactsDestination: string
  ) {
    this.registry = new RegistryQueries(db, schema.registryWorkspaces)
    this.runs = new RunQueries(db)
    this.loggedModels = new LoggedModelQueries(db, schema.loggedModels)
    this.rootContext = {
      storeDir,
      artifactsDestination,
      loggedModelLocation: (id) => this.loggedModels.getLoggedModel(id)?.artifactUri,
      runArtifactUri: (id) => this.runs.getRun(id)?.artifactUri
    }
  }

  get databasePath(): string {
    return this.db.path
  }

  async info(): Promise<TrackingInfo> {
    return { uri: this.displayUri, kind: 'sqlite' }
  }

  async getRegisteredModel(name: string): Promise<RegisteredModelEvidence> {
    return this.registry.getRegisteredModel(name)
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersionEvidence> {
    return this.registry.getModelVersion(name, version)
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersionEvidence | undefined> {
    return this.registry.getModelVersionByAlias(name, alias)
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    return this.runs.getRun(runId)
  }

  async getLoggedModel(modelId: string): Promise<LoggedModelRecord | undefined> {
    return this.loggedModels.getLoggedModel(modelId)
  }

  async listArtifacts(rootUri: string, relPath = ''): Promise<ArtifactFile[]> {
    return listLocalArtifacts(this.root(rootUri), rootUri, relPath)
  }

  async readArtifact(rootUri: string, relPath: string): Promise<Uint8Array> {
    return readLocalArtifact(this.root(rootUri), rootUri, relPath)
  }

  async downloadArtifact(rootUri: string, relPath: string, destination: string): Promise<void> {
    copyLocalArtifact(this.root(rootUri), rootUri, relPath, destination)
  }

  close(): void {
    this.db.close()
  }

  [Symbol.dispose](): void {
    this.close()
  }

  /** Resolved once per root: relocation probes the file system. */
  private root(rootUri: string): ResolvedRoot {
    let root = this.roots.get(rootUri)
    if (root === undefined) {
      root = resolveArtifactRoot(rootUri, this.rootContext)
      this.roots.set(rootUri, root)
    }
    return root
  }
}
