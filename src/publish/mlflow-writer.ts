/**
 * Adapts a store with write operations (the REST store: `setModelVersionTag`, `uploadArtifact`
 * below an artifact root) to the `MlflowWriter` that write-back uses. Uploads are addressed by
 * run id; the run's artifact root is looked up once per run.
 */
import { evidenceError } from '../core/errors.js'
import type { MlflowWriter } from './mlflow-writeback.js'

export interface StoreWriteOps {
  getRun(runId: string): Promise<{ artifactUri: string } | undefined>
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>
  uploadArtifact(rootUri: string, relPath: string, body: Uint8Array, contentType?: string): Promise<void>
}

export function mlflowWriterFor(store: StoreWriteOps): MlflowWriter {
  const roots = new Map<string, Promise<string>>()
  const artifactRoot = (runId: string): Promise<string> => {
    let root = roots.get(runId)
    if (root === undefined) {
      root = store.getRun(runId).then((run) => {
        if (run === undefined)
          throw evidenceError(
            `Run ${runId} does not exist on the tracking server, so the card and report cannot be attached to it.`
          )
        return run.artifactUri
      })
      roots.set(runId, root)
    }
    return root
  }
  return {
    setModelVersionTag: (name, version, key, value) => store.setModelVersionTag(name, version, key, value),
    uploadRunArtifact: async (runId, path, bytes, contentType) =>
      store.uploadArtifact(await artifactRoot(runId), path, bytes, contentType)
  }
}
