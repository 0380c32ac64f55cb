/**
 * Ctrl-C in the middle of a model download, on what ships: dist/cli.js gates a real seeded
 * version through a proxy in front of the real server that forwards everything but stops the
 * ONNX graph's download after its first bytes. Once part of the model is on disk in the gate's
 * temporary folder (TMPDIR points at this test's folder), SIGINT: the folder is gone, one line
 * is printed, the exit code is 130, and nothing says the release is allowed.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../support/action-runner.js'
import { assertBundleFresh, CLI } from '../support/cli-runner.js'
import { servers, type SeededServer } from '../support/servers.js'

const NODE = path.join(ROOT, 'node_modules', '.bin', 'node')
const workRoot = path.join(ROOT, '.tmp', `dist-interrupt-${randomUUID()}`)

beforeAll(() => assertBundleFresh())
afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

/** Forwards to the server; a response for `model.onnx` sends its head and first chunk, then hangs. */
async function stallingProxy(upstream: string): Promise<{ uri: string; close: () => Promise<void> }> {
  const target = new URL(upstream)
  const server: Server = createServer((req, res) => {
    const forwarded = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        if (!decodeURIComponent(req.url ?? '').includes('model.onnx')) {
          answer.pipe(res)
          return
        }
        answer.once('data', (chunk: Buffer) => {
          res.write(chunk)
          answer.pause()
        })
      }
    )
    req.pipe(forwarded)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    uri: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
    }
  }
}

/** A partly downloaded model.onnx somewhere under `dir`. */
async function partialOnnx(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[])
  for (const entry of entries) {
    if (path.basename(entry) === 'model.onnx' && (await stat(path.join(dir, entry)).catch(() => undefined))?.size)
      return true
  }
  return false
}

describe.each(servers().map((s) => [s.flavour, s] as const))(
  'dist/cli.js interrupted during a model download from %s',
  (flavour, s: SeededServer) => {
    it('removes the folder with the partial model, prints one line and exits 130', async () => {
      const proxy = await stallingProxy(s.uri)
      const tmp = path.join(workRoot, flavour, 'tmp')
      await mkdir(tmp, { recursive: true })
      try {
        const child = spawn(
          NODE,
          [
            CLI,
            'check',
            '--tracking-uri',
            proxy.uri,
            '--model',
            'credit-risk',
            '--alias',
            'challenger',
            '--card-dir',
            path.join(workRoot, flavour, 'cards')
          ],
          {
            cwd: path.join(workRoot, flavour),
            env: { PATH: process.env.PATH ?? '', HOME: workRoot, TMPDIR: tmp }
          }
        )
        let stderr = ''
        let stdout = ''
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
        const closed = new Promise<number | null>((done) => child.on('close', (code) => done(code)))
        const deadline = Date.now() + 60_000
        while (!(await partialOnnx(tmp))) {
          if (Date.now() > deadline) throw new Error(`the model download never started; stderr: ${stderr}`)
          await new Promise((done) => setTimeout(done, 50))
        }
        expect((await readdir(tmp)).some((name) => name.startsWith('aims-gate-check-'))).toBe(true)
        child.kill('SIGINT')
        expect(await closed).toBe(130)
        expect(await readdir(tmp)).toEqual([])
        expect(stderr.trim().split('\n'), stderr).toEqual([
          expect.stringMatching(/^aims-gate: interrupted \(SIGINT\); temporary files removed/)
        ])
        expect(stdout).toBe('')
      } finally {
        await proxy.close()
      }
    })
  }
)
