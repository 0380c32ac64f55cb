import nock from 'nock'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { GateError } from '../../../../../src/core/errors.js'
import { HttpClient, MlflowRequestError } from '../../../../../src/collect/mlflow/rest/http.js'
import { authorizationHeader, classifyTrackingUri } from '../../../../../src/collect/mlflow/tracking-uri.js'

const BASE = 'http://mlflow.test:5000'
const ok = z.object({ ok: z.boolean() })

function client(options: { authorization?: string; maxRetries?: number; waits?: number[] } = {}) {
  const waits = options.waits ?? []
  return new HttpClient({
    baseUrl: BASE,
    authorization: options.authorization,
    settings: { timeoutMs: 2_000, maxRetries: options.maxRetries ?? 3 },
    sleep: async (ms) => {
      waits.push(ms)
    },
    random: () => 0
  })
}

const getOk = { method: 'GET' as const, path: '/api/2.0/mlflow/thing', query: { name: 'credit-risk' } }

async function failure(promise: Promise<unknown>): Promise<MlflowRequestError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(MlflowRequestError)
    return error as MlflowRequestError
  }
  throw new Error('expected the request to fail')
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => {
  nock.cleanAll()
})
afterAll(() => nock.enableNetConnect())

describe('authentication', () => {
  it('sends Basic credentials from MLFLOW_TRACKING_USERNAME/PASSWORD and explains a 401', async () => {
    const env = { MLFLOW_TRACKING_USERNAME: 'ci', MLFLOW_TRACKING_PASSWORD: 's3cret', MLFLOW_TRACKING_TOKEN: 'tok' }
    const header = authorizationHeader(env)
    expect(header).toBe(`Basic ${Buffer.from('ci:s3cret').toString('base64')}`)
    const scope = nock(BASE)
      .get('/api/2.0/mlflow/thing')
      .query(true)
      .matchHeader('authorization', header as string)
      .reply(401, 'You are not authenticated. Please see …', {
        'content-type': 'text/plain',
        'www-authenticate': 'Basic realm="mlflow"'
      })
    const error = await failure(client({ authorization: header }).json(getOk, ok))
    expect(error.kind).toBe('evidence')
    expect(error.exitCode).toBe(1)
    expect(error.message).toMatch(/^GET thing \(name=credit-risk\) → 401 \(text\/plain "You are not authenticated/)
    expect(error.message).toContain('credentials sent were rejected')
    expect(error.message).not.toContain('s3cret')
    expect(error.message.split('\n')).toHaveLength(1)
    scope.done()
  })

  it('sends a Bearer token only when no username/password is set, and says when none was sent', async () => {
    const header = authorizationHeader({ MLFLOW_TRACKING_TOKEN: 'tok-123' })
    expect(header).toBe('Bearer tok-123')
    const scope = nock(BASE)
      .get('/api/2.0/mlflow/thing')
      .query(true)
      .matchHeader('authorization', 'Bearer tok-123')
      .reply(200, { ok: true })
    await expect(client({ authorization: header }).json(getOk, ok)).resolves.toEqual({ ok: true })
    scope.done()

    nock(BASE)
      .get('/api/2.0/mlflow/thing')
      .query(true)
      .reply(403, 'Permission denied', { 'content-type': 'text/plain' })
    const denied = await failure(client().json(getOk, ok))
    expect(denied.message).toContain('403 (text/plain "Permission denied")')
    expect(denied.kind).toBe('evidence')
  })

  it('takes Basic credentials from the URI user info and strips them from the base URL', () => {
    const target = classifyTrackingUri('https://bob:pa%20ss@mlflow.example.com/prefix/?x=1')
    expect(target).toMatchObject({
      kind: 'rest',
      baseUrl: 'https://mlflow.example.com/prefix',
      display: 'https://mlflow.example.com/prefix'
    })
    expect(authorizationHeader({}, target)).toBe(`Basic ${Buffer.from('bob:pa ss').toString('base64')}`)
    expect(authorizationHeader({ MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'p' }, target)).toBe(
      `Basic ${Buffer.from('u:p').toString('base64')}`
    )
  })
})

describe('retries', () => {
  it('retries a 500 and succeeds, counting both round trips', async () => {
    nock(BASE).get('/api/2.0/mlflow/thing').query(true).reply(500, { error_code: 'INTERNAL_ERROR', message: 'boom' })
    nock(BASE).get('/api/2.0/mlflow/thing').query(true).reply(200, { ok: true })
    const waits: number[] = []
    const http = client({ waits })
    await expect(http.json(getOk, ok)).resolves.toEqual({ ok: true })
    expect(http.roundTrips).toBe(2)
    expect(waits).toEqual([500])
  })

  it('honours Retry-After in seconds and as an HTTP date, capped', async () => {
    nock(BASE).get('/api/2.0/mlflow/thing').query(true).reply(503, 'busy', { 'retry-after': '2' })
    nock(BASE)
      .get('/api/2.0/mlflow/thing')
      .query(true)
      .reply(429, 'slow down', { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() })
    nock(BASE).get('/api/2.0/mlflow/thing').query(true).reply(200, { ok: true })
    const waits: number[] = []
    await expect(client({ waits }).json(getOk, ok)).resolves.toEqual({ ok: true })
    expect(waits[0]).toBe(2_000)
    expect(waits[1]).toBe(30_000)
  })

  it('gives up after the configured retries with one line naming the attempts (fail closed)', async () => {
    const scope = nock(BASE)
      .get('/api/2.0/mlflow/thing')
      .query(true)
      .times(4)
      .reply(500, { error_code: 'INTERNAL_ERROR', message: 'database is locked' })
    const waits: number[] = []
    const http = client({ waits, maxRetries: 3 })
    const error = await failure(http.json(getOk, ok))
    scope.done()
    expect(http.roundTrips).toBe(4)
    expect(waits).toEqual([500, 1_000, 2_000])
    expect(error.kind).toBe('evidence')
    expect(error.message).toBe(
      'GET thing (name=credit-risk) → 500 INTERNAL_ERROR: database is locked after 4 ' +
        'attempts. Fix: check the MLflow server health (GET /health) and logs, then rerun.'
    )
  })

  it('does not retry a 404', async () => {
    const scope = nock(BASE).get('/api/2.0/mlflow/registered-models/get').query({ name: 'credit-risk' }).reply(404, {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Registered Model with name=credit-risk not found'
    })
    const http = client()
    const error = await failure(
      http.json(
        {
          method: 'GET',
          path: '/api/2.0/mlflow/registered-models/get',
          query: { name: 'credit-risk' },
          fix: 'check the name.'
        },
        ok
      )
    )
    scope.done()
    expect(http.roundTrips).toBe(1)
    expect(error).toBeInstanceOf(GateError)
    expect(error.kind).toBe('invalid')
    expect(error.exitCode).toBe(2)
    expect(error.message).toBe(
      'GET registered-models/get (name=credit-risk) → 404 RESOURCE_DOES_NOT_EXIST: ' +
        'Registered Model with name=credit-risk not found. Fix: check the name.'
    )
  })
})

describe('bodies that are not MLflow JSON', () => {
  it('summarises a Flask HTML 404 without dumping it', async () => {
    const html =
      '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not ' +
      'Found</h1>\n<p>The requested URL was not found on the server.</p>\n'
    nock(BASE).get('/api/2.0/mlflow/thing').query(true).reply(404, html, { 'content-type': 'text/html; charset=utf-8' })
    const error = await failure(client().json(getOk, ok))
    expect(error.kind).toBe('evidence')
    expect(error.message).toContain('404 (HTML page "404 Not Found")')
    expect(error.message).toContain('path prefix')
    expect(error.message).not.toMatch(/<|doctype/i)
  })

  it('rejects a 200 whose body is not JSON, naming what came back', async () => {
    nock(BASE)
      .get('/api/2.0/mlflow/thing')
      .query(true)
      .reply(200, '<html><head><title>Sign in</title></head><body>login</body></html>', { 'content-type': 'text/html' })
    const error = await failure(client().json(getOk, ok))
    expect(error.message).toContain('200 with a body that is not JSON (HTML page "Sign in")')
    expect(error.kind).toBe('evidence')
  })

  it('rejects JSON of the wrong shape', async () => {
    nock(BASE).get('/api/2.0/mlflow/thing').query(true).reply(200, { ok: 'yes' })
    const error = await failure(client().json(getOk, ok))
    expect(error.message).toMatch(/200 with JSON MLflow does not produce \(ok: /)
  })

  it('explains a plain-text 503 from a server that does not serve artifacts', async () => {
    nock(BASE)
      .get('/api/2.0/mlflow-artifacts/artifacts/1/x')
      .times(4)
      .reply(503, 'Artifact proxy is disabled', { 'content-type': 'text/plain' })
    const error = await failure(client().bytes({ method: 'GET', path: '/api/2.0/mlflow-artifacts/artifacts/1/x' }))
    expect(error.message).toContain('--serve-artifacts')
    expect(error.kind).toBe('evidence')
  })

  it('explains the MLflow 3.5+ Host-header 403', async () => {
    nock(BASE)
      .get('/api/2.0/mlflow/thing')
      .query(true)
      .reply(403, 'Invalid Host header - possible DNS rebinding attack detected', { 'content-type': 'text/plain' })
    const error = await failure(client().json(getOk, ok))
    expect(error.message).toContain('--allowed-hosts')
  })
})
