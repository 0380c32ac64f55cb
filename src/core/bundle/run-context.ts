/**
 * `run.json`: what a re-evaluation needs besides the evidence and the policy: the profile, the
 * clock, the change under review, where the policy came from (a git fact the bundle cannot
 * re-derive offline, so it is carried as stated and bound by the report's bytes) and the
 * promotion target as the gate saw it.
 */
import { z } from 'zod'

export const RUN_CONTEXT_VERSION = 1 as const

export const runContextSchema = z.strictObject({
  schemaVersion: z.literal(RUN_CONTEXT_VERSION),
  tool: z.strictObject({ name: z.literal('aims-gate'), version: z.string() }),
  now: z.string(),
  profile: z.string(),
  /** The policy's name as the report gives it (`policies/x.yml`, or `x.yml@1a2b3c4d` from a ref). */
  policyFile: z.string(),
  policySha256: z.string().regex(/^[0-9a-f]{64}$/),
  baselineAlias: z.string().optional(),
  change: z.record(z.string(), z.unknown()),
  governance: z.record(z.string(), z.unknown()),
  promotion: z.record(z.string(), z.unknown()).optional()
})

export type RunContext = z.infer<typeof runContextSchema>

export const cardTemplateSchema = z.strictObject({
  name: z.string(),
  source: z.string(),
  partials: z.record(z.string(), z.string())
})
