/**
 * What promotion needs from MLflow: registry reads and the few writes (alias, model and version
 * tags). Only a tracking server offers them; the local sqlite:/// store is read-only.
 */
import { invalid } from '../../core/errors.js'
import type { MlflowStore, WritableMlflowStore } from '../../collect/mlflow/store.js'

export type RegistryWriter = WritableMlflowStore

export function registryWriter(store: MlflowStore, command: string): RegistryWriter {
  if (store.writable) return store
  throw readOnlyStore(command)
}

export const readOnlyStore = (command: string) =>
  invalid(
    `${command} moves an MLflow alias, which needs a tracking server: a local ` +
      `sqlite:/// store is read-only to aims-gate. Fix: point --tracking-uri (or ` +
      `MLFLOW_TRACKING_URI) at the MLflow tracking server that serves this store ` +
      `(mlflow server --backend-store-uri sqlite:///…).`
  )
