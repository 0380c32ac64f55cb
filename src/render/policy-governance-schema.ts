/**
 * The report's `policy.governing` and `policy.change` sections (zod): which version of the
 * policy decided the verdict, and the requirement-level difference from the other version.
 */
import { z } from 'zod'

const sha256 = z.string().regex(/^[0-9a-f]{64}$/)
const effect = z.enum(['weakened', 'strengthened', 'changed'])

export const governingSchema = z
  .strictObject({
    source: z.enum(['built-in', 'working-tree', 'git-ref', 'pull-request-base']),
    file: z.string(),
    sha256,
    ref: z.string().optional(),
    commit: z.string().optional(),
    description: z.string().describe('The governing version in words, as the summary and the comment show it.')
  })
  .describe('The version of the policy the verdict was computed against.')

export const changeEntrySchema = z.strictObject({
  effect,
  area: z.enum(['requirement', 'waiver', 'control', 'profile', 'policy']),
  subject: z.string(),
  field: z.string().optional(),
  base: z.string().optional().describe('The value in the base version (JSON text).'),
  head: z.string().optional().describe('The value in the head version (JSON text).'),
  profiles: z.array(z.string()).optional(),
  message: z.string()
})

export const policyChangeSchema = z
  .discriminatedUnion('status', [
    z.strictObject({
      status: z.literal('compared'),
      base: z.strictObject({ file: z.string(), commit: z.string(), sha256 }),
      head: z.strictObject({ file: z.string(), sha256 }),
      weakened: z.number().int(),
      strengthened: z.number().int(),
      changed: z.number().int(),
      entries: z.array(changeEntrySchema).describe('Weakening changes first.')
    }),
    z.strictObject({ status: z.literal('unavailable'), reason: z.string() })
  ])
  .describe('How the head (working tree) version of the policy differs from the base (or --policy-ref) version.')
