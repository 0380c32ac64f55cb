/**
 * Runs `test/python/seed.py` from a venv against a tracking URI and returns the manifest it wrote.
 */
import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { killGroup, logTail, trackProcessGroup } from './mlflow-server.js'
import { venvBin } from './python.js'
import type { Flavour, SeedManifest } from './seed-manifest.js'

export interface SeedOptions {
  flavour: Flavour
  root: string
  trackingUri: string
  /** Where the manifest and the seeding log go. */
  workDir: string
  /** Limit to these registered models (default: all). */
  only?: string[]
  timeoutMs?: number
}

export async function seedStore(options: SeedOptions): Promise<SeedManifest> {
  const { flavour, root, trackingUri, workDir } = options
  const manifestPath = path.join(workDir, 'seed-manifest.json')
  const logPath = path.join(workDir, 'seed.log')
  const args = [
    path.join(root, 'test', 'python', 'seed.py'),
    '--tracking-uri',
    trackingUri,
    '--data',
    path.join(root, 'data', 'adult', 'adult.csv'),
    '--manifest',
    manifestPath,
    ...(options.only ?? []).flatMap((name) => ['--only', name])
  ]
  const log = openSync(logPath, 'a')
  const child = (() => {
    try {
      return spawn(venvBin(root, flavour, 'python'), args, {
        cwd: root,
        detached: true,
        stdio: ['ignore', log, log],
        env: { ...process.env, PYTHONUNBUFFERED: '1' }
      })
    } finally {
      closeSync(log)
    }
  })()
  const untrack = child.pid === undefined ? () => true : trackProcessGroup(child.pid)
  const timeoutMs = options.timeoutMs ?? 480_000
  const code = await new Promise<number | string>((resolve) => {
    const timer = setTimeout(() => {
      if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL')
      resolve('timeout')
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      resolve(error.message)
    })
    child.once('exit', (exitCode, signal) => {
      clearTimeout(timer)
      resolve(exitCode ?? String(signal))
    })
  })
  untrack()
  if (code !== 0) {
    throw new Error(`seeding the ${flavour} store failed (${code}); log tail:\n${logTail(logPath)}`)
  }
  return JSON.parse(await readFile(manifestPath, 'utf8')) as SeedManifest
}
