/**
 * `MlflowStore` over an MLflow 2.x or 3.x tracking server's REST API, plus the few extra reads and
 * idempotent writes later stages need (metric history, version search, version tags, run artifact
 * upload). Every answer is zod-parsed; absence the port allows (alias, run, logged model) is
 * `undefined`, everything else is a GateError from `http.ts`.
 */
import type { z } from 'zod'
import type {
  ArtifactFile,
  LoggedMetric,
  ModelVersionEvidence,
  RegisteredModelEvidence,
  TrackingInfo
} from '../../../core/evidence/types.js'
import { compareCodePoints } from '../record-helpers.js'
import type { LoggedModelRecord, RunRecord, WritableMlflowStore } from '../store.js'
import { encodeArtifactPath, joinArtifactPath, PROXY_PREFIX, proxyPath, relativeTo } from './artifact-location.js'
import { type HttpClient, MlflowRequestError } from './http.js'
import type { RequestSpec } from './request-spec.js'
import { toLoggedModel, toMetric, toModelVersion, toRegisteredModel, toRun } from './mappers.js'
import * as S from './schemas.js'
import { artifactPages, ownerOf, toFile, unreachableRoot } from './artifact-access.js'

const API = '/api/2.0/mlflow'
/** Guards every paginated loop against a server that keeps handing out tokens. */
const MAX_PAGES = 1_000
const SEARCH_PAGE_SIZE = 1_000
const HISTORY_PAGE_SIZE = 25_000

export class RestMlflowStore implements WritableMlflowStore {
  readonly writable = true
  private version: Promise<string | undefined> | undefined
  /** Artifact roots seen in runs / logged models, for roots the proxy cannot serve. */
  private readonly runRoots = new Map<string, string>()
  private readonly loggedModelRoots = new Map<string, string>()

  constructor(
    private readonly http: HttpClient,
    /** Tracking URI without credentials, for evidence and messages. */
    private readonly displayUri: string
  ) {}

  /** HTTP attempts made so far (retries included). */
  get requestCount(): number {
    return this.http.roundTrips
  }

  /** Nothing to release: every request's connection is closed when its answer is read. */
  close(): void {}

  async info(): Promise<TrackingInfo> {
    const serverVersion = await this.serverVersion()
    return serverVersion === undefined
      ? { uri: this.displayUri, kind: 'rest' }
      : { uri: this.displayUri, kind: 'rest', serverVersion }
  }

  /** `GET /version` (text), cached; `undefined` on servers too old to have it. */
  serverVersion(): Promise<string | undefined> {
    this.version ??= this.http.text({ method: 'GET', path: '/version' }).then(
      (text) => text.trim() || undefined,
      (error: unknown) => {
        if (error instanceof MlflowRequestError && error.status === 404) return undefined
        this.version = undefined
        throw error
      }
    )
    return this.version
  }

  async getRegisteredModel(name: string): Promise<RegisteredModelEvidence> {
    const spec = get(
      'registered-models/get',
      { name },
      `check the registered model name "${name}" in the MLflow UI (names are case-sensitive).`
    )
    return toRegisteredModel((await this.http.json(spec, S.getRegisteredModelResponse)).registered_model)
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersionEvidence> {
    const spec = get(
      'model-versions/get',
      { name, version },
      `pick an existing version of "${name}" (see its page in the MLflow UI) or use --alias.`
    )
    return toModelVersion((await this.http.json(spec, S.getModelVersionResponse)).model_version)
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersionEvidence | undefined> {
    try {
      const spec = get(
        'registered-models/alias',
        { name, alias },
        `set the alias on a version of "${name}" or pass another alias.`
      )
      return toModelVersion((await this.http.json(spec, S.getModelVersionResponse)).model_version)
    } catch (error) {
      // An unset alias is 400 INVALID_PARAMETER_VALUE "Registered model alias X not found." (2.x and 3.x).
      if (
        error instanceof MlflowRequestError &&
        error.status === 400 &&
        /alias.*not found/i.test(error.serverMessage ?? '')
      ) {
        return undefined
      }
      throw error
    }
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const json = await this.optional(get('runs/get', { run_id: runId }), S.getRunResponse)
    if (json === undefined) return undefined
    const run = toRun(json.run)
    if (run.artifactUri) this.runRoots.set(run.artifactUri.replace(/\/+$/, ''), run.runId)
    return run
  }

  async getLoggedModel(modelId: string): Promise<LoggedModelRecord | undefined> {
    // Logged models exist from MLflow 3.0; a 2.x server answers an HTML 404 for the route.
    const major = majorOf(await this.serverVersion())
    if (major !== undefined && major < 3) return undefined
    const path = `logged-models/${encodeURIComponent(modelId)}`
    const json = await this.optional(get(path, {}), S.getLoggedModelResponse)
    if (json === undefined) return undefined
    const model = toLoggedModel(json.model)
    if (model.artifactUri) this.loggedModelRoots.set(model.artifactUri.replace(/\/+$/, ''), model.modelId)
    return model
  }

  async listArtifacts(rootUri: string, relPath = ''): Promise<ArtifactFile[]> {
    const dir = joinArtifactPath(relPath)
    const proxied = proxyPath(rootUri, this.http.baseUrl)
    let files: ArtifactFile[]
    if (proxied !== undefined) {
      // The proxy answers basenames; make them relative to the root like `artifacts/list` does.
      const listed = await artifactPages(
        this.http,
        get(PROXY_PREFIX, { path: joinArtifactPath(proxied, dir) }, undefined, true)
      )
      files = listed.map((f) => toFile(joinArtifactPath(dir, f.path.split('/').pop()), f))
    } else {
      const run = ownerOf(this.runRoots, rootUri)
      const model = ownerOf(this.loggedModelRoots, rootUri)
      if (run) {
        const listed = await artifactPages(
          this.http,
          get('artifacts/list', { run_id: run.id, path: joinArtifactPath(run.rel, dir) || undefined })
        )
        files = listed.map((f) => toFile(relativeTo(run.rel, f.path) ?? f.path, f))
      } else if (model) {
        const path = `logged-models/${encodeURIComponent(model.id)}/artifacts/directories`
        const listed = await artifactPages(
          this.http,
          get(path, { artifact_directory_path: joinArtifactPath(model.rel, dir) || undefined })
        )
        files = listed.map((f) => toFile(relativeTo(model.rel, f.path) ?? f.path, f))
      } else throw unreachableRoot(rootUri)
    }
    return files.sort((a, b) => compareCodePoints(a.path, b.path))
  }

  async readArtifact(rootUri: string, relPath: string): Promise<Uint8Array> {
    return this.http.bytes(this.artifactRequest(rootUri, relPath))
  }

  async downloadArtifact(rootUri: string, relPath: string, destination: string): Promise<void> {
    await this.http.download(this.artifactRequest(rootUri, relPath), destination)
  }

  private artifactRequest(rootUri: string, relPath: string): RequestSpec {
    const proxied = proxyPath(rootUri, this.http.baseUrl)
    if (proxied !== undefined) {
      const path = `${PROXY_PREFIX}/${encodeArtifactPath(joinArtifactPath(proxied, relPath))}`
      return { method: 'GET', path, fix: "check the artifact path in the run's Artifacts tab in the MLflow UI." }
    }
    const run = ownerOf(this.runRoots, rootUri)
    if (run) {
      // UI route that serves any root the server itself can read (s3://, file://…).
      return {
        method: 'GET',
        path: '/get-artifact',
        query: { run_id: run.id, path: joinArtifactPath(run.rel, relPath) }
      }
    }
    throw unreachableRoot(rootUri)
  }

  /** Full history of one metric (3.x pages; 2.x ignores paging and answers everything at once). */
  async getMetricHistory(runId: string, key: string): Promise<LoggedMetric[]> {
    const out: LoggedMetric[] = []
    let pageToken: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const spec = get('metrics/get-history', {
        run_id: runId,
        metric_key: key,
        max_results: HISTORY_PAGE_SIZE,
        page_token: pageToken
      })
      const json = await this.http.json(spec, S.metricHistoryResponse)
      out.push(...json.metrics.map(toMetric))
      if (!json.next_page_token || json.next_page_token === pageToken) break
      pageToken = json.next_page_token
    }
    return out.sort((a, b) => a.step - b.step || a.timestamp - b.timestamp)
  }

  /** `model-versions/search` with an MLflow filter (`name='credit-risk'`), all pages. */
  async searchModelVersions(filter: string): Promise<ModelVersionEvidence[]> {
    const out: ModelVersionEvidence[] = []
    let pageToken: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const spec = get('model-versions/search', { filter, max_results: SEARCH_PAGE_SIZE, page_token: pageToken })
      const json = await this.http.json(spec, S.searchModelVersionsResponse)
      out.push(...json.model_versions.map(toModelVersion))
      if (!json.next_page_token || json.next_page_token === pageToken) break
      pageToken = json.next_page_token
    }
    return out.sort((a, b) => compareCodePoints(a.name, b.name) || Number(a.version) - Number(b.version))
  }

  /** Sets a model-version tag (idempotent: setting the same value twice is harmless). */
  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    const spec: RequestSpec = {
      method: 'POST',
      path: `${API}/model-versions/set-tag`,
      json: { name, version, key, value }
    }
    await this.http.json(spec, S.emptyResponse)
  }

  /**
   * Points an alias at a version (`POST registered-models/alias`). MLflow moves an alias
   * unconditionally (last writer wins, no compare-and-set): callers re-read it afterwards.
   */
  async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    const spec: RequestSpec = { method: 'POST', path: `${API}/registered-models/alias`, json: { name, alias, version } }
    await this.http.json(spec, S.emptyResponse)
  }

  /** Sets a tag on the registered model itself (not a version). */
  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    const spec: RequestSpec = { method: 'POST', path: `${API}/registered-models/set-tag`, json: { name, key, value } }
    await this.http.json(spec, S.emptyResponse)
  }

  /** Deletes a registered-model tag; a tag already gone is not an error. */
  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    const spec: RequestSpec = { method: 'DELETE', path: `${API}/registered-models/delete-tag`, json: { name, key } }
    try {
      await this.http.json(spec, S.emptyResponse)
    } catch (error) {
      if (
        error instanceof MlflowRequestError &&
        (error.status === 404 || (error.status === 400 && /not found|does not exist/i.test(error.serverMessage ?? '')))
      )
        return
      throw error
    }
  }

  /** Uploads one file below an artifact root through the proxy (PUT overwrites: idempotent). */
  async uploadArtifact(
    rootUri: string,
    relPath: string,
    body: Uint8Array,
    contentType = 'application/octet-stream'
  ): Promise<void> {
    const proxied = proxyPath(rootUri, this.http.baseUrl)
    if (proxied === undefined) throw unreachableRoot(rootUri)
    const path = `${PROXY_PREFIX}/${encodeArtifactPath(joinArtifactPath(proxied, relPath))}`
    await this.http.json({ method: 'PUT', path, body, contentType }, S.emptyResponse)
  }

  /** A JSON read where 404 RESOURCE_DOES_NOT_EXIST (or a 404 page) means "not there". */
  private async optional<Sch extends z.ZodType>(spec: RequestSpec, schema: Sch): Promise<z.output<Sch> | undefined> {
    try {
      return await this.http.json(spec, schema)
    } catch (error) {
      if (error instanceof MlflowRequestError && error.status === 404) return undefined
      throw error
    }
  }
}

function get(endpoint: string, query: RequestSpec['query'], fix?: string, absolute = false): RequestSpec {
  const spec: RequestSpec = { method: 'GET', path: absolute ? endpoint : `${API}/${endpoint}`, query: query ?? {} }
  if (fix !== undefined) spec.fix = fix
  return spec
}

function majorOf(version: string | undefined): number | undefined {
  const major = Number(version?.split('.')[0])
  return Number.isInteger(major) && major > 0 ? major : undefined
}
