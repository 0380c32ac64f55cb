/**
 * Starts and stops a real MLflow tracking server from one of the project's venvs
 * (`.venvs/mlflow2`, `.venvs/mlflow3`), listening on 127.0.0.1 only.
 *
 * The server runs in its own process group so stopping it also stops its gunicorn/uvicorn
 * workers; an exit hook kills any group still alive, so a crashed test run leaves no orphans.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import type { Flavour } from './seed-manifest.js'
import { venvBin } from './python.js'

export interface StartOptions {
  flavour: Flavour
  /** Repository root (the venvs live in `<root>/.venvs`). */
  root: string
  /** Temporary folder owned by this server: database, artifacts, log. */
  workDir: string
  /** Give up when `/health` has not answered by then (default 120 s). */
  timeoutMs?: number
}

export interface RunningServer {
  flavour: Flavour
  uri: string
  port: number
  dbPath: string
  artifactsDir: string
  logPath: string
  stop(): Promise<void>
}

const live = new Set<number>()
let exitHookInstalled = false

/** Synchronous last resort: `exit` handlers cannot wait, so SIGKILL whatever is still running. */
function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const pid of live) killGroup(pid, 'SIGKILL')
  })
}

/** Kill this detached process group when the test process exits, unless it ended first. */
export function trackProcessGroup(pid: number): () => void {
  live.add(pid)
  installExitHook()
  return () => live.delete(pid)
}

export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // Already gone.
  }
}

/** Asks the OS for a free port on 127.0.0.1 (closed again before MLflow binds it). */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** The last lines of a log file, for error messages. */
export function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

export async function startMlflowServer(options: StartOptions): Promise<RunningServer> {
  const { flavour, root, workDir } = options
  const port = await freePort()
  const dbPath = path.join(workDir, 'mlflow.db')
  const artifactsDir = path.join(workDir, 'mlartifacts')
  const logPath = path.join(workDir, 'server.log')
  // These flags mean the same on MLflow 2.22 and 3.x; 3.x accepts a 127.0.0.1 Host by default.
  const args = [
    'server',
    '--backend-store-uri',
    `sqlite:///${dbPath}`,
    '--artifacts-destination',
    artifactsDir,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--workers',
    '1'
  ]
  const log = openSync(logPath, 'a')
  let child: ChildProcess
  try {
    child = spawn(venvBin(root, flavour, 'mlflow'), args, {
      cwd: workDir,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, PYTHONUNBUFFERED: '1' }
    })
  } finally {
    closeSync(log)
  }
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start the ${flavour} MLflow server`)
  const untrack = trackProcessGroup(pid)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let hasExited = false
  void exited.then(() => {
    hasExited = true
    untrack()
  })

  const stop = async (): Promise<void> => {
    if (hasExited) {
      killGroup(pid, 'SIGKILL') // leftover workers, if any
      return
    }
    killGroup(pid, 'SIGTERM')
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000))
    if ((await Promise.race([exited, timer])) === 'timeout') {
      killGroup(pid, 'SIGKILL')
      await exited
    }
    // Workers can outlive a master that exits first: clear the group either way.
    killGroup(pid, 'SIGKILL')
    untrack()
  }

  const uri = `http://127.0.0.1:${port}`
  const deadline = Date.now() + (options.timeoutMs ?? 120_000)
  while (true) {
    if (hasExited) {
      throw new Error(`the ${flavour} MLflow server exited while starting; log tail:\n${logTail(logPath)}`)
    }
    if (await healthy(uri)) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`the ${flavour} MLflow server did not answer /health in time; log tail:\n${logTail(logPath)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  return { flavour, uri, port, dbPath, artifactsDir, logPath, stop }
}

async function healthy(uri: string): Promise<boolean> {
  try {
    const response = await fetch(`${uri}/health`, { signal: AbortSignal.timeout(2_000) })
    return response.ok
  } catch {
    return false
  }
}
