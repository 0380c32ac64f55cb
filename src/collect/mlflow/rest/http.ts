/**
 * The one place aims-gate talks HTTP to an MLflow server: per-attempt timeout, bounded retries with
 * exponential backoff + jitter (honouring Retry-After), each retry announced on the injected log,
 * caps on decoded bytes (read-body.ts), the run's overall deadline, a round-trip counter, and
 * MLflow's error bodies turned into one-line GateErrors with this client's credentials scrubbed
 * (a server may echo the Authorization header back in its error page).
 *
 * Exit-code mapping (decided here, refined by callers that know what was asked):
 * - MLflow answered with its JSON error for a request we made (400/404 …) → 'invalid' (exit 2):
 *   the thing asked for does not exist or the request is wrong; nothing can be evaluated.
 *   Callers that expect absence (unknown alias, baseline, optional files) catch `MlflowRequestError`.
 * - Could not get an answer: connection refused/DNS, timeouts, 401/403, 408/429/5xx after retries,
 *   non-MLflow 404 pages (wrong URL prefix), unparseable bodies → 'evidence' (exit 1, fail closed).
 */
import type { z } from 'zod'
import { GateError, type GateErrorKind } from '../../../core/errors.js'
import { createRedactor, type Redactor } from '../../../core/text/redact.js'
import { type Deadline, NO_DEADLINE } from '../../deadline.js'
import { DEFAULT_LIMITS, type HttpLimits, type HttpSettings, LIMIT_VARIABLES } from '../tracking-uri.js'
import { summariseBody } from './body-summary.js'
import { ACCEPT_ENCODING, BodyLimitError, formatBytes, readBodyCapped } from './read-body.js'
import { streamToFile } from './stream-to-file.js'

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path below the tracking URI, starting with `/` (`/api/2.0/mlflow/runs/get`). */
  path: string
  query?: Query
  json?: unknown
  body?: Uint8Array
  contentType?: string
  /** Overrides the "Fix: …" sentence for MLflow JSON errors (4xx). */
  fix?: string
}

export interface HttpClientOptions {
  baseUrl: string
  authorization?: string | undefined
  settings: HttpSettings
  fetch?: FetchLike
  /** Injected so tests can run retries without waiting. */
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  /** Longest wait a Retry-After header may impose (ms). */
  maxRetryAfterMs?: number
  /** Byte caps and the download deadline; defaults in tracking-uri.ts. */
  limits?: HttpLimits
  /** The gate run's overall deadline; absent = none. */
  deadline?: Deadline
  /** One line per retry (request, cause, attempt n of m, wait); absent = silent. */
  log?: (line: string) => void
}

/** A failed MLflow request; `status`/`errorCode` let callers treat expected absence as data. */
export class MlflowRequestError extends GateError {
  constructor(
    kind: GateErrorKind,
    message: string,
    readonly status: number | undefined,
    readonly errorCode: string | undefined,
    readonly serverMessage: string | undefined,
    cause?: unknown
  ) {
    super(kind, message, cause === undefined ? undefined : { cause })
    this.name = 'MlflowRequestError'
  }
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504])
const BACKOFF_BASE_MS = 500
const BACKOFF_CAP_MS = 8_000
const JITTER_MS = 250
const API_PREFIX = /^\/api\/2\.0\/(mlflow\/)?/
/** A non-OK answer is only summarised: no need to read more of it than this. */
const MAX_ERROR_BODY_BYTES = 64 * 1024

type Outcome = { response: Response; body: Uint8Array }

export class HttpClient {
  /** Attempts sent to the server (each retry counts): for benchmarks and reports. */
  roundTrips = 0
  private readonly fetchFn: FetchLike
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number
  private readonly limits: HttpLimits
  private readonly deadline: Deadline
  private readonly scrub: Redactor

  constructor(private readonly options: HttpClientOptions) {
    this.fetchFn = options.fetch ?? ((url, init) => fetch(url, init))
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.random = options.random ?? Math.random
    this.limits = options.limits ?? DEFAULT_LIMITS
    this.deadline = options.deadline ?? NO_DEADLINE
    this.scrub = createRedactor(credentialForms(options.authorization))
  }

  get baseUrl(): string {
    return this.options.baseUrl
  }

  /** Sends the request and parses the JSON answer with `schema`. */
  async json<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.output<S>> {
    const { body, response } = await this.send(spec)
    const text = new TextDecoder().decode(body)
    let data: unknown
    try {
      data = text.trim() === '' ? {} : JSON.parse(text)
    } catch (cause) {
      throw this.error('evidence', spec, `${response.status} with a body that is not JSON (${summariseBody(body, response.headers.get('content-type'))})`,
        'check that the tracking URI points at an MLflow server, not a proxy or login page.', response.status, cause)
    }
    const parsed = schema.safeParse(data)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape'
      throw this.error('evidence', spec, `${response.status} with JSON MLflow does not produce (${where})`,
        'check the server is an MLflow 2.x/3.x tracking server; report this if it is.', response.status)
    }
    return parsed.data
  }

  /** Sends the request and returns the raw body bytes (artifact downloads). */
  async bytes(spec: RequestSpec): Promise<Uint8Array> {
    return (await this.send(spec)).body
  }

  /** Streams the body of a GET into `destination` (large artifacts); returns nothing to hold. */
  async download(spec: RequestSpec, destination: string): Promise<void> {
    const { timeoutMs } = this.options.settings
    const { downloadDeadlineMs, maxDownloadBytes } = this.limits
    const ends = Date.now() + downloadDeadlineMs
    await this.retrying(spec, () => {
      const gateLeft = this.deadline.remainingMs()
      const downloadLeft = ends - Date.now()
      const byGate = gateLeft < downloadLeft
      if (downloadLeft <= 0) throw new BodyLimitError('download-deadline', `the download did not finish within the ${downloadDeadlineMs / 1000} s download deadline`)
      this.roundTrips++
      const bounds = {
        idleMs: Math.min(timeoutMs, gateLeft),
        wallMs: Math.min(gateLeft, downloadLeft),
        maxBytes: maxDownloadBytes,
        maxErrorBodyBytes: MAX_ERROR_BODY_BYTES,
        wallLabel: byGate ? `gate's ${this.deadline.seconds} s deadline` : `${downloadDeadlineMs / 1000} s download deadline`
      }
      return streamToFile(this.fetchFn, this.url(spec), { method: spec.method, headers: this.headers(), redirect: 'follow' }, bounds, destination)
    })
  }

  /** Sends the request and returns the body as text (`/version`). */
  async text(spec: RequestSpec): Promise<string> {
    return new TextDecoder().decode((await this.send(spec)).body)
  }

  /** One line naming the call: `GET registered-models/get (name=credit-risk)`. */
  describe(spec: RequestSpec): string {
    const path = spec.path.replace(API_PREFIX, '')
    const shown = Object.entries(spec.query ?? {})
      .filter(([key, value]) => value !== undefined && key !== 'page_token' && key !== 'max_results')
      .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    return `${spec.method} ${path}${shown.length > 0 ? ` (${shown.join(', ')})` : ''}`
  }

  private url(spec: RequestSpec): string {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value === undefined) continue
      if (Array.isArray(value)) for (const v of value) params.append(key, v)
      else params.append(key, String(value))
    }
    const qs = params.toString()
    return `${this.options.baseUrl}${spec.path}${qs ? `?${qs}` : ''}`
  }

  private send(spec: RequestSpec): Promise<Outcome> {
    return this.retrying(spec, () => this.attempt(spec, Math.min(this.options.settings.timeoutMs, this.deadline.remainingMs())))
  }

  /**
   * Bounded retries with backoff (honouring Retry-After) around one kind of attempt. A broken
   * limit is never retried, and no attempt or wait runs past the gate's deadline.
   */
  private async retrying(spec: RequestSpec, once: () => Promise<Outcome>): Promise<Outcome> {
    const { maxRetries } = this.options.settings
    for (let attempt = 0; ; attempt++) {
      if (this.deadline.remainingMs() <= 0) throw this.deadlineError(spec, attempt)
      const last = attempt >= maxRetries
      let outcome: Outcome | { failure: unknown }
      try {
        outcome = await once()
      } catch (failure) {
        outcome = { failure }
      }
      let wait: number
      let cause: string
      if ('failure' in outcome) {
        const { failure } = outcome
        if (failure instanceof BodyLimitError) throw this.limitError(spec, failure)
        if (this.deadline.remainingMs() <= 0) throw this.deadlineError(spec, attempt + 1)
        if (last) throw this.transportError(spec, failure, attempt + 1)
        wait = this.backoff(attempt)
        cause = this.transportCause(failure)
      } else {
        const { response, body } = outcome
        if (response.ok) return outcome
        if (!RETRYABLE.has(response.status) || last) throw this.statusError(spec, response, body, attempt + 1)
        wait = this.retryAfter(response.headers.get('retry-after')) ?? this.backoff(attempt)
        cause = `${response.status}`
      }
      if (wait >= this.deadline.remainingMs()) throw this.deadlineError(spec, attempt + 1)
      this.options.log?.(
        this.scrub(`aims-gate: ${this.describe(spec)} → ${cause}: attempt ${attempt + 1} of ${maxRetries + 1} failed; retrying in ${(wait / 1000).toFixed(1)} s`)
      )
      await this.sleep(wait)
    }
  }

  private headers(): Record<string, string> {
    // identity: a compressed body is refused rather than decoded (see read-body.ts).
    const headers: Record<string, string> = { accept: 'application/json, */*', 'accept-encoding': ACCEPT_ENCODING }
    if (this.options.authorization) headers.authorization = this.options.authorization
    return headers
  }

  private async attempt(spec: RequestSpec, timeoutMs: number): Promise<{ response: Response; body: Uint8Array }> {
    const headers = this.headers()
    let body: RequestInit['body']
    if (spec.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(spec.json)
    } else if (spec.body !== undefined) {
      headers['content-type'] = spec.contentType ?? 'application/octet-stream'
      body = spec.body as Uint8Array<ArrayBuffer>
    }
    // One signal covers connect, headers and the body, so a server that stalls mid-body times out too.
    const signal = AbortSignal.timeout(timeoutMs)
    this.roundTrips++
    const response = await this.fetchFn(this.url(spec), { method: spec.method, headers, body, signal, redirect: 'follow' })
    const bytes = response.ok
      ? await readBodyCapped(response, this.limits.maxResponseBytes, 'the answer')
      : await readBodyCapped(response, MAX_ERROR_BODY_BYTES, 'the error answer')
    return { response, body: bytes }
  }

  private backoff(attempt: number): number {
    return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt) + Math.floor(this.random() * JITTER_MS)
  }

  /** Retry-After in seconds or as an HTTP date, capped; undefined when absent or unreadable. */
  private retryAfter(header: string | null): number | undefined {
    if (header === null || header.trim() === '') return undefined
    const cap = this.options.maxRetryAfterMs ?? 30_000
    const seconds = Number(header.trim())
    if (Number.isFinite(seconds)) return Math.min(cap, Math.max(0, seconds * 1000))
    const date = Date.parse(header)
    if (Number.isNaN(date)) return undefined
    return Math.min(cap, Math.max(0, date - Date.now()))
  }

  private statusError(spec: RequestSpec, response: Response, body: Uint8Array, attempts: number): MlflowRequestError {
    const status = response.status
    const mlflow = parseMlflowError(body)
    const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
    if (mlflow) {
      const what = `${status} ${mlflow.errorCode}: ${mlflow.message}${tries}`
      const transient = status >= 500 || status === 408 || status === 429
      const auth = status === 401 || status === 403
      const kind: GateErrorKind = transient || auth ? 'evidence' : 'invalid'
      const fix = auth ? this.authFix(status, '') : transient ? SERVER_FIX : (spec.fix ?? 'check the request against the MLflow UI.')
      return this.error(kind, spec, what, fix, status, undefined, mlflow.errorCode, mlflow.message)
    }
    const summary = summariseBody(body, response.headers.get('content-type'))
    const what = `${status}${summary ? ` (${summary})` : ''}${tries}`
    let fix: string
    if (status === 401 || status === 403) fix = this.authFix(status, summary)
    else if (status === 503 && spec.path.includes('/mlflow-artifacts/')) {
      fix = 'the server does not serve artifacts; start it with --serve-artifacts (the default) or use a tracking URI whose server does.'
    } else if (status === 404) {
      fix = 'the server has no such endpoint: check that the tracking URI (including any path prefix) is an MLflow server root.'
    } else if (status >= 500 || RETRYABLE.has(status)) fix = SERVER_FIX
    else fix = 'check that the tracking URI points at an MLflow server.'
    return this.error('evidence', spec, what, fix, status)
  }

  private authFix(status: number, summary: string): string {
    if (/host header/i.test(summary)) {
      return 'the server rejects this Host name; start MLflow with --allowed-hosts including it, or use its IP address.'
    }
    const sent = this.options.authorization !== undefined
    if (status === 401) {
      return sent
        ? 'the credentials sent were rejected; check MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN.'
        : 'no credentials were sent; set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN).'
    }
    return 'the user lacks permission; grant it READ on this model (EDIT for write-back) in MLflow.'
  }

  /** A short cause for the retry line: `no answer within 4 s`, `ECONNRESET`. */
  private transportCause(failure: unknown): string {
    if (isTimeout(failure)) return `no answer within ${this.options.settings.timeoutMs / 1000} s`
    return errorCode(failure) ?? (failure instanceof Error ? failure.message.split('\n')[0]!.slice(0, 80) : 'connection failed')
  }

  private limitError(spec: RequestSpec, failure: BodyLimitError): MlflowRequestError {
    const fix: Record<BodyLimitError['limit'], string> = {
      size: spec.path.includes('artifact')
        ? `check the artifact is what it should be, or raise ${LIMIT_VARIABLES.maxDownloadBytes} (now ${formatBytes(this.limits.maxDownloadBytes)}) or ${LIMIT_VARIABLES.maxResponseBytes} (now ${formatBytes(this.limits.maxResponseBytes)}).`
        : `check what the server sends, or raise ${LIMIT_VARIABLES.maxResponseBytes} (now ${formatBytes(this.limits.maxResponseBytes)}).`,
      encoding: 'serve MLflow without response compression (or put no compressing proxy in front of it).',
      'download-deadline': `raise ${LIMIT_VARIABLES.downloadDeadlineMs} (now ${this.limits.downloadDeadlineMs / 1000} s) or --deadline (action input deadline), or find out why the server is this slow.`
    }
    return this.error('evidence', spec, failure.message, fix[failure.limit], undefined, failure)
  }

  private deadlineError(spec: RequestSpec, attempts: number): MlflowRequestError {
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : ''
    return this.error('evidence', spec, `the gate's overall deadline of ${this.deadline.seconds} s passed${tries}`,
      'raise --deadline (action input deadline), or find out why the MLflow server is this slow.', undefined)
  }

  private transportError(spec: RequestSpec, failure: unknown, attempts: number): MlflowRequestError {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
    const seconds = this.options.settings.timeoutMs / 1000
    if (isTimeout(failure)) {
      return this.error('evidence', spec, `no answer within ${seconds} s${tries}`,
        'check the server is up and reachable, or raise --timeout / MLFLOW_HTTP_REQUEST_TIMEOUT.', undefined, failure)
    }
    const code = errorCode(failure)
    return this.error('evidence', spec, `cannot reach ${this.options.baseUrl}${code ? ` (${code})` : ''}${tries}`,
      'check the tracking URI (host, port, scheme) and that the MLflow server is running.', undefined, failure)
  }

  private error(
    kind: GateErrorKind,
    spec: RequestSpec,
    what: string,
    fix: string,
    status: number | undefined,
    cause?: unknown,
    errorCode?: string,
    serverMessage?: string
  ): MlflowRequestError {
    const sentence = /[.!?]$/.test(what) ? what : `${what}.`
    const message = this.scrub(`${this.describe(spec)} → ${sentence} Fix: ${fix}`)
    return new MlflowRequestError(kind, message, status, errorCode, serverMessage === undefined ? undefined : this.scrub(serverMessage), cause)
  }
}

/** The Authorization header's value and what it encodes (token, `user:password`, password). */
function credentialForms(authorization: string | undefined): string[] {
  if (authorization === undefined) return []
  const [scheme, value = ''] = authorization.split(/\s+/, 2)
  const forms = [authorization, value]
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    forms.push(decoded, decoded.slice(decoded.indexOf(':') + 1))
  }
  return forms
}

const SERVER_FIX = 'check the MLflow server health (GET /health) and logs, then rerun.'

function parseMlflowError(body: Uint8Array): { errorCode: string; message: string } | undefined {
  try {
    const data: unknown = JSON.parse(new TextDecoder().decode(body))
    if (data && typeof data === 'object' && 'error_code' in data && typeof data.error_code === 'string') {
      const message = 'message' in data && typeof data.message === 'string' ? data.message : ''
      // Server messages can be long (stack-like detail); keep the first line, bounded.
      const firstLine = message.split('\n')[0]?.trim() ?? ''
      return { errorCode: data.error_code, message: firstLine.length > 300 ? `${firstLine.slice(0, 297)}…` : firstLine }
    }
  } catch {
    // Not JSON: the caller summarises it instead.
  }
  return undefined
}

function isTimeout(failure: unknown): boolean {
  return failure instanceof Error && (failure.name === 'TimeoutError' || failure.name === 'AbortError')
}

function errorCode(failure: unknown): string | undefined {
  let current: unknown = failure
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = current.cause
  }
  return undefined
}
