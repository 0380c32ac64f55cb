/**
 * A fault-injecting HTTP proxy (node:http, 127.0.0.1) in front of a real MLflow server. Each test
 * says which kind of request breaks and how (`configure`); everything else is forwarded as is, so
 * the gate talks to real MLflow except where a test says otherwise.
 *
 *   const proxy = await startFaultProxy(server('mlflow3').uri)
 *   proxy.configure([{ on: 'registry', fault: { kind: 'status', status: 503 }, times: 2 }])
 *   // … run the CLI against proxy.uri …
 *   await proxy.stop()
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { gzipSync } from 'node:zlib'

/** The kinds of request a gate run sends, told apart by method and path. */
export type RequestClass =
  | 'version'
  | 'registry'
  | 'run'
  | 'logged-model'
  | 'artifact-list'
  | 'document'
  | 'artifact-download'
  | 'metric-history'
  | 'other'

export type Fault =
  /** Close the connection before any byte of an answer. */
  | { kind: 'reset-before' }
  /** Forward the real answer's headers and half its body, then close the connection. */
  | { kind: 'reset-mid-body' }
  /** Wait, then forward (a server slower than the client's timeout). */
  | { kind: 'delay'; ms: number }
  /** Answer with this instead of forwarding. */
  | { kind: 'answer'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  /** Forward, but cut the real JSON answer in half (with a matching Content-Length). */
  | { kind: 'truncate' }
  /** Forward, with the real JSON answer rewritten (wrong types). */
  | { kind: 'rewrite-json'; rewrite: (json: unknown) => unknown }
  /** 200 with `Content-Encoding: gzip`: a small body that decodes to `decodedBytes` zeros. */
  | { kind: 'gzip-bomb'; decodedBytes: number }
  /** 200 declaring `declaredBytes`, sending `chunkBytes` every `everyMs` until the client leaves. */
  | { kind: 'trickle'; declaredBytes: number; chunkBytes: number; everyMs: number }
  /** An error answer that quotes the request's Authorization header and the Basic password. */
  | { kind: 'echo-credentials'; status: number; format: 'text' | 'mlflow-json' | 'html' }

export interface FaultRule {
  on: RequestClass
  fault: Fault
  /** How many matching requests get the fault; absent = all of them. */
  times?: number
}

export interface SeenRequest {
  method: string
  path: string
  requestClass: RequestClass
  /** The fault applied, if any. */
  fault?: Fault['kind']
}

export interface FaultProxy {
  uri: string
  configure(rules: FaultRule[]): void
  /** Every request since the last `configure`. */
  readonly seen: SeenRequest[]
  stop(): Promise<void>
}

const ARTIFACTS = '/api/2.0/mlflow-artifacts/artifacts'

export function classify(method: string, url: URL): RequestClass {
  const path = url.pathname
  if (path === '/version') return 'version'
  if (/\/api\/2\.0\/mlflow\/(registered-models|model-versions)\//.test(path)) return 'registry'
  if (path.endsWith('/mlflow/runs/get')) return 'run'
  if (path.endsWith('/mlflow/metrics/get-history')) return 'metric-history'
  if (
    path === ARTIFACTS ||
    path.endsWith('/mlflow/artifacts/list') ||
    /\/logged-models\/[^/]+\/artifacts\/directories$/.test(path)
  )
    return 'artifact-list'
  if (/\/mlflow\/logged-models\/[^/]+$/.test(path)) return 'logged-model'
  const downloaded = path.startsWith(`${ARTIFACTS}/`)
    ? decodeURIComponent(path)
    : path === '/get-artifact'
      ? (url.searchParams.get('path') ?? '')
      : undefined
  if (downloaded !== undefined && method === 'GET') return downloaded.endsWith('.md') ? 'document' : 'artifact-download'
  return 'other'
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream)
  let rules: Array<FaultRule & { used: number }> = []
  let seen: SeenRequest[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    const requestClass = classify(req.method ?? 'GET', url)
    const rule = rules.find((r) => r.on === requestClass && (r.times === undefined || r.used < r.times))
    const record: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, requestClass }
    seen.push(record)
    if (rule === undefined) return forward(req, res)
    rule.used++
    record.fault = rule.fault.kind
    apply(rule.fault, req, res)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  function later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer)
      fn()
    }, ms)
    timers.add(timer)
  }

  /** Sends the request upstream; `onAnswer` gets the status, headers and whole body. */
  function upstreamAnswer(
    req: IncomingMessage,
    onAnswer: (status: number, headers: IncomingMessage['headers'], body: Buffer) => void,
    onError: () => void
  ): void {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const out = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host, 'accept-encoding': 'identity' }
        },
        (answer) => {
          const body: Buffer[] = []
          answer.on('data', (chunk: Buffer) => body.push(chunk))
          answer.on('end', () => onAnswer(answer.statusCode ?? 502, answer.headers, Buffer.concat(body)))
          answer.on('error', onError)
        }
      )
      out.on('error', onError)
      out.end(Buffer.concat(chunks))
    })
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    upstreamAnswer(
      req,
      (status, headers, body) => {
        res.writeHead(status, { ...withoutLength(headers), 'content-length': String(body.byteLength) })
        res.end(body)
      },
      () => res.destroy()
    )
  }

  function apply(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
    switch (fault.kind) {
      case 'reset-before':
        req.socket.destroy()
        return
      case 'reset-mid-body':
        upstreamAnswer(
          req,
          (status, headers, body) => {
            res.writeHead(status, { ...withoutLength(headers), 'content-length': String(Math.max(body.byteLength, 2)) })
            res.write(body.subarray(0, Math.floor(body.byteLength / 2)))
            later(20, () => res.destroy())
          },
          () => res.destroy()
        )
        return
      case 'delay':
        later(fault.ms, () => forward(req, res))
        return
      case 'answer': {
        const body = fault.body ?? ''
        res.writeHead(fault.status, {
          'content-type': fault.contentType ?? 'text/plain',
          'content-length': String(Buffer.byteLength(body)),
          ...fault.headers
        })
        res.end(body)
        return
      }
      case 'truncate':
      case 'rewrite-json':
        upstreamAnswer(
          req,
          (status, headers, body) => {
            let out: Buffer
            if (fault.kind === 'truncate') out = body.subarray(0, Math.floor(body.byteLength / 2))
            else out = Buffer.from(JSON.stringify(fault.rewrite(JSON.parse(body.toString('utf8')))))
            res.writeHead(status, { ...withoutLength(headers), 'content-length': String(out.byteLength) })
            res.end(out)
          },
          () => res.destroy()
        )
        return
      case 'gzip-bomb': {
        const body = bomb(fault.decodedBytes)
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-encoding': 'gzip',
          'content-length': String(body.byteLength)
        })
        res.end(body)
        return
      }
      case 'trickle': {
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(fault.declaredBytes)
        })
        let sent = 0
        const tick = (): void => {
          if (res.destroyed || sent >= fault.declaredBytes) return
          const size = Math.min(fault.chunkBytes, fault.declaredBytes - sent)
          sent += size
          res.write(Buffer.alloc(size, 0x61))
          later(fault.everyMs, tick)
        }
        tick()
        return
      }
      case 'echo-credentials': {
        const authorization = req.headers.authorization ?? ''
        const password = basicPassword(authorization)
        const echoed = `Authorization: ${authorization} (password ${password})`
        const [contentType, body] =
          fault.format === 'mlflow-json'
            ? ['application/json', JSON.stringify({ error_code: 'PERMISSION_DENIED', message: `Rejected ${echoed}` })]
            : fault.format === 'html'
              ? [
                  'text/html',
                  `<html><head><title>Denied: ${echoed}</title></head><body><h1>${echoed}</h1></body></html>`
                ]
              : ['text/plain', `Rejected request with ${echoed}`]
        res.writeHead(fault.status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) })
        res.end(body)
        return
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    uri: `http://127.0.0.1:${port}`,
    configure(next) {
      rules = next.map((rule) => ({ ...rule, used: 0 }))
      seen = []
    },
    get seen() {
      return seen
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer)
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

const bombs = new Map<number, Buffer>()
/** Compressing hundreds of MiB takes a while: once per size. */
function bomb(decodedBytes: number): Buffer {
  let body = bombs.get(decodedBytes)
  if (body === undefined) {
    body = gzipSync(Buffer.alloc(decodedBytes), { level: 9 })
    bombs.set(decodedBytes, body)
  }
  return body
}

function withoutLength(headers: IncomingMessage['headers']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined && key !== 'content-length' && key !== 'transfer-encoding' && key !== 'connection')
      out[key] = value
  }
  return out
}

function basicPassword(authorization: string): string {
  const match = /^Basic\s+(\S+)/i.exec(authorization)
  if (!match?.[1]) return ''
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  return decoded.slice(decoded.indexOf(':') + 1)
}
