/**
 * MLflow's legacy file store (`./mlruns`, `file:` tracking URIs) is not read: its layout is an
 * undocumented internal format that MLflow itself deprecated in favour of SQLite, and MLflow ships
 * the conversion (`mlflow migrate-filestore`, present in MLflow 3.17). The refusal names the exact
 * command for the folder given.
 */
import { basename, dirname, join, resolve } from 'node:path'
import { invalid } from '../../../core/errors.js'

/** The one-line GateError('invalid') for a `file:` URI or plain path (`./mlruns`). */
export function fileStoreRefusal(uri: string, path: string) {
  const folder = resolve(path)
  // migrate-filestore takes the folder holding mlruns/ (or the mlruns folder itself).
  const source = basename(folder) === 'mlruns' ? dirname(folder) : folder
  const target = join(source, 'mlflow.db')
  return invalid(
    `Tracking URI "${uri}" is an MLflow file store (an mlruns folder), which ` +
      `aims-gate does not read. Fix: convert it once with MLflow 3: mlflow ` +
      `migrate-filestore --source ${source} --target sqlite:///${target} — then pass ` +
      `--tracking-uri sqlite:///${target}.`
  )
}
