/**
 * A cooperative lock among aims-gate processes, built from what MLflow offers (tags, last
 * writer wins; no compare-and-set): a lease tag on the registered model holding a random nonce
 * and an expiry. A process that wants the lock
 *   1. reads the tag and gives up if another unexpired lease is there;
 *   2. writes its own lease;
 *   3. waits `settleMs`, re-reads, and proceeds only if the tag still holds its nonce.
 * Two processes that write within one settle delay both re-read after the later write, so only
 * the last writer proceeds. A writer that arrives later sees the first lease in step 1. What
 * this cannot stop (a process stalled between step 1 and 2 for longer than the settle delay, a
 * person or a script that ignores the lease) is why the alias itself is re-checked around the
 * write (promote-alias.ts); docs/promotion.md states the guarantees and limits.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { LEASE_TAG } from '../../core/promotion/promotion-record.js'
import type { RegistryWriter } from './registry-writer.js'

/** The registry reads and tag writes the lease protocol uses. */
export type LeaseRegistry = Pick<
  RegistryWriter,
  'getRegisteredModel' | 'setRegisteredModelTag' | 'deleteRegisteredModelTag'
>

const leaseSchema = z.strictObject({ nonce: z.string().min(1), holder: z.string(), expires: z.iso.datetime() })
export type Lease = z.infer<typeof leaseSchema>

export interface LeaseTiming {
  /** Wait between writing the lease and re-reading it. */
  settleMs: number
  /** How long a lease is honoured; a crashed holder's lease lapses after it. */
  ttlMs: number
  now: () => Date
  sleep: (ms: number) => Promise<void>
}

export type LeaseOutcome = { ok: true; lease: Lease } | { ok: false; reason: string }

/** An unreadable lease tag is honoured as held until the TTL from now would pass: fail closed. */
function parseLease(raw: string | undefined): Lease | 'unreadable' | undefined {
  if (raw === undefined) return undefined
  try {
    const parsed = leaseSchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : 'unreadable'
  } catch {
    return 'unreadable'
  }
}

async function currentLease(store: LeaseRegistry, model: string): Promise<Lease | 'unreadable' | undefined> {
  return parseLease((await store.getRegisteredModel(model)).tags[LEASE_TAG])
}

export async function acquireLease(
  store: LeaseRegistry,
  model: string,
  holder: string,
  timing: LeaseTiming
): Promise<LeaseOutcome> {
  const before = await currentLease(store, model)
  if (before === 'unreadable') {
    return {
      ok: false,
      reason:
        `the promotion lease tag ${LEASE_TAG} on ${model} is not one aims-gate wrote. ` +
        `Fix: check who set it; delete the tag once no promotion is running.`
    }
  }
  if (before !== undefined && Date.parse(before.expires) > timing.now().getTime()) {
    return {
      ok: false,
      reason:
        `another promotion of ${model} (by ${before.holder}) holds the lease ` +
        `until ${before.expires}. Fix: wait for it to finish, then rerun (a crashed ` +
        `holder's lease lapses at that time).`
    }
  }
  const lease: Lease = {
    nonce: randomUUID(),
    holder,
    expires: new Date(timing.now().getTime() + timing.ttlMs).toISOString()
  }
  try {
    await store.setRegisteredModelTag(model, LEASE_TAG, JSON.stringify(lease))
  } catch (error) {
    // MLflow 3 servers answer a simultaneous first write of the same tag with a 400 (a unique
    // constraint): the other promotion got there first. Any failed write is no lease: refuse.
    const why = (error instanceof Error ? error.message : String(error)).split(' Fix:')[0]
    return {
      ok: false,
      reason:
        `another promotion of ${model} may have taken the lease at the same moment: the ` +
        `server refused our write (${why}). Fix: rerun once no other promotion is running.`
    }
  }
  await timing.sleep(timing.settleMs)
  const after = await currentLease(store, model)
  if (after === undefined || after === 'unreadable' || after.nonce !== lease.nonce) {
    const by = after !== undefined && after !== 'unreadable' ? ` by ${after.holder}` : ''
    return {
      ok: false,
      reason:
        `another promotion of ${model}${by} took the lease at the same time. Fix: rerun ` +
        `once it has finished; the alias is left as that promotion sets it.`
    }
  }
  return { ok: true, lease }
}

/** True when the tag still holds this lease (checked right before and after moving the alias). */
export async function stillHeld(store: LeaseRegistry, model: string, lease: Lease): Promise<boolean> {
  const now = await currentLease(store, model)
  return now !== undefined && now !== 'unreadable' && now.nonce === lease.nonce
}

/** Deletes the lease only when it is still ours, so a later holder's lease is never removed. */
export async function releaseLease(store: LeaseRegistry, model: string, lease: Lease): Promise<void> {
  if (await stillHeld(store, model, lease)) await store.deleteRegisteredModelTag(model, LEASE_TAG)
}
