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
import { createRedactor, type Redactor } from '../../../core/text/redact.js'
import { type Deadline, NO_DEADLINE } from '../../deadline.js'
import { DEFAULT_LIMITS, type HttpLimits, type HttpSettings } from '../tracking-uri.js'
import { summariseBody } from './body-summary.js'
import { ACCEPT_ENCODING, BodyLimitError, readBodyCapped } from './read-body.js'
import {
  credentialForms,
  deadlineError,
  type ErrorContext,
  limitError,
  requestError,
  RETRYABLE,
  statusError,
  transportCause,
  transportError
} from './request-errors.js'
import { streamToFile } from './stream-to-file.js'
import type { FetchLike, RequestSpec } from './request-spec.js'

export { MlflowRequestError } from './request-errors.js'

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
  private readonly errors: ErrorContext

  constructor(private readonly options: HttpClientOptions) {
    this.fetchFn = options.fetch ?? ((url, init) => fetch(url, init))
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.random = options.random ?? Math.random
    this.limits = options.limits ?? DEFAULT_LIMITS
    this.deadline = options.deadline ?? NO_DEADLINE
    this.scrub = createRedactor(credentialForms(options.authorization))
    this.errors = {
      baseUrl: options.baseUrl,
      authorizationSent: options.authorization !== undefined,
      timeoutMs: options.settings.timeoutMs,
      limits: this.limits,
      deadlineSeconds: this.deadline.seconds,
      describe: (spec) => this.describe(spec),
      scrub: this.scrub
    }
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
      throw requestError(
        this.errors,
        'evidence',
        spec,
        `${response.status} with a body that is not JSON ` +
          `(${summariseBody(body, response.headers.get('content-type'))})`,
        'check that the tracking URI points at an MLflow server, not a proxy or login page.',
        response.status,
        cause
      )
    }
    const parsed = schema.safeParse(data)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape'
      throw requestError(
        this.errors,
        'evidence',
        spec,
        `${response.status} with JSON MLflow does not produce (${where})`,
        'check the server is an MLflow 2.x/3.x tracking server; report this if it is.',
        response.status
      )
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
      if (downloadLeft <= 0)
        throw new BodyLimitError(
          'download-deadline',
          `the download did not finish within the ${downloadDeadlineMs / 1000} s download deadline`
        )
      this.roundTrips++
      const bounds = {
        idleMs: Math.min(timeoutMs, gateLeft),
        wallMs: Math.min(gateLeft, downloadLeft),
        maxBytes: maxDownloadBytes,
        maxErrorBodyBytes: MAX_ERROR_BODY_BYTES,
        wallLabel: byGate
          ? `gate's ${this.deadline.seconds} s deadline`
          : `${downloadDeadlineMs / 1000} s download deadline`
      }
      return streamToFile(
        this.fetchFn,
        this.url(spec),
        { method: spec.method, headers: this.headers(), redirect: 'follow' },
        bounds,
        destination
      )
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
    return this.retrying(spec, () =>
      this.attempt(spec, Math.min(this.options.settings.timeoutMs, this.deadline.remainingMs()))
    )
  }

  /**
   * Bounded retries with backoff (honouring Retry-After) around one kind of attempt. A broken
   * limit is never retried, and no attempt or wait runs past the gate's deadline.
   */
  private async retrying(spec: RequestSpec, once: () => Promise<Outcome>): Promise<Outcome> {
    const { maxRetries } = this.options.settings
    for (let attempt = 0; ; attempt++) {
      if (this.deadline.remainingMs() <= 0) throw deadlineError(this.errors, spec, attempt)
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
        if (failure instanceof BodyLimitError) throw limitError(this.errors, spec, failure)
        if (this.deadline.remainingMs() <= 0) throw deadlineError(this.errors, spec, attempt + 1)
        if (last) throw transportError(this.errors, spec, failure, attempt + 1)
        wait = this.backoff(attempt)
        cause = transportCause(this.errors, failure)
      } else {
        const { response, body } = outcome
        if (response.ok) return outcome
        if (!RETRYABLE.has(response.status) || last) throw statusError(this.errors, spec, response, body, attempt + 1)
        wait = this.retryAfter(response.headers.get('retry-after')) ?? this.backoff(attempt)
        cause = `${response.status}`
      }
      if (wait >= this.deadline.remainingMs()) throw deadlineError(this.errors, spec, attempt + 1)
      this.options.log?.(
        this.scrub(
          `aims-gate: ${this.describe(spec)} → ${cause}: attempt ${attempt + 1} ` +
            `of ${maxRetries + 1} failed; retrying in ${(wait / 1000).toFixed(1)} s`
        )
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
    const response = await this.fetchFn(this.url(spec), {
      method: spec.method,
      headers,
      body,
      signal,
      redirect: 'follow'
    })
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
}
