/**
 * Picks the MLflow store for a tracking URI: the REST client for http(s) servers, the local SQLite
 * reader for `sqlite:///` stores. File stores (`./mlruns`) and Databricks are refused with the fix.
 */
import type { FetchLike } from './rest/request-spec.js'
import { HttpClient } from './rest/http.js'
import { RestMlflowStore } from './rest/rest-store.js'
import { localStoreRefusal } from './sqlite/file-store.js'
import { openSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js'
import type { MlflowStore } from './store.js'
import type { Env, StoreSettings } from '../../pipeline/ports.js'
import {
  authorizationHeader,
  classifyTrackingUri,
  httpLimits,
  httpSettings,
  type TrackingTarget
} from './tracking-uri.js'

/** The pipeline's settings, and what tests and `inspect` add. */
export interface OpenStoreOptions extends StoreSettings {
  /** Retries per request (overrides MLFLOW_HTTP_REQUEST_MAX_RETRIES). */
  maxRetries?: number
  /** Injected in tests. */
  fetch?: FetchLike
  sleep?: (ms: number) => Promise<void>
  /** Options of the local SQLite reader (artifacts destination, warnings). */
  sqlite?: SqliteStoreOptions
}

/** Opens the store; GateError('invalid') for URIs aims-gate cannot read. */
export async function openStore(trackingUri: string, env: Env, options: OpenStoreOptions = {}): Promise<MlflowStore> {
  const target = classifyTrackingUri(trackingUri)
  switch (target.kind) {
    case 'rest': {
      const http = restHttpClient(target, env, options)
      return new RestMlflowStore(http, target.display)
    }
    case 'sqlite':
      return openSqliteStore(trackingUri, options.sqlite ?? {})
    case 'file':
      throw localStoreRefusal(target.display, target.path)
  }
}

/** The HTTP client of a tracking server, with the settings every command shares (posture reuses it). */
export function restHttpClient(
  target: Extract<TrackingTarget, { kind: 'rest' }>,
  env: Env,
  options: OpenStoreOptions = {}
): HttpClient {
  const overrides: { timeoutSeconds?: number; maxRetries?: number } = {}
  if (options.timeoutSeconds !== undefined) overrides.timeoutSeconds = options.timeoutSeconds
  if (options.maxRetries !== undefined) overrides.maxRetries = options.maxRetries
  return new HttpClient({
    baseUrl: target.baseUrl,
    authorization: authorizationHeader(env, target),
    settings: httpSettings(env, overrides),
    limits: httpLimits(env),
    ...(options.deadline ? { deadline: options.deadline } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {})
  })
}
