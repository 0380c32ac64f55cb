/**
 * Builds small MLflow local stores for the tests, with the real MLflow releases in the project's
 * Python venvs (test/python/make_local_store.py), in a throw-away folder below the repository's
 * git-ignored .tmp/. Nothing binary is committed: every run writes its own databases.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const REPO = resolve(import.meta.dirname, '../../../../..')
export type Flavour = 'mlflow2' | 'mlflow3'
export const FLAVOURS: Flavour[] = ['mlflow2', 'mlflow3']

/** The schema head each venv's MLflow writes (read from real databases and the alembic scripts). */
export const EXPECTED_REVISION: Record<Flavour, string> = { mlflow2: '0584bdc529eb', mlflow3: 'dc11669786a5' }

export interface LocalStore {
  flavour: Flavour
  /** Folder holding mlflow.db and mlruns/. */
  dir: string
  dbPath: string
  uri: string
  manifest: {
    mlflowVersion: string
    model: string
    versions: string[]
    aliases: Record<string, string>
    runIds: string[]
    deletedRunId: string
  }
}

export function python(flavour: Flavour): string {
  const bin = join(REPO, '.venvs', flavour, 'bin', 'python')
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run "npm run python-envs" first.`)
  return bin
}

/** A fresh temporary folder below .tmp/ (removed by `removeTemp`). */
export function makeTemp(prefix: string): string {
  const base = join(REPO, '.tmp')
  mkdirSync(base, { recursive: true })
  return mkdtempSync(join(base, `${prefix}-`))
}

export function removeTemp(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
}

/** Writes a local store with the given MLflow release into `<parent>/<flavour>`. */
export function makeLocalStore(flavour: Flavour, parent: string): LocalStore {
  const dir = join(parent, flavour)
  const stdout = execFileSync(python(flavour), [join(REPO, 'test/python/make_local_store.py'), dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MLFLOW_TRACKING_URI: '', PYTHONWARNINGS: 'ignore' },
    timeout: 240_000
  })
  const manifest = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LocalStore['manifest']
  const dbPath = join(dir, 'mlflow.db')
  return { flavour, dir, dbPath, uri: `sqlite:///${dbPath}`, manifest }
}

/** What MLflow's own store answers for the same file, as REST JSON (test/python/dump_local_store.py). */
export function dumpWithMlflow(store: LocalStore): MlflowDump {
  const stdout = execFileSync(
    python(store.flavour),
    [join(REPO, 'test/python/dump_local_store.py'), store.uri, store.manifest.model, ...store.manifest.versions],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONWARNINGS: 'ignore' }, timeout: 240_000 }
  )
  return JSON.parse(stdout) as MlflowDump
}

export interface MlflowDump {
  registered_model: unknown
  versions: Record<string, unknown>
  aliases: Record<string, unknown>
  runs: Record<string, unknown>
  logged_models: Record<string, unknown>
}

/** SHA-256 of every file in a folder (names included), to prove nothing was written. */
export function folderFingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    try {
      out[name] = createHash('sha256').update(readFileSync(path)).digest('hex')
    } catch {
      out[name] = 'dir'
    }
  }
  return out
}
