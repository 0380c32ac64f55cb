/**
 * What `inspect`, `diff` and `init` share: open the store the options name (with the gate's default
 * deadline, retries announced on stderr), collect one version's evidence and its baseline without
 * evaluating a policy, and release the store and any temporary folder however that ends.
 */
import { resolve } from 'node:path'
import type { Clock } from '../pipeline/ports.js'
import { DEFAULT_DEADLINE_SECONDS, startDeadline } from '../collect/deadline.js'
import { MlflowEvidenceCollector } from '../collect/mlflow/assemble-evidence.js'
import { openStore, type OpenStoreOptions } from '../collect/mlflow/open-store.js'
import type { MlflowStore } from '../collect/mlflow/store.js'
import { resolveTrackingUri } from '../collect/mlflow/tracking-uri.js'
import type { Evidence } from '../core/evidence/types.js'
import type { ModelRef } from '../core/model-ref.js'
import { withTempFolder } from '../temp-folders.js'
import type { CommandIO } from './command.js'

export type OpenStore = (uri: string, env: CommandIO['env'], options: OpenStoreOptions) => Promise<MlflowStore>

/** What the commands that read one version's evidence (inspect, init) can be given in tests. */
export interface EvidenceCommandDeps {
  clock?: Clock
  openStore?: OpenStore
}

/** The given clock, else the system's. */
export const clockOf = (deps: EvidenceCommandDeps): Clock => deps.clock ?? { now: () => new Date() }

export interface EvidenceRequest {
  command: 'inspect' | 'diff' | 'init'
  ref: ModelRef
  baselineAlias: string
  trackingUri: string | undefined
  timeoutSeconds?: number
  documents?: string[]
  downloadModel?: boolean
  /** Where downloaded models go; absent = a temporary folder, removed afterwards. */
  workDir?: string
}

export async function readEvidence(
  request: EvidenceRequest,
  io: CommandIO,
  clock: Clock,
  open: OpenStore = openStore
): Promise<Evidence> {
  const trackingUri = resolveTrackingUri(request.trackingUri, io.env)
  const store = await open(trackingUri, io.env, {
    deadline: startDeadline(DEFAULT_DEADLINE_SECONDS),
    log: (line) => io.stderr(`${line}\n`),
    ...(request.timeoutSeconds === undefined ? {} : { timeoutSeconds: request.timeoutSeconds })
  })
  const { ref } = request
  const collect = (workDir: string): Promise<Evidence> =>
    new MlflowEvidenceCollector(store, clock).collect({
      model: ref.model,
      ...(ref.version !== undefined ? { version: ref.version } : { alias: ref.alias as string }),
      baselineAlias: request.baselineAlias,
      documents: request.documents ?? [],
      downloadModel: request.downloadModel ?? false,
      workDir,
      change: {}
    })
  try {
    // The collector wants a folder even when nothing is downloaded: a temporary one unless given;
    // the evidence keeps the digests of what was downloaded, not the files.
    return request.workDir === undefined
      ? await withTempFolder(request.command, collect)
      : await collect(resolve(io.cwd, request.workDir))
  } finally {
    // Local stores hold the database file open; REST stores have nothing to release.
    store.close()
  }
}
