/**
 * Where the MLflow store is and how to talk to it, read the way MLflow's own client reads it:
 * the tracking URI (option, else MLFLOW_TRACKING_URI), credentials (MLFLOW_TRACKING_USERNAME /
 * PASSWORD → Basic first, else MLFLOW_TRACKING_TOKEN → Bearer) and HTTP limits
 * (MLFLOW_HTTP_REQUEST_TIMEOUT, MLFLOW_HTTP_REQUEST_MAX_RETRIES).
 *
 * Secrets never leave this module except inside the `Authorization` header: every URI meant for
 * people (messages, evidence, reports) is the `display` form, with user info and query removed.
 */
import { invalid } from '../../core/errors.js'
import { splitUserInfo, withoutUserInfo } from '../../core/text/uri-userinfo.js'
import type { Env } from '../../pipeline/ports.js'

export type TrackingTarget =
  | {
      kind: 'rest'
      /** Base URL without credentials, query or trailing slash; may carry a path prefix. */
      baseUrl: string
      display: string
      /** Basic credentials written into the URI itself (`http://user:pass@host`), if any. */
      uriCredentials?: { username: string; password: string }
    }
  | { kind: 'sqlite'; path: string; display: string }
  | { kind: 'file'; path: string; display: string }

export interface HttpSettings {
  /** Per-request timeout (each attempt), milliseconds. */
  timeoutMs: number
  /** Retries after the first attempt on retryable failures. */
  maxRetries: number
}

/**
 * Caps on what a server may send (decoded bytes) and how long one download may take. Defaults
 * fit a CI gate; each can be raised with the AIMS_GATE_* variable named in `httpLimits`.
 */
export interface HttpLimits {
  /** One JSON or text answer (registry, runs, listings, metric pages) and error bodies. */
  maxResponseBytes: number
  /** One artifact download (model files, documents, evaluation data). */
  maxDownloadBytes: number
  /** Wall-clock time one artifact download may take, all attempts together. */
  downloadDeadlineMs: number
}

const MIB = 1024 ** 2
export const DEFAULT_LIMITS: HttpLimits = {
  maxResponseBytes: 64 * MIB,
  maxDownloadBytes: 2048 * MIB,
  downloadDeadlineMs: 300_000
}
export const LIMIT_VARIABLES = {
  maxResponseBytes: 'AIMS_GATE_MAX_RESPONSE_MB',
  maxDownloadBytes: 'AIMS_GATE_MAX_DOWNLOAD_MB',
  downloadDeadlineMs: 'AIMS_GATE_DOWNLOAD_DEADLINE'
} as const

/** The limits from AIMS_GATE_MAX_RESPONSE_MB / _MAX_DOWNLOAD_MB (MiB) and _DOWNLOAD_DEADLINE (s). */
export function httpLimits(env: Env): HttpLimits {
  const positive = (name: string, fallback: number): number => {
    const value = numberFromEnv(env, name, fallback)
    if (!(value > 0))
      throw invalid(
        `${name}=${env[name] ?? ''} is not a positive number. Fix: set it to e.g. ${name}=${fallback}, or unset it.`
      )
    return value
  }
  return {
    maxResponseBytes: Math.round(
      positive(LIMIT_VARIABLES.maxResponseBytes, DEFAULT_LIMITS.maxResponseBytes / MIB) * MIB
    ),
    maxDownloadBytes: Math.round(
      positive(LIMIT_VARIABLES.maxDownloadBytes, DEFAULT_LIMITS.maxDownloadBytes / MIB) * MIB
    ),
    downloadDeadlineMs: Math.round(
      positive(LIMIT_VARIABLES.downloadDeadlineMs, DEFAULT_LIMITS.downloadDeadlineMs / 1000) * 1000
    )
  }
}

/** Our defaults are tighter than MLflow's (120 s, 7 retries): a CI gate should fail in minutes. */
export const DEFAULT_HTTP: HttpSettings = { timeoutMs: 30_000, maxRetries: 3 }
const MAX_RETRIES_CAP = 10

/** The tracking URI from the option, else from MLFLOW_TRACKING_URI; GateError('invalid') if neither. */
export function resolveTrackingUri(option: string | undefined, env: Env): string {
  const value = option?.trim() || env.MLFLOW_TRACKING_URI?.trim()
  if (!value) {
    throw invalid(
      'No MLflow tracking URI given. Fix: pass --tracking-uri http://host:5000 (or ' +
        'sqlite:///path/mlflow.db), or set MLFLOW_TRACKING_URI.'
    )
  }
  return value
}

const SQLITE_FILE = /\.(db|sqlite|sqlite3)$/i

/** Classifies a tracking URI; unsupported or malformed URIs are GateError('invalid'). */
export function classifyTrackingUri(raw: string): TrackingTarget {
  const uri = raw.trim()
  if (/^databricks(-uc)?(:|$)/i.test(uri)) {
    throw invalid(
      `Tracking URI "${displayTrackingUri(uri)}" points at Databricks, which ` +
        `aims-gate does not support (its registry and artifact APIs differ). Fix: use an ` +
        `open-source MLflow server URL (http(s)://…) or a local sqlite:/// store.`
    )
  }
  if (/^https?:\/\//i.test(uri)) {
    // A `/`, `?` or `#` in the user info ends the host early: `new URL` would then fail, or read
    // the password as a port or path and echo it in every message. Refuse without quoting it.
    const userInfo = splitUserInfo(uri)?.userInfo
    if (userInfo !== undefined && /[/?#\s]/.test(userInfo)) throw unencodedCredentials()
    let url: URL
    try {
      url = new URL(uri)
    } catch (cause) {
      if (userInfo !== undefined) throw unencodedCredentials()
      throw invalid(
        `Tracking URI "${displayTrackingUri(uri)}" is not a valid URL. Fix: write it as http(s)://host:port[/prefix].`,
        cause
      )
    }
    if (url.hostname === '') {
      throw invalid(
        `Tracking URI "${displayTrackingUri(uri)}" has no host. Fix: write it as http(s)://host:port[/prefix].`
      )
    }
    const uriCredentials =
      url.username !== '' || url.password !== ''
        ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
        : undefined
    url.username = ''
    url.password = ''
    url.search = ''
    url.hash = ''
    const baseUrl = url.toString().replace(/\/+$/, '')
    return uriCredentials
      ? { kind: 'rest', baseUrl, display: baseUrl, uriCredentials }
      : { kind: 'rest', baseUrl, display: baseUrl }
  }
  if (/^sqlite:/i.test(uri)) {
    // SQLAlchemy form: sqlite:///relative.db, sqlite:////absolute.db.
    const m = /^sqlite:\/\/\/(.+)$/i.exec(uri)
    if (!m?.[1]) {
      throw invalid(
        `Tracking URI "${uri}" is not a SQLite URI MLflow understands. Fix: write ` +
          `sqlite:///relative/mlflow.db or sqlite:////absolute/mlflow.db.`
      )
    }
    return { kind: 'sqlite', path: m[1], display: uri }
  }
  if (/^file:/i.test(uri)) {
    const path = uri.replace(/^file:(\/\/)?/i, '')
    return { kind: 'file', path, display: uri }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) {
    throw invalid(
      `Tracking URI "${displayTrackingUri(uri)}" uses a scheme aims-gate cannot read. ` +
        `Fix: use http(s)://host:port for a tracking server or sqlite:///path for a ` +
        `local store.`
    )
  }
  if (uri === '') {
    throw invalid('Tracking URI is empty. Fix: pass --tracking-uri or set MLFLOW_TRACKING_URI.')
  }
  // A bare path to a database file (`/path/mlflow.db`) is what MLflow itself accepts as sqlite:///.
  if (SQLITE_FILE.test(uri)) return { kind: 'sqlite', path: uri, display: uri }
  // Any other plain path is a folder: what it holds decides the message (localStoreRefusal).
  return { kind: 'file', path: uri, display: uri }
}

/** The URI with user info, query and fragment removed: safe for messages, logs and evidence. */
export function displayTrackingUri(raw: string): string {
  // User info a URL parser would misread (an unencoded / in the password) is cut off first.
  if (/[/?#]/.test(splitUserInfo(raw)?.userInfo ?? '')) return withoutUserInfo(raw).replace(/[?#].*$/, '')
  try {
    const url = new URL(raw.trim())
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      url.username = ''
      url.password = ''
      url.search = ''
      url.hash = ''
      return url.toString().replace(/\/+$/, '')
    }
  } catch {
    // Not a URL: fall through to the textual scrub.
  }
  return withoutUserInfo(raw).replace(/[?#].*$/, '')
}

function unencodedCredentials() {
  return invalid(
    'The tracking URI (credentials hidden) is not a valid URL. Fix: percent-encode ' +
      'special characters in the password (/ as %2F, @ as %40, ? as %3F, # as %23), or ' +
      'pass the credentials in MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD instead.'
  )
}

/**
 * The `Authorization` header MLflow's Python client would send: username/password first (also
 * from the URI's user info), else the token. `undefined` when no credentials are configured.
 */
export function authorizationHeader(env: Env, target?: TrackingTarget): string | undefined {
  const username = env.MLFLOW_TRACKING_USERNAME
  const password = env.MLFLOW_TRACKING_PASSWORD
  if (username || password) {
    return basic(username ?? '', password ?? '')
  }
  if (target?.kind === 'rest' && target.uriCredentials) {
    return basic(target.uriCredentials.username, target.uriCredentials.password)
  }
  const token = env.MLFLOW_TRACKING_TOKEN
  return token ? `Bearer ${token}` : undefined
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}

/**
 * Timeout and retries: an explicit option wins, then MLFLOW_HTTP_REQUEST_TIMEOUT (seconds) and
 * MLFLOW_HTTP_REQUEST_MAX_RETRIES, then our defaults. Bad values are GateError('invalid').
 * The CLI and the action always pass the timeout, read once from the option table (flag or
 * input, else the variable, else 30: src/options/option-table.ts); the variable is read here
 * only for callers that open a store themselves.
 */
export function httpSettings(env: Env, overrides: { timeoutSeconds?: number; maxRetries?: number } = {}): HttpSettings {
  const timeoutSeconds =
    overrides.timeoutSeconds ?? numberFromEnv(env, 'MLFLOW_HTTP_REQUEST_TIMEOUT', DEFAULT_HTTP.timeoutMs / 1000)
  const maxRetries =
    overrides.maxRetries ?? numberFromEnv(env, 'MLFLOW_HTTP_REQUEST_MAX_RETRIES', DEFAULT_HTTP.maxRetries)
  if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds)) {
    throw invalid(
      `HTTP timeout ${timeoutSeconds} s is not a positive number of seconds. Fix: ` +
        `pass --timeout 30 or set MLFLOW_HTTP_REQUEST_TIMEOUT=30.`
    )
  }
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw invalid(`HTTP retries ${maxRetries} is not a whole number ≥ 0. Fix: set MLFLOW_HTTP_REQUEST_MAX_RETRIES=3.`)
  }
  return { timeoutMs: Math.round(timeoutSeconds * 1000), maxRetries: Math.min(maxRetries, MAX_RETRIES_CAP) }
}

function numberFromEnv(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value)) {
    throw invalid(`${name}="${raw}" is not a number. Fix: set it to a number, e.g. ${name}=${fallback}, or unset it.`)
  }
  return value
}
