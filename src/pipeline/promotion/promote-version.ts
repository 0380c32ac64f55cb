/**
 * `promote`: re-run the gate for one version, then move the target alias to it only when the
 * gate passes now, the alias still points where the gate saw it (or where `--expect-current`
 * says an earlier `check` saw it), and the evidence is the evidence that was evaluated.
 * The version is pinned before evaluating (an `--alias challenger` is resolved once), so the
 * version judged is the version promoted.
 */
import type { ChangeContext } from '../../core/evidence/types.js'
import { invalid } from '../../core/errors.js'
import { resolveModelRef } from '../../core/model-ref.js'
import { appendHistory, readHistory } from '../../core/promotion/promotion-record.js'
import { evidenceDigest } from '../../collect/mlflow/evidence-digest.js'
import { openStore } from '../../collect/mlflow/open-store.js'
import { classifyTrackingUri, resolveTrackingUri } from '../../collect/mlflow/tracking-uri.js'
import type { GatePorts } from '../ports.js'
import type { GateOptions } from '../gate-options.js'
import { runGate, type GateRun } from '../run-gate.js'
import type { LeaseTiming } from './lease.js'
import { moveAlias } from './move-alias.js'
import { historyTagValue, promotionTags } from './promotion-tags.js'
import { readOnlyStore, registryWriter, type RegistryWriter } from './registry-writer.js'

export interface PromotionSettings {
  actor: string
  runUrl?: string
  timing: LeaseTiming
}

export interface PromoteRequest {
  options: GateOptions
  /** From an earlier `check`: the holder it saw (null = unset) and its evidence digest. */
  expectCurrent?: string | null
  expectEvidence?: string
}

export type PromotionOutcome =
  | { moved: true; alias: string; version: string; previous: string | null; alreadyHeld?: boolean }
  | { moved: false; alias: string; version: string; reason: string }

export interface PromoteResult {
  run: GateRun
  outcome: PromotionOutcome
}

/** Opens the tracking server for registry writes; the local store is refused (exit 2). */
export async function openRegistryWriter(
  options: GateOptions,
  ports: GatePorts,
  command: string
): Promise<RegistryWriter> {
  const uri = resolveTrackingUri(options.trackingUri, ports.env)
  if (classifyTrackingUri(uri).kind !== 'rest') throw readOnlyStore(command)
  const open = ports.openStore ?? openStore
  const store = await open(uri, ports.env, {
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
    ...(ports.log ? { log: ports.log } : {})
  })
  return registryWriter(store, command)
}

/** Compares the registry and run records with the digest of the evaluation. */
export function evidenceCheck(
  store: RegistryWriter,
  model: string,
  version: string,
  evaluated: string
): () => Promise<string | undefined> {
  return async () => {
    const now = await evidenceDigest(store, model, version)
    return now === evaluated
      ? undefined
      : `the evidence of models:/${model}/${version} changed after the gate evaluated ` +
          `it (registry and run records: SHA-256 ${evaluated.slice(0, 12)}… ` +
          `then, ${now.slice(0, 12)}… now). Fix: rerun the gate on the current evidence.`
  }
}

export async function promoteVersion(
  request: PromoteRequest,
  change: ChangeContext,
  ports: GatePorts,
  settings: PromotionSettings
): Promise<PromoteResult> {
  const alias = request.options.promoteTo
  if (alias === undefined) throw invalid('--to is required: the alias to move, e.g. --to champion')
  const store = await openRegistryWriter(request.options, ports, 'promote')
  const ref = resolveModelRef({
    model: request.options.model,
    version: request.options.version,
    alias: request.options.alias
  })
  if (ref.alias === alias)
    throw invalid(
      `--alias ${alias} and --to ${alias} name the same alias: nothing would move. ` +
        `Fix: name the candidate with --version N or another alias (challenger).`
    )
  let version = ref.version
  if (version === undefined && ref.alias !== undefined) {
    const held = await store.getModelVersionByAlias(ref.model, ref.alias)
    if (held === undefined)
      throw invalid(
        `alias "${ref.alias}" is not set on ${ref.model}. Fix: pass --version N, or set the alias on the candidate.`
      )
    version = held.version
  }
  if (version === undefined)
    throw invalid(`no version chosen for model ${ref.model}; fix: pass --version N or --alias NAME`)
  // Pin the version: the alias could move while the gate runs; the version judged is promoted.
  const { alias: _candidateAlias, ...rest } = request.options
  const options: GateOptions = { ...rest, model: ref.model, version }
  const before = await evidenceDigest(store, ref.model, version)
  const run = await runGate(options, change, ports)
  const refuse = (reason: string): PromoteResult => ({ run, outcome: { moved: false, alias, version, reason } })

  if (run.verdict.verdict !== 'pass') {
    return refuse(
      `the gate blocks models:/${ref.model}/${version} now ` +
        `(blocking: ${run.verdict.blocking.join(', ') || 'see the report'}), so alias ` +
        `"${alias}" was not moved. Fix: make the blocking requirements pass, then rerun.`
    )
  }
  const seen = run.report.promotion
  if (seen?.evidenceSha256 === undefined) throw new Error('the gate did not record the promotion target')
  if (request.expectCurrent !== undefined && request.expectCurrent !== seen.expectedCurrent) {
    return refuse(
      `alias "${alias}" points at ${show(seen.expectedCurrent)}, ` +
        `not ${show(request.expectCurrent)} as when the earlier check ran ` +
        `(--expect-current): it moved meanwhile. Fix: rerun the check against the ` +
        `current holder.`
    )
  }
  if (request.expectEvidence !== undefined && request.expectEvidence !== seen.evidenceSha256) {
    return refuse(
      `the evidence of models:/${ref.model}/${version} changed since the earlier ` +
        `check (--expect-evidence ${request.expectEvidence.slice(0, 12)}…, ` +
        `now ${seen.evidenceSha256.slice(0, 12)}…): what was reviewed is not what would ` +
        `be promoted. Fix: rerun the check and review its report.`
    )
  }
  if (before !== seen.evidenceSha256) {
    return refuse(
      `the evidence of models:/${ref.model}/${version} changed while the gate ` +
        `evaluated it. Fix: rerun the gate once nothing is writing to the version or its run.`
    )
  }
  const expectedCurrent = seen.expectedCurrent
  if (expectedCurrent === version)
    return { run, outcome: { moved: true, alias, version, previous: version, alreadyHeld: true } }

  const moved = await moveAlias(
    store,
    {
      model: ref.model,
      alias,
      version,
      expectedCurrent,
      holder: settings.actor,
      evidenceChanged: evidenceCheck(store, ref.model, version, seen.evidenceSha256),
      tags: async () => {
        const facts = promotionTags({
          kind: 'promote',
          alias,
          version,
          previous: expectedCurrent,
          actor: settings.actor,
          at: ports.clock.now().toISOString(),
          ...(settings.runUrl ? { runUrl: settings.runUrl } : {}),
          reportSha256: run.outputs.reportSha256,
          evidenceSha256: seen.evidenceSha256!
        })
        const recorded = readHistory((await store.getRegisteredModel(ref.model)).tags, alias)
        // A holder that got the alias by hand still is what came before: record it, so rollback can return to it
        // (through the gate).
        const base =
          expectedCurrent !== null && recorded?.at(-1) !== expectedCurrent
            ? appendHistory(recorded, expectedCurrent)
            : recorded
        return {
          version: redactAll(ports, facts),
          model: { ...redactAll(ports, facts), ...historyTagValue(alias, appendHistory(base, version)) }
        }
      }
    },
    settings.timing
  )
  return moved.moved
    ? { run, outcome: { moved: true, alias, version, previous: expectedCurrent } }
    : refuse(moved.reason)
}

export const show = (version: string | null) => (version === null ? 'no version' : `version ${version}`)

export function redactAll(ports: GatePorts, tags: Record<string, string>): Record<string, string> {
  const redact = ports.redact ?? ((text: string) => text)
  return Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, redact(value)]))
}
