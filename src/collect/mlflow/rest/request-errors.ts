/**
 * The one-line GateErrors of the MLflow HTTP client: what was asked, what came back (MLflow's
 * error code and message, or a few words about a non-JSON body), and the fix. Every message is
 * passed through the client's scrubber, so a server that echoes the Authorization header or the
 * password back cannot put them into a message. Exit-code mapping: see http.ts.
 */
import { GateError, type GateErrorKind } from '../../../core/errors.js'
import type { Redactor } from '../../../core/text/redact.js'
import { type HttpLimits, LIMIT_VARIABLES } from '../tracking-uri.js'
import { summariseBody } from './body-summary.js'
import type { RequestSpec } from './request-spec.js'
import { type BodyLimitError, formatBytes } from './read-body.js'

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

/** What the messages need to know about the client that sent the request. */
export interface ErrorContext {
  baseUrl: string
  authorizationSent: boolean
  timeoutMs: number
  limits: HttpLimits
  deadlineSeconds: number
  describe(spec: RequestSpec): string
  scrub: Redactor
}

export const RETRYABLE = new Set([408, 429, 500, 502, 503, 504])

export function statusError(
  ctx: ErrorContext,
  spec: RequestSpec,
  response: Response,
  body: Uint8Array,
  attempts: number
): MlflowRequestError {
  const status = response.status
  const mlflow = parseMlflowError(body)
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
  if (mlflow) {
    const what = `${status} ${mlflow.errorCode}: ${mlflow.message}${tries}`
    const transient = status >= 500 || status === 408 || status === 429
    const auth = status === 401 || status === 403
    const kind: GateErrorKind = transient || auth ? 'evidence' : 'invalid'
    const fix = auth
      ? authFix(ctx, status, '')
      : transient
        ? SERVER_FIX
        : (spec.fix ?? 'check the request against the MLflow UI.')
    return requestError(ctx, kind, spec, what, fix, status, undefined, mlflow.errorCode, mlflow.message)
  }
  const summary = summariseBody(body, response.headers.get('content-type'))
  const what = `${status}${summary ? ` (${summary})` : ''}${tries}`
  let fix: string
  if (status === 401 || status === 403) fix = authFix(ctx, status, summary)
  else if (status === 503 && spec.path.includes('/mlflow-artifacts/')) {
    fix =
      'the server does not serve artifacts; start it with --serve-artifacts (the ' +
      'default) or use a tracking URI whose server does.'
  } else if (status === 404) {
    fix =
      'the server has no such endpoint: check that the tracking URI (including any ' +
      'path prefix) is an MLflow server root.'
  } else if (status >= 500 || RETRYABLE.has(status)) fix = SERVER_FIX
  else fix = 'check that the tracking URI points at an MLflow server.'
  return requestError(ctx, 'evidence', spec, what, fix, status)
}

function authFix(ctx: ErrorContext, status: number, summary: string): string {
  if (/host header/i.test(summary)) {
    return 'the server rejects this Host name; start MLflow with --allowed-hosts including it, or use its IP address.'
  }
  const sent = ctx.authorizationSent
  if (status === 401) {
    return sent
      ? 'the credentials sent were rejected; check ' +
          'MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN.'
      : 'no credentials were sent; set MLFLOW_TRACKING_USERNAME and ' +
          'MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN).'
  }
  return 'the user lacks permission; grant it READ on this model (EDIT for write-back) in MLflow.'
}

/** A short cause for the retry line: `no answer within 4 s`, `ECONNRESET`. */
export function transportCause(ctx: ErrorContext, failure: unknown): string {
  if (isTimeout(failure)) return `no answer within ${ctx.timeoutMs / 1000} s`
  return (
    errorCode(failure) ??
    (failure instanceof Error ? failure.message.split('\n')[0]!.slice(0, 80) : 'connection failed')
  )
}

export function limitError(ctx: ErrorContext, spec: RequestSpec, failure: BodyLimitError): MlflowRequestError {
  const fix: Record<BodyLimitError['limit'], string> = {
    size: spec.path.includes('artifact')
      ? `check the artifact is what it should be, or ` +
        `raise ${LIMIT_VARIABLES.maxDownloadBytes} ` +
        `(now ${formatBytes(ctx.limits.maxDownloadBytes)}) ` +
        `or ${LIMIT_VARIABLES.maxResponseBytes} ` +
        `(now ${formatBytes(ctx.limits.maxResponseBytes)}).`
      : `check what the server sends, or raise ${LIMIT_VARIABLES.maxResponseBytes} ` +
        `(now ${formatBytes(ctx.limits.maxResponseBytes)}).`,
    encoding: 'serve MLflow without response compression (or put no compressing proxy in front of it).',
    'download-deadline':
      `raise ${LIMIT_VARIABLES.downloadDeadlineMs} ` +
      `(now ${ctx.limits.downloadDeadlineMs / 1000} s) or --deadline (action input ` +
      `deadline), or find out why the server is this slow.`
  }
  return requestError(ctx, 'evidence', spec, failure.message, fix[failure.limit], undefined, failure)
}

export function deadlineError(ctx: ErrorContext, spec: RequestSpec, attempts: number): MlflowRequestError {
  const tries = attempts > 1 ? ` (after ${attempts} attempts)` : ''
  return requestError(
    ctx,
    'evidence',
    spec,
    `the gate's overall deadline of ${ctx.deadlineSeconds} s passed${tries}`,
    'raise --deadline (action input deadline), or find out why the MLflow server is this slow.',
    undefined
  )
}

export function transportError(
  ctx: ErrorContext,
  spec: RequestSpec,
  failure: unknown,
  attempts: number
): MlflowRequestError {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
  const seconds = ctx.timeoutMs / 1000
  if (isTimeout(failure)) {
    return requestError(
      ctx,
      'evidence',
      spec,
      `no answer within ${seconds} s${tries}`,
      'check the server is up and reachable, or raise --timeout / MLFLOW_HTTP_REQUEST_TIMEOUT.',
      undefined,
      failure
    )
  }
  const code = errorCode(failure)
  return requestError(
    ctx,
    'evidence',
    spec,
    `cannot reach ${ctx.baseUrl}${code ? ` (${code})` : ''}${tries}`,
    'check the tracking URI (host, port, scheme) and that the MLflow server is running.',
    undefined,
    failure
  )
}

export function requestError(
  ctx: ErrorContext,
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
  const message = ctx.scrub(`${ctx.describe(spec)} → ${sentence} Fix: ${fix}`)
  return new MlflowRequestError(
    kind,
    message,
    status,
    errorCode,
    serverMessage === undefined ? undefined : ctx.scrub(serverMessage),
    cause
  )
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

export function isTimeout(failure: unknown): boolean {
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

/** The Authorization header's value and what it encodes (token, `user:password`, password). */
export function credentialForms(authorization: string | undefined): string[] {
  if (authorization === undefined) return []
  const [scheme, value = ''] = authorization.split(/\s+/, 2)
  const forms = [authorization, value]
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    forms.push(decoded, decoded.slice(decoded.indexOf(':') + 1))
  }
  return forms
}
