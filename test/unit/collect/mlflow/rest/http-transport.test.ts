/**
 * Transport failures against real local sockets (no nock): a server that accepts and never answers,
 * and a port nobody listens on.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient, MlflowRequestError } from '../../../../../src/collect/mlflow/rest/http.js'
import { httpSettings } from '../../../../../src/collect/mlflow/tracking-uri.js'

let hung: Server
let hungUrl = ''

beforeAll(async () => {
  hung = createServer(() => {
    // Never answer: the client's timeout must end the request.
  })
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve))
  hungUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`
})
afterAll(async () => {
  hung.closeAllConnections()
  await new Promise<void>((resolve) => hung.close(() => resolve()))
})

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('transport failures', () => {
  it('times out a hung server within the configured time (1 s, 0 retries)', async () => {
    const settings = httpSettings({ MLFLOW_HTTP_REQUEST_TIMEOUT: '1', MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0' })
    expect(settings).toEqual({ timeoutMs: 1_000, maxRetries: 0 })
    const http = new HttpClient({ baseUrl: hungUrl, settings })
    const started = Date.now()
    const error = await http.text({ method: 'GET', path: '/version' }).catch((e: unknown) => e)
    const elapsed = Date.now() - started
    expect(elapsed).toBeLessThan(3_000)
    expect(error).toBeInstanceOf(MlflowRequestError)
    expect((error as MlflowRequestError).kind).toBe('evidence')
    expect((error as MlflowRequestError).message).toBe(
      'GET /version → no answer within 1 s. Fix: check the server is up and ' +
        'reachable, or raise --timeout / MLFLOW_HTTP_REQUEST_TIMEOUT.'
    )
  })

  it('reports a refused connection (wrong port) as unreachable, retrying a bounded number of times', async () => {
    const port = await closedPort()
    const waits: number[] = []
    const http = new HttpClient({
      baseUrl: `http://127.0.0.1:${port}`,
      settings: { timeoutMs: 1_000, maxRetries: 2 },
      sleep: async (ms) => {
        waits.push(ms)
      }
    })
    const error = (await http
      .json({ method: 'GET', path: '/api/2.0/mlflow/registered-models/get', query: { name: 'm' } }, {} as never)
      .catch((e: unknown) => e)) as MlflowRequestError
    expect(error).toBeInstanceOf(MlflowRequestError)
    expect(error.exitCode).toBe(1)
    expect(http.roundTrips).toBe(3)
    expect(waits).toHaveLength(2)
    expect(error.message).toMatch(
      new RegExp(
        `^GET registered-models/get \\(name=m\\) → cannot reach ` +
          `http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\) after 3 attempts\\. Fix: ` +
          `check the tracking URI`
      )
    )
  })

  it('reads MLFLOW_HTTP_REQUEST_TIMEOUT / MAX_RETRIES, with our defaults and a cap', () => {
    expect(httpSettings({})).toEqual({ timeoutMs: 30_000, maxRetries: 3 })
    expect(httpSettings({ MLFLOW_HTTP_REQUEST_MAX_RETRIES: '50' }).maxRetries).toBe(10)
    expect(httpSettings({ MLFLOW_HTTP_REQUEST_TIMEOUT: '120' }, { timeoutSeconds: 5 }).timeoutMs).toBe(5_000)
    expect(() => httpSettings({ MLFLOW_HTTP_REQUEST_TIMEOUT: 'soon' })).toThrow(
      /MLFLOW_HTTP_REQUEST_TIMEOUT="soon" is not a number/
    )
    expect(() => httpSettings({ MLFLOW_HTTP_REQUEST_MAX_RETRIES: '-1' })).toThrow(/whole number/)
  })
})
