/**
 * The machine-readable report (`--report FILE`, `--json`) as a zod schema: the TypeScript type,
 * the test oracle and the source of `schemas/report.schema.json` for consumers.
 */
import { z } from 'zod'
import { CONTROL_STATUSES } from '../core/verdict/types.js'
import { controlIdSchema } from '../core/policy/requirement-base.js'
import { governingSchema, policyChangeSchema } from './policy-governance-schema.js'

const status = z.enum(['pass', 'fail', 'missing', 'waived'])

/** 2: control statuses satisfied / supported / failed / missing; requirement `supports`; crosswalks. */
export const REPORT_SCHEMA_VERSION = 2 as const

export const reportSchema = z
  .strictObject({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    verdict: z.enum(['pass', 'fail']).describe('fail when any blocking requirement is fail or missing.'),
    evaluatedAt: z.string().describe('ISO-8601 time the verdict was computed for.'),
    generator: z
      .strictObject({
        name: z.literal('aims-gate'),
        version: z.string().describe('The aims-gate version that wrote the report.'),
        commit: z
          .string()
          .regex(/^[0-9a-f]{40,64}$/)
          .optional()
          .describe('The repository commit checked (GITHUB_SHA or the pull request head), in CI.'),
        repository: z.string().optional().describe('owner/repo, in CI.'),
        policyUrl: z.string().optional().describe('The policy file at that commit on the forge, in CI.')
      })
      .describe('Which aims-gate wrote the report, and from which commit.'),
    model: z.strictObject({
      name: z.string(),
      version: z.string(),
      runId: z.string().optional()
    }),
    profile: z.string(),
    policy: z.strictObject({
      name: z.string(),
      file: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      governing: governingSchema.optional(),
      change: policyChangeSchema.optional()
    }),
    blocking: z.array(z.string()).describe('Ids of blocking requirements that are fail or missing.'),
    summary: z.strictObject({
      pass: z.number().int(),
      fail: z.number().int(),
      missing: z.number().int(),
      waived: z.number().int()
    }),
    requirements: z.array(
      z.strictObject({
        id: z.string(),
        check: z.string(),
        status,
        severity: z.enum(['block', 'warn']),
        controls: z
          .array(controlIdSchema)
          .describe('Annex A controls this requirement counts towards satisfying (the JSON Schema lists the 38).'),
        supports: z
          .array(controlIdSchema)
          .describe('Annex A controls it gives only partial evidence for (never read as satisfied).'),
        claimNotes: z
          .array(z.string())
          .optional()
          .describe('Why a control written in the policy was counted as supported, or not claimed.'),
        observed: z.string(),
        expected: z.string(),
        message: z.string(),
        details: z
          .record(z.string(), z.unknown())
          .optional()
          .describe('Numbers the check worked with (value, threshold, baseline…).'),
        location: z
          .strictObject({ file: z.string(), line: z.number().int() })
          .optional()
          .describe('Where the requirement is written in the policy.'),
        waiver: z.strictObject({ reason: z.string(), approvedBy: z.string(), expires: z.string() }).optional(),
        evidence: z.array(z.strictObject({ label: z.string(), source: z.string(), uri: z.string() }))
      })
    ),
    promotion: z
      .strictObject({
        target: z.string(),
        expectedCurrent: z
          .string()
          .nullable()
          .describe('Version the target alias pointed at when the gate evaluated; null = unset.'),
        holderRecorded: z
          .boolean()
          .describe('False when that version got the alias outside the gate (no promotion record).'),
        warning: z.string().optional(),
        evidenceSha256: z
          .string()
          .optional()
          .describe('Digest of the registry and run records evaluated (promote --expect-evidence).')
      })
      .optional()
      .describe(
        'The alias a promotion would move, as the gate saw it (aims-gate promote, check --to, or the baseline alias).'
      ),
    controls: z.array(
      z.strictObject({
        id: controlIdSchema,
        title: z.string(),
        area: z.string(),
        status: z
          .enum(CONTROL_STATUSES)
          .describe(
            'satisfied: every mapped requirement passed and one satisfies the control; supported: all ' +
              'passed but only partial evidence (or some were waived); failed; missing (also when only ' +
              'waived requirements map to it); not-assessed; not-applicable.'
          ),
        applicable: z.boolean(),
        justification: z.string().optional(),
        requirements: z.array(z.string()).describe('Every requirement mapped to the control.'),
        satisfiedBy: z.array(z.string()).describe('The mapped requirements that can satisfy it.'),
        waived: z.array(z.string()).describe('Mapped requirements that were waived (no evidence).'),
        crosswalk: z
          .strictObject({
            'nist-ai-rmf': z.array(z.string()).describe("NIST AI RMF 1.0 subcategories (NIST's crosswalk)."),
            'eu-ai-act': z.array(z.string()).describe("EU AI Act articles (aims-gate's interpretation).")
          })
          .describe('The control in other frameworks; docs/controls.md gives the sources.')
      })
    )
  })
  .describe('aims-gate release report')

export type Report = z.infer<typeof reportSchema>
