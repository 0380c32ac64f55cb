/**
 * Moves an alias under the lease (lease.ts), re-checking around the one write MLflow offers:
 *   - before: the alias still points where the gate saw it, and the evidence is unchanged;
 *   - after a settle delay: the alias points at our version and nobody took the lease.
 * Only then are the promotion tags written (the model's history last), and the lease released.
 * Every refusal says why; a refusal after the write names what the alias points at now.
 */
import { acquireLease, releaseLease, stillHeld, type LeaseTiming } from './lease.js'
import type { RegistryWriter } from './registry-writer.js'

export interface MoveRequest {
  model: string
  alias: string
  version: string
  /** The holder the gate saw when it evaluated (null = unset). */
  expectedCurrent: string | null
  holder: string
  /** Returns why the evidence no longer matches the evaluation, or undefined when it does. */
  evidenceChanged: () => Promise<string | undefined>
  /** Built once the write succeeded: version tags, then model tags (history last). */
  tags: () => Promise<{ version: Record<string, string>; model: Record<string, string> }>
}

export type MoveOutcome = { moved: true } | { moved: false; reason: string }

const show = (version: string | null) => (version === null ? 'no version' : `version ${version}`)

async function aliasHolder(store: RegistryWriter, model: string, alias: string): Promise<string | null> {
  return (await store.getRegisteredModel(model)).aliases[alias] ?? null
}

export async function moveAlias(
  store: RegistryWriter,
  request: MoveRequest,
  timing: LeaseTiming
): Promise<MoveOutcome> {
  const { model, alias, version } = request
  const lease = await acquireLease(store, model, request.holder, timing)
  if (!lease.ok) return { moved: false, reason: lease.reason }
  try {
    const before = await aliasHolder(store, model, alias)
    if (before !== request.expectedCurrent) {
      return {
        moved: false,
        reason:
          `alias "${alias}" of ${model} points at ${show(before)}, ` +
          `not ${show(request.expectedCurrent)} as when the gate evaluated: someone moved ` +
          `it meanwhile. Fix: rerun the gate against the current holder.`
      }
    }
    const changed = await request.evidenceChanged()
    if (changed !== undefined) return { moved: false, reason: changed }
    if (!(await stillHeld(store, model, lease.lease))) {
      return {
        moved: false,
        reason:
          `another promotion of ${model} took the lease before the alias was moved. Fix: ` +
          `rerun once it has finished.`
      }
    }
    await store.setRegisteredModelAlias(model, alias, version)
    // A competing write that slipped past the lease lands within this delay; read after it.
    await timing.sleep(timing.settleMs)
    const after = await aliasHolder(store, model, alias)
    if (after !== version) {
      return {
        moved: false,
        reason:
          `alias "${alias}" of ${model} was set to version ${version}, but now points ` +
          `at ${show(after)}: another writer moved it at the same time. Fix: check who ` +
          `moved it, then rerun the gate.`
      }
    }
    const tags = await request.tags()
    for (const [key, value] of Object.entries(tags.version)) await store.setModelVersionTag(model, version, key, value)
    for (const [key, value] of Object.entries(tags.model)) await store.setRegisteredModelTag(model, key, value)
    return { moved: true }
  } finally {
    await releaseLease(store, model, lease.lease).catch(() => undefined)
  }
}
