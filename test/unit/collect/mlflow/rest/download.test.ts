/**
 * Streamed artifact downloads against a real local socket: the body goes to disk, the timeout is
 * an idle timeout (a slow but steady file completes, a stalled one fails), and 5xx are retried.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient, MlflowRequestError } from '../../../../../src/collect/mlflow/rest/http.js'

const CHUNK = Buffer.alloc(256 * 1024, 7)
const CHUNKS = 8
let server: Server
let base = ''
let dir = ''
let flaky = 0

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aims-gate-download-'))
  server = createServer((req, res) => {
    if (req.url === '/steady') {
      // 8 chunks, 150 ms apart: 1.05 s in all, longer than the 0.5 s timeout, never idle that long.
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      let sent = 0
      const next = () => {
        res.write(CHUNK)
        if (++sent === CHUNKS) res.end()
        else setTimeout(next, 150)
      }
      next()
    } else if (req.url === '/stall') {
      res.writeHead(200)
      res.write(CHUNK) // then nothing, ever
    } else if (req.url === '/flaky') {
      if (flaky++ === 0) {
        res.writeHead(503, { 'retry-after': '0' })
        res.end('busy')
      } else {
        res.writeHead(200)
        res.end('second time lucky')
      }
    } else {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'No such file' }))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await rm(dir, { recursive: true, force: true })
})

const client = (maxRetries = 0) =>
  new HttpClient({ baseUrl: base, settings: { timeoutMs: 500, maxRetries }, sleep: async () => undefined })

describe('streamed downloads', () => {
  it('writes a slow but steady body to disk whole (the timeout is per idle gap, not per file)', async () => {
    const target = join(dir, 'steady.bin')
    await client().download({ method: 'GET', path: '/steady' }, target)
    const expected = createHash('sha256')
      .update(Buffer.concat(Array.from({ length: CHUNKS }, () => CHUNK)))
      .digest('hex')
    expect(
      createHash('sha256')
        .update(await readFile(target))
        .digest('hex')
    ).toBe(expected)
  })

  it('fails a body that stalls, within about the timeout, naming the request', async () => {
    const started = Date.now()
    const error = await client()
      .download({ method: 'GET', path: '/stall' }, join(dir, 'stall.bin'))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MlflowRequestError)
    expect((error as Error).message).toMatch(/^GET \/stall → no answer within 0\.5 s\./)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('retries a 503 and then streams the answer', async () => {
    const target = join(dir, 'flaky.bin')
    const http = client(2)
    await http.download({ method: 'GET', path: '/flaky' }, target)
    expect(await readFile(target, 'utf8')).toBe('second time lucky')
    expect(http.roundTrips).toBe(2)
  })

  it('turns an MLflow error answer into one line', async () => {
    const error = await client()
      .download({ method: 'GET', path: '/missing' }, join(dir, 'missing.bin'))
      .catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/404 RESOURCE_DOES_NOT_EXIST: No such file/)
  })
})
