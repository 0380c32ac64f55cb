/**
 * The HTTP client's bounds, with an injected fetch: retries announced one line each, the run's
 * deadline ending attempts and waits, byte caps on decoded bodies (never retried), unrequested
 * Content-Encoding refused, and this client's own credentials scrubbed from server echoes.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { startDeadline } from '../../../../../src/collect/deadline.js'
import type { FetchLike } from '../../../../../src/collect/mlflow/rest/request-spec.js'
import { HttpClient, MlflowRequestError } from '../../../../../src/collect/mlflow/rest/http.js'
import { DEFAULT_LIMITS, httpLimits, httpSettings } from '../../../../../src/collect/mlflow/tracking-uri.js'

const spec = { method: 'GET' as const, path: '/api/2.0/mlflow/registered-models/get', query: { name: 'm' } }
const anything = z.unknown()

function answers(...responses: Array<() => Response>): { fetch: FetchLike; calls: RequestInit[] } {
  const calls: RequestInit[] = []
  let i = 0
  return {
    calls,
    fetch: async (_url, init) => {
      calls.push(init)
      const next = responses[Math.min(i++, responses.length - 1)]!
      return next()
    }
  }
}

async function failure(promise: Promise<unknown>): Promise<MlflowRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(MlflowRequestError)
  return error as MlflowRequestError
}

describe('visible retries', () => {
  it('logs one line per retry: the request, the cause, attempt n of m and the wait', async () => {
    const lines: string[] = []
    const { fetch } = answers(
      () => new Response('busy', { status: 503 }),
      () => new Response('', { status: 429, headers: { 'retry-after': '2' } }),
      () => Response.json({ ok: true })
    )
    const http = new HttpClient({
      baseUrl: 'http://h',
      settings: { timeoutMs: 1_000, maxRetries: 3 },
      fetch,
      sleep: async () => undefined,
      random: () => 0,
      log: (l) => lines.push(l)
    })
    await http.json(spec, anything)
    expect(lines).toEqual([
      'aims-gate: GET registered-models/get (name=m) → 503: attempt 1 of 4 failed; retrying in 0.5 s',
      'aims-gate: GET registered-models/get (name=m) → 429: attempt 2 of 4 failed; retrying in 2.0 s'
    ])
  })
})

describe('the run deadline', () => {
  it('refuses a retry wait that would run past the deadline, naming the option', async () => {
    const { fetch } = answers(() => new Response('', { status: 503, headers: { 'retry-after': '30' } }))
    const http = new HttpClient({
      baseUrl: 'http://h',
      settings: { timeoutMs: 1_000, maxRetries: 5 },
      fetch,
      sleep: async () => undefined,
      deadline: startDeadline(5),
      maxRetryAfterMs: 60_000
    })
    const error = await failure(http.json(spec, anything))
    expect(error.kind).toBe('evidence')
    expect(error.message).toBe(
      "GET registered-models/get (name=m) → the gate's overall deadline of 5 s " +
        'passed. Fix: raise --deadline (action input deadline), or find out why the ' +
        'MLflow server is this slow.'
    )
  })

  it('sends nothing once the deadline has passed', async () => {
    const { fetch, calls } = answers(() => Response.json({}))
    const http = new HttpClient({
      baseUrl: 'http://h',
      settings: { timeoutMs: 1_000, maxRetries: 0 },
      fetch,
      deadline: { seconds: 1, remainingMs: () => 0 }
    })
    await failure(http.json(spec, anything))
    expect(calls).toHaveLength(0)
  })
})

describe('byte caps and encodings', () => {
  it('refuses an answer over the cap without retrying, naming the limit and its variable', async () => {
    const { fetch, calls } = answers(() => new Response('x'.repeat(2_000)))
    const http = new HttpClient({
      baseUrl: 'http://h',
      settings: { timeoutMs: 1_000, maxRetries: 3 },
      fetch,
      limits: { ...DEFAULT_LIMITS, maxResponseBytes: 1_000 }
    })
    const error = await failure(http.json(spec, anything))
    expect(calls).toHaveLength(1)
    expect(error.message).toMatch(/→ the answer is over the 1000 bytes limit\. Fix: .*AIMS_GATE_MAX_RESPONSE_MB/)
  })

  it('refuses a compressed answer it did not ask for, and asks for identity', async () => {
    const { fetch, calls } = answers(() => new Response('{}', { headers: { 'content-encoding': 'gzip' } }))
    const http = new HttpClient({ baseUrl: 'http://h', settings: { timeoutMs: 1_000, maxRetries: 3 }, fetch })
    const error = await failure(http.json(spec, anything))
    expect((calls[0]!.headers as Record<string, string>)['accept-encoding']).toBe('identity')
    expect(error.message).toMatch(/Content-Encoding "gzip", which aims-gate did not ask for/)
  })

  it('reads the limits from AIMS_GATE_* variables and refuses nonsense', () => {
    expect(
      httpLimits({
        AIMS_GATE_MAX_RESPONSE_MB: '0.5',
        AIMS_GATE_MAX_DOWNLOAD_MB: '10',
        AIMS_GATE_DOWNLOAD_DEADLINE: '20'
      })
    ).toEqual({
      maxResponseBytes: 524_288,
      maxDownloadBytes: 10_485_760,
      downloadDeadlineMs: 20_000
    })
    expect(() => httpLimits({ AIMS_GATE_MAX_DOWNLOAD_MB: '0' })).toThrow(
      /AIMS_GATE_MAX_DOWNLOAD_MB=0 is not a positive number/
    )
  })

  it('falls back to MLFLOW_HTTP_REQUEST_TIMEOUT when no option is given', () => {
    expect(httpSettings({ MLFLOW_HTTP_REQUEST_TIMEOUT: '7' }, {}).timeoutMs).toBe(7_000)
    expect(httpSettings({ MLFLOW_HTTP_REQUEST_TIMEOUT: '7' }, { timeoutSeconds: 3 }).timeoutMs).toBe(3_000)
  })
})

describe('credentials echoed by the server', () => {
  it('scrubs the token and the Basic password from error messages and logs', async () => {
    const basic = `Basic ${Buffer.from('ci:hunter2-pw').toString('base64')}`
    const lines: string[] = []
    const { fetch } = answers(
      () => new Response(`echo ${basic} / hunter2-pw`, { status: 502 }),
      () =>
        Response.json(
          { error_code: 'PERMISSION_DENIED', message: `denied for ci:hunter2-pw (${basic})` },
          { status: 403 }
        )
    )
    const http = new HttpClient({
      baseUrl: 'http://h',
      authorization: basic,
      settings: { timeoutMs: 1_000, maxRetries: 1 },
      fetch,
      sleep: async () => undefined,
      log: (l) => lines.push(l)
    })
    const error = await failure(http.json(spec, anything))
    expect(`${error.message} ${error.serverMessage ?? ''} ${lines.join(' ')}`).not.toMatch(/hunter2|Y2k6aHVudGVy/)
    expect(error.message).toMatch(/403 PERMISSION_DENIED: denied for \*\*\*/)
  })
})
