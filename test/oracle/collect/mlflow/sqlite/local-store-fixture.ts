/**
 * Builds small MLflow local stores for the tests, with the real MLflow releases in the project's
 * Python venvs (test/python/make_local_store.py), in a throw-away folder from
 * test/support/repo-temp.ts. Nothing binary is committed: every run writes its own databases.
 */
import { join } from 'node:path'
import { pythonScript, runPython } from '../../../../support/python.js'

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

/** Writes a local store with the given MLflow release into `<parent>/<flavour>`. */
export function makeLocalStore(flavour: Flavour, parent: string): LocalStore {
  const dir = join(parent, flavour)
  const stdout = runPython(flavour, [pythonScript('make_local_store.py'), dir], {
    env: { ...process.env, MLFLOW_TRACKING_URI: '', PYTHONWARNINGS: 'ignore' },
    timeout: 240_000
  })
  const manifest = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LocalStore['manifest']
  const dbPath = join(dir, 'mlflow.db')
  return { flavour, dir, dbPath, uri: `sqlite:///${dbPath}`, manifest }
}

/** What MLflow's own store answers for the same file, as REST JSON (test/python/dump_local_store.py). */
export function dumpWithMlflow(store: LocalStore): MlflowDump {
  const stdout = runPython(
    store.flavour,
    [pythonScript('dump_local_store.py'), store.uri, store.manifest.model, ...store.manifest.versions],
    { env: { ...process.env, PYTHONWARNINGS: 'ignore' }, timeout: 240_000 }
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
