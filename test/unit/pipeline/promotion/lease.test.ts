/**
 * The lease protocol over an in-memory registry that behaves like MLflow's (last writer wins),
 * with the interleavings a real race produces made explicit.
 */
import { describe, expect, it } from 'vitest'
import { LEASE_TAG } from '../../../../src/core/promotion/promotion-record.js'
import {
  acquireLease,
  releaseLease,
  type LeaseRegistry,
  type LeaseTiming
} from '../../../../src/pipeline/promotion/lease.js'

function registry() {
  const tags: Record<string, string> = {}
  const store: LeaseRegistry = {
    getRegisteredModel: async () => ({ name: 'm', description: '', tags: { ...tags }, aliases: {} }),
    setRegisteredModelTag: async (_m: string, key: string, value: string) => {
      tags[key] = value
    },
    deleteRegisteredModelTag: async (_m: string, key: string) => void delete tags[key]
  }
  return { store, tags }
}

const timing = (
  sleep: LeaseTiming['sleep'] = async () => undefined,
  now = new Date('2026-12-01T00:00:00Z')
): LeaseTiming => ({ settleMs: 10, ttlMs: 60_000, now: () => now, sleep })

describe('promotion lease', () => {
  it('a second promotion that finds the first lease gives up; the first proceeds', async () => {
    const { store } = registry()
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    // A has written its lease and is waiting out the settle delay when B looks.
    const a = acquireLease(
      store,
      'm',
      'a',
      timing(() => gate)
    )
    await new Promise((resolve) => setImmediate(resolve))
    const b = await acquireLease(
      store,
      'm',
      'b',
      timing(async () => release())
    )
    expect(b.ok).toBe(false) // B read A's unexpired lease first
    release()
    expect((await a).ok).toBe(true)
  })

  it('a writer overwritten during its settle delay gives up, naming the other holder', async () => {
    const { store, tags } = registry()
    const outcome = await acquireLease(
      store,
      'm',
      'a',
      timing(async () => {
        tags[LEASE_TAG] = JSON.stringify({ nonce: 'other', holder: 'b', expires: '2026-12-01T00:01:00.000Z' })
      })
    )
    expect(outcome).toMatchObject({ ok: false })
    expect(!outcome.ok && outcome.reason).toContain('by b took the lease at the same time')
  })

  it('honours an unexpired lease, takes over an expired one, and refuses one it did not write', async () => {
    const { store, tags } = registry()
    tags[LEASE_TAG] = JSON.stringify({ nonce: 'x', holder: 'crashed', expires: '2026-12-01T00:00:30.000Z' })
    expect((await acquireLease(store, 'm', 'a', timing())).ok).toBe(false)
    const later = await acquireLease(store, 'm', 'a', timing(undefined, new Date('2026-12-01T00:00:31Z')))
    expect(later.ok).toBe(true)
    tags[LEASE_TAG] = '{"nonce":"x"}'
    const forged = await acquireLease(store, 'm', 'a', timing())
    expect(!forged.ok && forged.reason).toContain('is not one aims-gate wrote')
  })

  it('releases only its own lease', async () => {
    const { store, tags } = registry()
    const outcome = await acquireLease(store, 'm', 'a', timing())
    if (!outcome.ok) throw new Error(outcome.reason)
    tags[LEASE_TAG] = JSON.stringify({ nonce: 'next', holder: 'b', expires: '2026-12-01T00:01:00.000Z' })
    await releaseLease(store, 'm', outcome.lease)
    expect(tags[LEASE_TAG]).toContain('next')
  })
})
