/**
 * `EvidenceCollector` on top of any `MlflowReader` (REST server or local SQLite store): resolves the
 * candidate (version or alias), the registered model and the baseline alias, and assembles each
 * version's evidence. Everything store-independent lives here, so two stores holding the same data
 * give equal `Evidence` (sorted keys and arrays, clock injected).
 *
 * The candidate must exist: an unknown model, version or alias is GateError('invalid') (exit 2,
 * nothing to evaluate). An unset baseline alias is evidence (`Missing`, reason `not-found`).
 */
import type { CollectRequest, EvidenceCollector } from '../collector.js'
import type { Clock } from '../../pipeline/ports.js'
import {
  EVIDENCE_SCHEMA_VERSION,
  type Evidence,
  type EvidenceItem,
  type ModelVersionEvidence,
  type RegisteredModelEvidence,
  type VersionEvidence
} from '../../core/evidence/types.js'
import { invalid } from '../../core/errors.js'
import { missing, present } from '../../core/evidence/items.js'
import { attempt, assembleVersion } from './assemble-version.js'
import type { MlflowReader } from './store.js'

export class MlflowEvidenceCollector implements EvidenceCollector {
  constructor(
    private readonly store: MlflowReader,
    private readonly clock: Clock
  ) {}

  async collect(request: CollectRequest): Promise<Evidence> {
    const collectedAt = this.clock.now().toISOString()
    const tracking = await this.store.info()
    const registered = await this.store.getRegisteredModel(request.model)
    const candidateVersion = await resolveCandidate(this.store, registered, request)
    const versionRequest = {
      documents: request.documents,
      downloadModel: request.downloadModel,
      workDir: request.workDir
    }
    const candidate = await assembleVersion(this.store, candidateVersion, versionRequest)

    let champion: EvidenceItem<VersionEvidence> = missing(
      'not-found',
      'No baseline alias was requested, so there is no version to compare with.'
    )
    if (request.baselineAlias !== undefined) {
      champion = await this.baseline(registered, request.baselineAlias, candidateVersion, candidate, versionRequest)
    }

    return {
      schemaVersion: EVIDENCE_SCHEMA_VERSION,
      collectedAt,
      tracking,
      registeredModel: present(registered, { source: 'mlflow-registry', uri: `models:/${registered.name}` }),
      candidate,
      champion,
      // The card source lives in the repository; the pipeline reads it and replaces this item.
      cardSource: missing('not-found', 'The card source is read from the repository by the pipeline, not from MLflow.'),
      change: request.change
    }
  }

  private async baseline(
    registered: RegisteredModelEvidence,
    alias: string,
    candidateVersion: ModelVersionEvidence,
    candidate: VersionEvidence,
    versionRequest: Parameters<typeof assembleVersion>[2]
  ): Promise<EvidenceItem<VersionEvidence>> {
    const found = await attempt(
      () => this.store.getModelVersionByAlias(registered.name, alias),
      `version behind alias "${alias}" of ${registered.name}`
    )
    if (!found.ok) return found.missing
    if (found.value === undefined) {
      return missing(
        'not-found',
        `Model ${registered.name} has no "${alias}" alias, so there is no baseline to ` +
          `compare with. Fix: set the alias on the version in production (first release: ` +
          `waive the comparison).`
      )
    }
    const version = found.value
    // Same version as the candidate: reuse what was collected (and downloaded) already.
    const evidence =
      version.version === candidateVersion.version
        ? candidate
        : await assembleVersion(this.store, version, versionRequest)
    return present(evidence, {
      source: 'mlflow-registry',
      uri: `models:/${registered.name}@${alias}`,
      ...(version.runId ? { runId: version.runId } : {})
    })
  }
}

/** Convenience for callers that do not need the class. */
export function createEvidenceCollector(store: MlflowReader, clock: Clock): EvidenceCollector {
  return new MlflowEvidenceCollector(store, clock)
}

async function resolveCandidate(
  store: MlflowReader,
  registered: RegisteredModelEvidence,
  request: CollectRequest
): Promise<ModelVersionEvidence> {
  if ((request.version === undefined) === (request.alias === undefined)) {
    throw invalid(
      `Collecting evidence for ${request.model} needs exactly one of a version or an ` +
        `alias. Fix: pass --version N or --alias A.`
    )
  }
  if (request.version !== undefined) return store.getModelVersion(registered.name, request.version)
  const alias = request.alias as string
  const version = await store.getModelVersionByAlias(registered.name, alias)
  if (version === undefined) {
    const known = Object.entries(registered.aliases).map(([a, v]) => `${a}→${v}`)
    throw invalid(
      `Model ${registered.name} has no alias "${alias}" ` +
        `(${known.length > 0 ? `aliases: ${known.join(', ')}` : 'it has no aliases'}). ` +
        `Fix: set the alias in the MLflow registry or pass --version N.`
    )
  }
  return version
}
