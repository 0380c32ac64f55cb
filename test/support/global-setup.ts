/**
 * Global setup of the `integration` project: one real MLflow server per venv (2.22 and 3.x),
 * each seeded by `test/python/seed.py`, built in parallel once per test run. Tests read them with
 * `servers()` from `./servers.js`. Teardown stops the servers and removes their folders.
 * A store seeded once is cached under `.tmp/` and reused while its inputs are unchanged
 * (see `seed-cache.ts`; `AIMS_GATE_RESEED=1` forces seeding).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { startMlflowServer, type RunningServer } from './mlflow-server.js'
import { venvProgram } from './python.js'
import { restoreSeededStore, saveSeededStore, seedCacheKey } from './seed-cache.js'
import type { Flavour, SeededServer, SeedManifest } from './seed-manifest.js'
import { seedStore } from './seed-store.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const flavours: Flavour[] = ['mlflow2', 'mlflow3']

interface Built {
  server?: RunningServer
  workDir: string
  seeded?: SeededServer
  error?: unknown
}

const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`

async function build(flavour: Flavour): Promise<Built> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), `aims-gate-${flavour}-`))
  const built: Built = { workDir }
  try {
    venvProgram(flavour, 'mlflow')
    const key = await seedCacheKey(root, flavour)
    const cached = await restoreSeededStore(root, flavour, key, workDir)
    const started = Date.now()
    built.server = await startMlflowServer({ flavour, root, workDir })
    const up = seconds(started)
    let manifest: SeedManifest
    if (cached) {
      manifest = cached
      console.log(`[mlflow] ${flavour} ${manifest.mlflowVersion}: server up in ${up} on a cached seeded store`)
    } else {
      const seeding = Date.now()
      manifest = await seedStore({ flavour, root, trackingUri: built.server.uri, workDir })
      console.log(`[mlflow] ${flavour} ${manifest.mlflowVersion}: server up in ${up}, seeded in ${seconds(seeding)}`)
      await saveSeededStore(root, flavour, key, workDir)
    }
    built.seeded = {
      flavour,
      mlflowVersion: manifest.mlflowVersion,
      uri: built.server.uri,
      dbPath: built.server.dbPath,
      artifactsDir: built.server.artifactsDir,
      manifest
    }
  } catch (error) {
    built.error = error
  }
  return built
}

async function dispose(built: Built[]): Promise<void> {
  await Promise.all(
    built.map(async (b) => {
      await b.server?.stop()
      await rm(b.workDir, { recursive: true, force: true })
    })
  )
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const built = await Promise.all(flavours.map(build))
  const failed = built.filter((b) => b.error !== undefined)
  if (failed.length > 0) {
    await dispose(built)
    throw new AggregateError(
      failed.map((b) => b.error),
      'could not build the MLflow test stores'
    )
  }
  project.provide('mlflow', { servers: built.map((b) => b.seeded as SeededServer) })
  return async () => dispose(built)
}
