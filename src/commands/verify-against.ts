/**
 * `verify --against TRACKING_URI`: reads the bundled version from MLflow again and lists what
 * changed since the bundle was written. Reads only (no write-back); the store's credentials
 * come from the environment as for `check`.
 */
import { createEvidenceCollector } from '../collect/mlflow/assemble-evidence.js'
import { openStore } from '../collect/mlflow/open-store.js'
import type { MlflowStore } from '../collect/mlflow/store.js'
import { startDeadline } from '../collect/deadline.js'
import { evidenceChanges, type EvidenceChange } from '../core/bundle/evidence-changes.js'
import type { Evidence } from '../core/evidence/types.js'
import { withTempFolder } from '../temp-folders.js'

export async function changesSince(
  bundled: Evidence,
  trackingUri: string,
  env: Record<string, string | undefined>
): Promise<EvidenceChange[]> {
  const store = await openStore(trackingUri, env, { deadline: startDeadline(600) })
  try {
    const version = bundled.candidate.modelVersion.value
    const fresh = await withTempFolder('verify', (workDir) =>
      createEvidenceCollector(store, { now: () => new Date() }).collect({
        model: version.name,
        version: version.version,
        documents: [],
        downloadModel: true,
        workDir,
        change: {}
      })
    )
    return evidenceChanges(bundled, fresh)
  } finally {
    ;(store as MlflowStore & { close?: () => void }).close?.()
  }
}
