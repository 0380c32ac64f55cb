/**
 * The registry reads of `aims-gate posture` over MLflow's REST API (2.x and 3.x), made to cost few
 * requests: registered models 1,000 a page (with their aliases and tags), every version 1,000 a
 * page from one ordered `model-versions/search`, and only the write-back folder of the versions
 * that matter. Every call goes through the shared client (timeouts, retries, byte caps,
 * redaction) and the in-flight bound; every answer is zod-parsed.
 */
import { z } from 'zod'
import type { HttpClient } from '../mlflow/rest/http.js'
import type { RequestSpec } from '../mlflow/rest/request-spec.js'
import * as S from '../mlflow/rest/schemas.js'
import type { InFlightLimit } from './in-flight.js'

const API = '/api/2.0/mlflow'
/** Guards the folder listing against a server that keeps handing out tokens. */
const MAX_PAGES = 1_000
export const MODEL_PAGE_SIZE = 1_000
const VERSION_PAGE_SIZE = 1_000

const searchModelsResponse = z.object({
  registered_models: z.array(S.registeredModelSchema).default([]),
  next_page_token: z.string().optional()
})
export type RegisteredModelJson = S.RegisteredModelJson
export type ModelVersionJson = S.ModelVersionJson

export class PostureRegistryReader {
  constructor(
    private readonly http: HttpClient,
    private readonly limit: InFlightLimit
  ) {}

  /** Requests sent so far, retries included. */
  get requestCount(): number {
    return this.http.roundTrips
  }

  /** One page of registered models, by name. */
  async modelPage(pageToken: string | undefined): Promise<{ models: RegisteredModelJson[]; next?: string }> {
    const query = { max_results: MODEL_PAGE_SIZE, order_by: ['name ASC'], page_token: pageToken }
    const json = await this.send(get('registered-models/search', query), searchModelsResponse)
    const next = json.next_page_token && json.next_page_token !== pageToken ? json.next_page_token : undefined
    return next === undefined ? { models: json.registered_models } : { models: json.registered_models, next }
  }

  /**
   * One page of every version in the registry, grouped by model (name ascending, newest first):
   * a few requests for the whole registry instead of one search per model. (MLflow 2.x refuses
   * `name IN (…)` filters for versions, so the unfiltered, ordered search is what both majors share.)
   */
  async versionPage(pageToken: string | undefined): Promise<{ versions: ModelVersionJson[]; next?: string }> {
    const query = {
      max_results: VERSION_PAGE_SIZE,
      order_by: ['name ASC', 'version_number DESC'],
      page_token: pageToken
    }
    const json = await this.send(get('model-versions/search', query), S.searchModelVersionsResponse)
    const next = json.next_page_token && json.next_page_token !== pageToken ? json.next_page_token : undefined
    return next === undefined ? { versions: json.model_versions } : { versions: json.model_versions, next }
  }

  /** File names directly in `dir` of the run's artifacts (empty when the folder does not exist). */
  async listRunFolder(runId: string, dir: string): Promise<string[]> {
    const files: string[] = []
    let pageToken: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = { run_id: runId, path: dir, page_token: pageToken }
      const json = await this.send(get('artifacts/list', query), S.listArtifactsResponse)
      for (const file of json.files) if (!file.is_dir) files.push(file.path.split('/').pop() ?? file.path)
      if (!json.next_page_token || json.next_page_token === pageToken) break
      pageToken = json.next_page_token
    }
    return files
  }

  /** One run artifact's bytes (the UI route serves any artifact root the server can read). */
  readRunArtifact(runId: string, path: string): Promise<Uint8Array> {
    const spec: RequestSpec = { method: 'GET', path: '/get-artifact', query: { run_id: runId, path } }
    return this.limit.run(() => this.http.bytes(spec))
  }

  private send<Sch extends z.ZodType>(spec: RequestSpec, schema: Sch): Promise<z.output<Sch>> {
    return this.limit.run(() => this.http.json(spec, schema))
  }
}

function get(endpoint: string, query: RequestSpec['query']): RequestSpec {
  return { method: 'GET', path: `${API}/${endpoint}`, query: query ?? {} }
}
