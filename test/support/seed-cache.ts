/**
 * Keeps a copy of each freshly seeded server store in `<repo>/.tmp/mlflow-seed-cache/`, so later
 * test runs on the same machine start their server on a copy instead of seeding again (seeding
 * takes a minute or more per store on two cores; starting on a copy takes seconds).
 *
 * A server store is relocatable: the database refers to artifacts only as `mlflow-artifacts:/…`,
 * relative to the server's `--artifacts-destination`. The cache key covers everything the content
 * depends on (seeding scripts, data, pinned requirements), so a change reseeds. A fresh clone has
 * no cache; `AIMS_GATE_RESEED=1` ignores it.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, readdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Flavour, SeedManifest } from './seed-manifest.js'

const CACHE_FORMAT = '1'
const STORE_ENTRIES = ['mlflow.db', 'mlartifacts', 'seed-manifest.json']

export async function seedCacheKey(root: string, flavour: Flavour): Promise<string> {
  const pythonDir = path.join(root, 'test', 'python')
  const seedFiles = (await readdir(pythonDir)).filter((f) => /^seed.*\.py$/.test(f)).sort()
  const inputs = [
    ...seedFiles.map((f) => path.join(pythonDir, f)),
    path.join(pythonDir, `requirements-${flavour}.txt`),
    path.join(root, 'data', 'adult', 'adult.csv')
  ]
  const hash = createHash('sha256').update(`${CACHE_FORMAT}\0${flavour}\0`)
  for (const file of inputs) {
    hash
      .update(path.relative(root, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

function cacheDir(root: string, flavour: Flavour, key: string): string {
  return path.join(root, '.tmp', 'mlflow-seed-cache', `${flavour}-${key}`)
}

/** Copies a cached store into `workDir` (before the server starts); its manifest, or undefined. */
export async function restoreSeededStore(
  root: string,
  flavour: Flavour,
  key: string,
  workDir: string
): Promise<SeedManifest | undefined> {
  if (process.env.AIMS_GATE_RESEED === '1') return undefined
  const dir = cacheDir(root, flavour, key)
  if (!STORE_ENTRIES.every((entry) => existsSync(path.join(dir, entry)))) return undefined
  for (const entry of STORE_ENTRIES) {
    await cp(path.join(dir, entry), path.join(workDir, entry), { recursive: true })
  }
  return JSON.parse(await readFile(path.join(workDir, 'seed-manifest.json'), 'utf8')) as SeedManifest
}

/** Saves a just-seeded store (server idle, before any test writes to it). Never throws. */
export async function saveSeededStore(root: string, flavour: Flavour, key: string, workDir: string): Promise<void> {
  const dir = cacheDir(root, flavour, key)
  if (existsSync(dir)) return
  // Copy beside the target, then rename: a concurrent run never sees a half-written cache.
  const partial = `${dir}.partial-${process.pid}`
  try {
    for (const entry of STORE_ENTRIES) {
      await cp(path.join(workDir, entry), path.join(partial, entry), { recursive: true })
    }
    await rename(partial, dir)
  } catch {
    // Another run saved it first, or the disk is full: the cache is only an optimisation.
  } finally {
    await rm(partial, { recursive: true, force: true })
  }
}
