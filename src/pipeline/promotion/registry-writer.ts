/**
 * What promotion needs from MLflow: registry reads and the few writes (alias, model and version
 * tags). Only a tracking server offers them; the local sqlite:/// store is read-only.
 */
import type { RegisteredModelEvidence } from '../../core/evidence/types.js'
import { invalid } from '../../core/errors.js'
import type { MlflowStore } from '../../collect/mlflow/store.js'

export interface RegistryWriter extends MlflowStore {
  getRegisteredModel(name: string): Promise<RegisteredModelEvidence>
  setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void>
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void>
  deleteRegisteredModelTag(name: string, key: string): Promise<void>
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>
}

export function registryWriter(store: MlflowStore, command: string): RegistryWriter {
  const candidate = store as MlflowStore & Partial<RegistryWriter>
  if (typeof candidate.setRegisteredModelAlias === 'function' && typeof candidate.setRegisteredModelTag === 'function') return candidate as RegistryWriter
  throw readOnlyStore(command)
}

export const readOnlyStore = (command: string) =>
  invalid(
    `${command} moves an MLflow alias, which needs a tracking server: a local sqlite:/// store is read-only to aims-gate. Fix: point --tracking-uri (or MLFLOW_TRACKING_URI) at the MLflow tracking server that serves this store (mlflow server --backend-store-uri sqlite:///…).`
  )
