/**
 * The published shape of `posture.json` (zod; `schemas/posture.schema.json` is generated from it).
 * It describes exactly `PostureReport` (src/core/posture/types.ts): a type test keeps them equal.
 */
import { z } from 'zod'
import { controlIdSchema } from '../../core/policy/requirement-base.js'

const SHA256 = /^[0-9a-f]{64}$/

export const POSTURE_FINDING_KINDS = [
  'never-gated',
  'blocked',
  'stale-policy',
  'alias-moved',
  'waiver-expired',
  'waiver-expiring',
  'approval-stale',
  'card-missing',
  'report-mismatch',
  'report-unreadable',
  'what-if-blocked'
] as const

const gateRecord = z.strictObject({
  verdict: z.enum(['pass', 'fail']),
  blocking: z.array(z.string()),
  policy: z.string(),
  policySha256: z.string().regex(SHA256),
  profile: z.string(),
  checkedAt: z.string().describe('ISO-8601 time the gate decided (aims.gate.checked_at).'),
  reportSha256: z.string().optional(),
  cardSha256: z.string().optional(),
  runUrl: z.string().optional().describe('The CI run tag as written (registry text; links use it only if http(s)).'),
  toolVersion: z.string().optional()
})

const link = z.strictObject({ label: z.string(), href: z.string().regex(/^https?:\/\//) })

const finding = z.strictObject({
  id: z.string().describe('<kind>:<model>[:<version>][@<alias>][:<detail>], unique in the report.'),
  kind: z.enum(POSTURE_FINDING_KINDS),
  severity: z.enum(['high', 'medium', 'low']),
  model: z.string(),
  version: z.string().optional(),
  alias: z.string().optional(),
  reason: z.string(),
  observed: z.string().optional(),
  expected: z.string().optional(),
  links: z.array(link)
})

const version = z.strictObject({
  version: z.string(),
  createdAt: z.string(),
  aliases: z.array(z.string()),
  gate: gateRecord.optional(),
  controls: z.record(z.string(), z.string()).optional().describe('Control id → status from the read report.'),
  whatIf: z
    .strictObject({ verdict: z.enum(['pass', 'fail']), blocking: z.array(z.string()), error: z.string().optional() })
    .optional(),
  considered: z.boolean().optional()
})

const model = z.strictObject({
  name: z.string(),
  aliases: z.record(z.string(), z.string()),
  state: z.enum(['passing', 'blocked', 'never-gated']),
  versions: z.array(version).describe('Newest first.'),
  timeline: z.array(gateRecord.extend({ version: z.string() })).describe('Oldest first.'),
  findings: z.array(z.string())
})

const control = z.strictObject({
  id: controlIdSchema,
  title: z.string(),
  area: z.string(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  modelsWithoutEvidence: z.number().int().nonnegative()
})

const count = z.number().int().nonnegative()

export const postureSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    generatedAt: z.string(),
    trackingUri: z.string(),
    toolVersion: z.string(),
    aliases: z.array(z.string()),
    policy: z
      .strictObject({ name: z.string(), sha256: z.string().regex(SHA256), profile: z.string().optional() })
      .optional(),
    totals: z.strictObject({
      models: count,
      gated: count,
      passing: count,
      blocked: count,
      neverGated: count,
      findings: count,
      byKind: z.record(z.string(), count)
    }),
    models: z.array(model),
    controls: z.array(control),
    findings: z.array(finding),
    requests: z.strictObject({ count, maxInFlight: count })
  })
  .describe('aims-gate registry posture')

export type PostureJson = z.infer<typeof postureSchema>

/** `posture.json`: two-space JSON, keys in the order the report builds them, one trailing newline. */
export function renderPostureJson(report: PostureJson): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
