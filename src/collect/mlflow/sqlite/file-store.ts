/**
 * A tracking URI that is a folder (`./mlruns`, `file:` URIs) is not read, and the refusal says what the
 * folder really is, since people pass one for three different reasons:
 * - MLflow 3's default local layout: `mlflow.db` (the store) beside `mlruns/` (only its artifacts).
 *   Nothing to migrate; the fix is the `sqlite:///` URI of that database.
 * - MLflow's legacy file store (experiments with `meta.yaml` under `mlruns/`): an undocumented internal
 *   format MLflow deprecated in favour of SQLite. MLflow 3 ships the conversion, `mlflow migrate-filestore
 *   --source <folder holding mlruns/> --target sqlite:///<db>`; the refusal names the exact command.
 * - A path that does not exist, or is something else: said as it is.
 * Every command (check, inspect, promote, …) refuses through `localStoreRefusal`, so they say the same.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { invalid, type GateError } from '../../../core/errors.js'

/** Experiment folders looked at before deciding a folder is not a legacy store (a large mlruns is slow). */
const MAX_EXPERIMENTS_SCANNED = 200

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** `mlruns/<experiment>/meta.yaml` (or `.trash`, `models/`) is what only the legacy file store writes. */
function holdsLegacyStore(mlruns: string): boolean {
  let entries: string[]
  try {
    entries = readdirSync(mlruns).slice(0, MAX_EXPERIMENTS_SCANNED)
  } catch {
    return false
  }
  return entries.some((entry) => isFile(join(mlruns, entry, 'meta.yaml')))
}

/** `sqlite:///` plus an absolute path gives MLflow's four-slash absolute form. */
export function sqliteUriOf(databasePath: string): string {
  return `sqlite:///${resolve(databasePath)}`
}

/** The exact conversion command for a legacy store whose `mlruns/` is in `root`. */
export function migrateCommand(root: string): string {
  return `mlflow migrate-filestore --source ${root} --target ${sqliteUriOf(join(root, 'mlflow.db'))}`
}

/** The legacy-store refusal, in one wording for every command. */
export function legacyStoreRefusal(uri: string, root: string): GateError {
  const target = sqliteUriOf(join(root, 'mlflow.db'))
  return invalid(
    `Tracking URI "${uri}" is a legacy MLflow file store (an mlruns folder), which aims-gate does not read. ` +
      `Fix: convert it once with MLflow 3 (3.10 or later): ${migrateCommand(root)} — ` +
      `then pass --tracking-uri ${target}.`
  )
}

/**
 * The GateError('invalid') for a `file:` URI or a plain path, after looking at what is there: the sqlite
 * URI for MLflow 3's default layout, the migration command for a legacy store, or what is wrong.
 */
export function localStoreRefusal(uri: string, path: string): GateError {
  const folder = resolve(path)
  if (!existsSync(folder)) {
    return invalid(
      `Tracking URI "${uri}": ${path} does not exist. Fix: pass the local store as sqlite:///path/to/mlflow.db ` +
        '(relative to the working directory; sqlite:////absolute/path for an absolute one), or a server URL.'
    )
  }
  if (!isDirectory(folder)) {
    return invalid(
      `Tracking URI "${uri}" is a file, not an MLflow store folder. Fix: if it is MLflow's SQLite database, ` +
        `pass --tracking-uri ${sqliteUriOf(folder)}.`
    )
  }
  const root = basename(folder) === 'mlruns' ? dirname(folder) : folder
  const database = join(root, 'mlflow.db')
  if (isFile(database)) {
    return invalid(
      `Tracking URI "${uri}" is the artifact folder of MLflow's local store; the store itself is ${database} ` +
        `(MLflow 3's default layout, nothing to migrate). Fix: pass --tracking-uri ${sqliteUriOf(database)}.`
    )
  }
  if (holdsLegacyStore(join(root, 'mlruns')) || holdsLegacyStore(folder)) return legacyStoreRefusal(uri, root)
  return invalid(
    `Tracking URI "${uri}" is a folder that holds no MLflow store (no mlflow.db, no mlruns/ experiments). ` +
      'Fix: pass the local store as sqlite:///path/to/mlflow.db, or a server URL (http://host:5000).'
  )
}
