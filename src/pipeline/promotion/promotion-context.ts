/**
 * Who and where a promotion runs, and the timing of its lease, from the environment. The actor
 * is self-declared (GITHUB_ACTOR in Actions, else `--actor` or the OS user): it records who
 * pressed the button, it is not an approval; approvals are requirements of the gate.
 */
import os from 'node:os'
import { z } from 'zod'
import { invalid } from '../../core/errors.js'
import type { Env } from '../ports.js'
import type { LeaseTiming } from './lease.js'

/** Long enough for a slow server to answer the lease write before anyone re-reads it. */
export const DEFAULT_SETTLE_MS = 3_000
/** The write phase takes seconds; a crashed holder blocks promotions for at most this long. */
export const DEFAULT_LEASE_SECONDS = 120

export function promotionActor(flag: string | undefined, env: Env): string {
  if (flag !== undefined && flag.trim() !== '') return flag.trim()
  if (env.GITHUB_ACTOR) return env.GITHUB_ACTOR
  try {
    return os.userInfo().username || 'unknown'
  } catch {
    return 'unknown'
  }
}

export function ciRunUrl(env: Env): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt } = env
  if (!server || !repo || !runId) return undefined
  return `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${runId}${attempt ? `/attempts/${attempt}` : ''}`
}

const settleSchema = z.coerce.number().int().min(0).max(60_000)
const leaseSchema = z.coerce.number().int().min(1).max(3_600)

/** `AIMS_GATE_PROMOTION_SETTLE_MS` / `AIMS_GATE_PROMOTION_LEASE_SECONDS` (tests shorten them). */
export function leaseTiming(env: Env, now: () => Date): LeaseTiming {
  const settle = settleSchema.safeParse(env.AIMS_GATE_PROMOTION_SETTLE_MS ?? DEFAULT_SETTLE_MS)
  if (!settle.success)
    throw invalid(
      `AIMS_GATE_PROMOTION_SETTLE_MS=${env.AIMS_GATE_PROMOTION_SETTLE_MS} is not a ` +
        `whole number of milliseconds from 0 to 60000. Fix: unset it ` +
        `(default ${DEFAULT_SETTLE_MS}).`
    )
  const ttl = leaseSchema.safeParse(env.AIMS_GATE_PROMOTION_LEASE_SECONDS ?? DEFAULT_LEASE_SECONDS)
  if (!ttl.success)
    throw invalid(
      `AIMS_GATE_PROMOTION_LEASE_SECONDS=${env.AIMS_GATE_PROMOTION_LEASE_SECONDS} is ` +
        `not a whole number of seconds from 1 to 3600. Fix: unset it ` +
        `(default ${DEFAULT_LEASE_SECONDS}).`
    )
  return {
    settleMs: settle.data,
    ttlMs: ttl.data * 1000,
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
  }
}

/** The action output `promote-to` sets (kept apart from the verdict outputs in render/action-outputs.ts). */
export const PROMOTED_VERSION_OUTPUT = 'promoted-version'
