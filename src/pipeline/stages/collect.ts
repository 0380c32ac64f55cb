/**
 * The collect stage: open the store, gather the evidence the policy needs, add the repository's
 * card source and, when asked, the independent recompute and external approvals. Adapters only;
 * no decision is made here.
 */
import path from 'node:path'
import { DEFAULT_DEADLINE_SECONDS, startDeadline } from '../../collect/deadline.js'
import { createEvidenceCollector } from '../../collect/mlflow/assemble-evidence.js'
import { openStore } from '../../collect/mlflow/open-store.js'
import type { MlflowStore } from '../../collect/mlflow/store.js'
import type { ChangeContext, Evidence } from '../../core/evidence/types.js'
import type { GateOptions } from '../gate-options.js'
import type { GatePorts } from '../ports.js'
import type { PreparedRun } from '../prepared-run.js'
import { readCardSource } from '../../collect/card-source-file.js'
import { recomputeEvidence } from '../recompute-evidence.js'
import { makeTempFolder, removeTempFolder } from '../../temp-folders.js'
import { GateError } from '../../core/errors.js'
import { missing } from '../../core/evidence/items.js'
import { holderStatus } from '../../core/promotion/promotion-record.js'
import { evidenceDigest } from '../../collect/mlflow/evidence-digest.js'
import type { Report } from '../../render/report-schema.js'

export interface CollectedEvidence {
  evidence: Evidence
  store: MlflowStore
  /** Removes downloaded models and closes the store. */
  dispose(): Promise<void>
}

export async function collectEvidence(
  prepared: PreparedRun,
  options: GateOptions,
  change: ChangeContext,
  ports: GatePorts
): Promise<CollectedEvidence> {
  const open = ports.openStore ?? openStore
  const store = await open(prepared.trackingUri, ports.env, {
    ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
    deadline: startDeadline(options.deadlineSeconds ?? DEFAULT_DEADLINE_SECONDS),
    ...(ports.log ? { log: ports.log } : {}),
    ...(options.artifactsDestination
      ? { sqlite: { artifactsDestination: path.resolve(ports.cwd, options.artifactsDestination) } }
      : {})
  })
  let workDir: string
  try {
    workDir = await makeTempFolder('check')
  } catch (error) {
    store.close()
    throw error
  }
  const dispose = async (): Promise<void> => {
    try {
      await removeTempFolder(workDir)
    } finally {
      store.close()
    }
  }
  try {
    const { needs, ref } = prepared
    const collected = await createEvidenceCollector(store, ports.clock).collect({
      model: ref.model,
      ...(ref.version !== undefined ? { version: ref.version } : {}),
      ...(ref.alias !== undefined ? { alias: ref.alias } : {}),
      ...(needs.baselineAlias !== undefined ? { baselineAlias: needs.baselineAlias } : {}),
      documents: needs.documents,
      // Always: the card quotes the artifact's SHA-256 even when nothing runs the model.
      downloadModel: true,
      workDir,
      change
    })
    let evidence: Evidence = {
      ...collected,
      cardSource: await readCardSource(options.cardSourcePath, ref.model, ports.cwd)
    }
    // Part of collecting, not an enricher: recomputed metrics and fairness are policy evidence.
    if (needs.recompute || prepared.profile.requirements.some((r) => r.check === 'fairness')) {
      evidence = await recomputeOrMissing(evidence, () =>
        recomputeEvidence(evidence, prepared, options, {
          store,
          workDir,
          cwd: ports.cwd,
          ...(ports.progress ? { progress: ports.progress } : {})
        })
      )
    }
    for (const enricher of ports.enrichers ?? []) {
      evidence = await enricher.enrich(evidence, { prepared, options, workDir })
    }
    return { evidence, store, dispose }
  } catch (error) {
    await dispose()
    throw error
  }
}

/**
 * The recompute reads files and a store that may be hostile or fail half-way. Whatever it throws
 * that is not a refusal of the configuration (exit 2) becomes `missing` recomputed evidence, so
 * the run still ends in a verdict (which then fails closed) and a report saying what could not
 * be read, instead of aborting with no report.
 */
export async function recomputeOrMissing(evidence: Evidence, recompute: () => Promise<Evidence>): Promise<Evidence> {
  try {
    return await recompute()
  } catch (error) {
    if (error instanceof GateError && error.kind === 'invalid') throw error
    const reason = error instanceof GateError ? 'unreachable' : 'invalid'
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    const item = missing(reason, `the model could not be re-run on the evaluation data: ${message}`)
    return { ...evidence, candidate: { ...evidence.candidate, recomputed: item } }
  }
}

/**
 * The target alias as the gate saw it: `--to`/`promote-to`, else the policy's baseline alias.
 * The evidence digest is read only when a promotion was asked for (it costs two requests).
 */
export async function promotionFacts(
  options: GateOptions,
  prepared: PreparedRun,
  evidence: Evidence,
  store: MlflowStore
): Promise<Report['promotion']> {
  const target = options.promoteTo ?? prepared.needs.baselineAlias
  if (target === undefined) return undefined
  const model = evidence.registeredModel.value
  const status = holderStatus(model.name, target, model.aliases, model.tags)
  const { name, version } = evidence.candidate.modelVersion.value
  return {
    target,
    expectedCurrent: status.holder,
    holderRecorded: status.recorded,
    ...(status.warning === undefined ? {} : { warning: status.warning }),
    ...(options.promoteTo === undefined ? {} : { evidenceSha256: await evidenceDigest(store, name, version) })
  }
}
