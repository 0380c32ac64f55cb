/**
 * The policy language as a zod schema: the single source of truth for validation, for the
 * TypeScript types and for the JSON Schema shipped to editors (`schemas/policy.schema.json`).
 *
 * Every object is strict so a misspelt key is an error rather than a silently ignored rule, and
 * requirements are a discriminated union on `check` so each kind validates its own fields.
 * Adding a check kind: one schema (in `requirement-schemas.ts`, or a file of its own as
 * approvals and fairness have), a member in `requirementSchema` here, one file in
 * `src/core/checks/`, one line in the check registry.
 */
import { z } from 'zod'
import { isControlId } from '../controls/catalog.js'
import { approvalRequirementSchema, approversSchema } from './approval-schema.js'
import { evaluationDataSchema, evaluationSchema } from './evaluation-schema.js'
import { fairnessRequirementSchema } from './fairness-schema.js'
import { selectionRateRatioRequirementSchema } from './selection-rate-schema.js'
import { calibrationRequirementSchema } from './calibration-schema.js'
import { subgroupPerformanceRequirementSchema } from './subgroup-schema.js'
import { objectivesSchema } from './objectives.js'
import { identitySchema, identitiesSchema } from './identity-schema.js'
import { whenFieldsValid, whenKeysReadable } from './refine-when.js'
import { unknownControlMessage } from './requirement-base.js'
import {
  artifactRequirementSchema,
  datasetsRequirementSchema,
  documentationRequirementSchema,
  metricRequirementSchema
} from './requirement-schemas.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** True for a real calendar date written as YYYY-MM-DD (rejects 2027-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

export const requirementSchema = z.discriminatedUnion('check', [
  metricRequirementSchema,
  documentationRequirementSchema,
  datasetsRequirementSchema,
  artifactRequirementSchema,
  approvalRequirementSchema,
  fairnessRequirementSchema,
  selectionRateRatioRequirementSchema,
  calibrationRequirementSchema,
  subgroupPerformanceRequirementSchema
])

export const CHECK_KINDS = [
  'metric',
  'documentation',
  'datasets',
  'artifact',
  'approval',
  'fairness',
  'selection-rate-ratio',
  'calibration',
  'subgroup-performance'
] as const

export const profileSchema = z.strictObject({
  description: z.string().optional(),
  extends: z
    .string()
    .min(1)
    .optional()
    .describe('Profile whose requirements this one inherits, or a shipped pack profile: pack:<name>/<profile>.'),
  objectives: objectivesSchema,
  requirements: z.array(requirementSchema).default([])
})

export const applicabilitySchema = z
  .strictObject({
    applicable: z.boolean(),
    justification: z.string().optional().describe('Why the control is excluded (required when applicable is false).')
  })
  .superRefine(
    (entry, ctx) => {
      if (!entry.applicable && (entry.justification ?? '').trim() === '') {
        ctx.addIssue({
          code: 'custom',
          message:
            'a control marked applicable: false needs a justification; fix: add ' +
            'justification: "<why it does not apply>"',
          path: ['justification']
        })
      }
    },
    whenFieldsValid(['applicable', 'justification'])
  )

const isoDate = z
  .string({ error: 'must be a date; fix: write it as YYYY-MM-DD, e.g. 2027-01-31' })
  .refine(isCalendarDate, { error: 'is not a real calendar date; fix: write it as YYYY-MM-DD, e.g. 2027-01-31' })

export const waiverSchema = z.strictObject({
  requirement: z.string().min(1).describe('Id of the requirement waived.'),
  model: z.string().min(1).describe('Registered model name the waiver is for.'),
  versions: z
    .array(z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String))
    .min(1, { error: 'is empty; fix: list the model versions the waiver covers, e.g. ["7"]' }),
  reason: z.string().min(1),
  approvedBy: z
    .string()
    .min(1)
    .describe('Who accepted the gap: the same identity and separation-of-duties rules as approvals apply.'),
  approved: isoDate.describe(
    'Day (UTC) the waiver was approved, YYYY-MM-DD; expires may be at most maxWaiverDays later.'
  ),
  expires: isoDate.describe('Last day (UTC) the waiver is valid, YYYY-MM-DD.')
})

export const policySchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: 'must be 1 (the only policy format so far); fix: write version: 1' }),
  name: z.string().min(1),
  description: z.string().optional(),
  defaultProfile: z.string().min(1).optional().describe('Profile used when none is named on the command line.'),
  evaluation: evaluationSchema.optional(),
  profiles: z.record(z.string().min(1), profileSchema).refine((profiles) => Object.keys(profiles).length > 0, {
    error: 'is empty; fix: define at least one profile, e.g. production',
    ...whenKeysReadable
  }),
  controls: z
    .record(z.string(), applicabilitySchema)
    .default({})
    .superRefine((controls, ctx) => {
      for (const id of Object.keys(controls)) {
        if (!isControlId(id)) {
          ctx.addIssue({ code: 'custom', message: unknownControlMessage(id), path: [id] })
        }
      }
    }, whenKeysReadable)
    .describe('Statement of applicability: mark controls not applicable, with a justification.'),
  identities: identitiesSchema,
  maxWaiverDays: z
    .number()
    .int({ error: 'must be a whole number of days; fix: write e.g. maxWaiverDays: 90' })
    .positive()
    .default(90)
    .describe('A waiver may expire at most this many days after its approved date.'),
  waiverApprovers: z
    .array(identitySchema)
    .min(1, { error: 'is empty; fix: list who may approve waivers, or remove the key' })
    .optional()
    .describe('Who may approve waivers (logins or e-mails); any approver passing separation of duties when absent.'),
  waivers: z.array(waiverSchema).default([])
})

export type PolicyInput = z.input<typeof policySchema>
export type PolicyDocument = z.output<typeof policySchema>
export type Requirement = z.output<typeof requirementSchema>
export type Waiver = z.output<typeof waiverSchema>
export type Applicability = z.output<typeof applicabilitySchema>
export type CheckKind = Requirement['check']

const keysOf = (...schemas: { shape: object }[]): string[] => schemas.flatMap((schema) => Object.keys(schema.shape))

/** Every key the policy language knows, for "did you mean" on unknown keys. */
export const KNOWN_KEYS: readonly string[] = [
  ...new Set([
    ...keysOf(policySchema, profileSchema, waiverSchema),
    'applicable',
    'justification',
    ...keysOf(
      metricRequirementSchema,
      documentationRequirementSchema,
      datasetsRequirementSchema,
      artifactRequirementSchema,
      approvalRequirementSchema,
      approversSchema
    ),
    'person',
    'aliases',
    ...keysOf(selectionRateRatioRequirementSchema, calibrationRequirementSchema, subgroupPerformanceRequirementSchema),
    ...keysOf(fairnessRequirementSchema, evaluationSchema, evaluationDataSchema)
  ])
]
