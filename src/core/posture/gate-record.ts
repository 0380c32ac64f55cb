/**
 * Reads the `aims.gate.*` write-back tags of a model version back into a GateRecord. The tags are
 * registry text anyone with edit rights can set, so every field is checked: a set that is not
 * exactly what the gate writes is `malformed` (a finding, never a pass), not a partial record.
 */
import { z } from 'zod'
import { parseRfc3339 } from '../approvals/approval-time.js'
import type { GateRecord } from './types.js'

export type GateRecordRead =
  | { kind: 'none' }
  | { kind: 'record'; record: GateRecord }
  | { kind: 'malformed'; reason: string; tags: string[] }

/** The prefix the write-back uses (src/render/writeback-tags.ts; a unit test keeps them equal). */
export const GATE_TAG_PREFIX = 'aims.gate.'
const SHA256 = /^[0-9a-f]{64}$/
const sha = z.string().regex(SHA256, 'is not 64 lowercase hex digits')
const tagsSchema = z.object({
  verdict: z.enum(['pass', 'fail']),
  blocking: z.string().default(''),
  policy: z.string().min(1),
  policy_sha256: sha,
  profile: z.string().min(1),
  checked_at: z.string().refine((text) => parseRfc3339(text)?.dateOnly === false, 'is not an RFC 3339 time'),
  report_sha256: sha,
  card_sha256: sha.optional(),
  run_url: z.string().optional(),
  tool_version: z.string().optional()
})

/** The gate's tags on a version, without the prefix. */
export function gateTags(tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(tags)) {
    if (key.startsWith(GATE_TAG_PREFIX)) out[key.slice(GATE_TAG_PREFIX.length)] = value
  }
  return out
}

export function readGateRecord(tags: Record<string, string>): GateRecordRead {
  const own = gateTags(tags)
  const names = Object.keys(own).sort()
  if (names.length === 0) return { kind: 'none' }
  const parsed = tagsSchema.safeParse(own)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = issue?.path.join('.') || 'verdict'
    const problem = own[key] === undefined ? 'is missing' : (issue?.message ?? 'is malformed')
    return { kind: 'malformed', reason: `tag ${GATE_TAG_PREFIX}${key} ${problem}`, tags: names }
  }
  const t = parsed.data
  const record: GateRecord = {
    verdict: t.verdict,
    blocking: t.blocking === '' ? [] : t.blocking.split(','),
    policy: t.policy,
    policySha256: t.policy_sha256,
    profile: t.profile,
    checkedAt: t.checked_at,
    reportSha256: t.report_sha256
  }
  if (t.card_sha256 !== undefined) record.cardSha256 = t.card_sha256
  if (t.run_url !== undefined) record.runUrl = t.run_url
  if (t.tool_version !== undefined) record.toolVersion = t.tool_version
  return { kind: 'record', record }
}
