/**
 * The policy language as a zod schema: the single source of truth for validation, for the
 * TypeScript types and for the JSON Schema shipped to editors (`schemas/policy.schema.json`).
 *
 * Every object is strict so a misspelt key is an error rather than a silently ignored rule, and
 * requirements are a discriminated union on `check` so each kind validates its own fields.
 * Adding a check kind: one schema here (plus a member in `requirementSchema`), one file in
 * `src/core/checks/`, one line in the check registry.
 */
import { z } from 'zod'
import { isControlId } from '../controls/catalog.js'
import { DOCUMENTATION_SECTIONS } from '../documentation/types.js'
import { datasetNameProblems, metricDirectionProblems } from './cross-field-rules.js'
import { evaluationDataSchema, evaluationSchema } from './evaluation-schema.js'
import { fairnessRequirementSchema } from './fairness-schema.js'
import { identitySchema, identitiesSchema } from './identity-schema.js'
import { requirementBaseFields as baseFields, unknownControlMessage } from './requirement-base.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** True for a real calendar date written as YYYY-MM-DD (rejects 2027-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

const positive = (what: string) => z.number({ error: `${what} must be a number; fix: write e.g. ${what}: 0.01` }).nonnegative()

export const metricRequirementSchema = z
  .strictObject({
    ...baseFields,
    check: z.literal('metric'),
    metric: z.string().min(1).describe('Metric key as logged in MLflow (roc_auc, f1_score, …).'),
    source: z
      .enum(['logged', 'recomputed', 'reconciled'])
      .default('logged')
      .describe('logged: the run\'s metric; recomputed: the gate runs the model; reconciled: both must agree within tolerance.'),
    tolerance: positive('tolerance')
      .optional()
      .describe('Largest allowed |logged − recomputed| when source is reconciled.'),
    min: z.number().optional().describe('Lowest acceptable value (inclusive).'),
    max: z.number().optional().describe('Highest acceptable value (inclusive).'),
    baseline: z
      .string()
      .min(1)
      .optional()
      .describe('Alias of the version to compare with (champion).'),
    maxDecrease: positive('maxDecrease').optional().describe('Largest absolute drop allowed versus the baseline.'),
    maxRelativeDecrease: positive('maxRelativeDecrease')
      .optional()
      .describe('Largest relative drop allowed versus the baseline (0.02 = 2 %).'),
    higherIsBetter: z
      .boolean()
      .optional()
      .describe('Direction of a metric the gate does not know (needed with baseline); maxDecrease then limits the worsening in that direction.')
  })
  .superRefine((req, ctx) => {
    const bounded = req.min !== undefined || req.max !== undefined
    const compared = req.maxDecrease !== undefined || req.maxRelativeDecrease !== undefined
    if (!bounded && req.baseline === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a metric requirement needs min, max or baseline; fix: add e.g. min: 0.8', path: ['min'] })
    }
    if (req.min !== undefined && req.max !== undefined && req.min > req.max) {
      ctx.addIssue({ code: 'custom', message: `min (${req.min}) is above max (${req.max}); fix: swap them`, path: ['min'] })
    }
    if (req.baseline !== undefined && !compared) {
      ctx.addIssue({ code: 'custom', message: 'baseline needs maxDecrease or maxRelativeDecrease; fix: add e.g. maxDecrease: 0.01', path: ['baseline'] })
    }
    if (req.baseline === undefined && compared) {
      const key = req.maxDecrease !== undefined ? 'maxDecrease' : 'maxRelativeDecrease'
      ctx.addIssue({ code: 'custom', message: `${key} needs a baseline to compare with; fix: add baseline: champion`, path: [key] })
    }
    for (const problem of metricDirectionProblems(req)) ctx.addIssue({ code: 'custom', ...problem })
    if (req.source === 'reconciled' && req.tolerance === undefined) {
      ctx.addIssue({ code: 'custom', message: 'source: reconciled needs a tolerance; fix: add e.g. tolerance: 0.001', path: ['tolerance'] })
    }
    if (req.source !== 'reconciled' && req.tolerance !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'tolerance applies only to source: reconciled; fix: remove it or set source: reconciled', path: ['tolerance'] })
    }
  })

export const documentationRequirementSchema = z.strictObject({
  ...baseFields,
  check: z.literal('documentation'),
  sections: z
    .array(z.enum(DOCUMENTATION_SECTIONS))
    .min(1, { error: 'is empty; fix: list at least one documentation section, e.g. [intended_use, limitations]' })
    .describe('Card sections that must be present and not placeholders.')
})

export const DATASET_FIELDS = ['name', 'digest', 'source', 'sourceType', 'schema', 'profile'] as const

export const datasetsRequirementSchema = z.strictObject({
  ...baseFields,
  check: z.literal('datasets'),
  contexts: z
    .array(z.string().min(1))
    .min(1, { error: 'is empty; fix: list the dataset contexts to check, e.g. [training, evaluation]' })
    .describe('`mlflow.data.context` values that must each have a logged dataset.'),
  require: z
    .array(z.enum(DATASET_FIELDS))
    .default(['digest', 'source'])
    .describe('Dataset fields that must be non-empty.'),
  distinct: z
    .boolean()
    .default(false)
    .describe('When true, the datasets of the listed contexts must have different digests.'),
  names: z
    .record(z.string().min(1), z.string().min(1))
    .optional()
    .describe('context → dataset name: which dataset counts when a context has several (otherwise several is ambiguous and reported missing).')
}).superRefine((req, ctx) => {
  for (const problem of datasetNameProblems(req)) ctx.addIssue({ code: 'custom', ...problem })
})

export const artifactRequirementSchema = z.strictObject({
  ...baseFields,
  check: z.literal('artifact'),
  path: z
    .string()
    .min(1)
    .refine((path) => !path.startsWith('/') && !path.split('/').includes('..'), {
      error: 'must be relative to the run\'s artifact root, without ".."; fix: write e.g. impact_assessment.md'
    })
    .describe('Run-artifact path of the document.'),
  maxAgeDays: z
    .number()
    .int({ error: 'must be a whole number of days; fix: write e.g. maxAgeDays: 365' })
    .positive()
    .optional()
    .describe('The document must have a "Reviewed: YYYY-MM-DD" line with a real date, not in the future and at most this many days old.'),
  requiredHeadings: z
    .array(z.string().trim().min(1, { error: 'is empty; fix: write the heading text, e.g. Risks and mitigations' }))
    .min(1, { error: 'is empty; fix: list the Markdown headings the document must have, or remove requiredHeadings' })
    .optional()
    .describe('Markdown headings the document must contain (any level; compared case-insensitively, trimmed).')
})

/** The `approvers:` block of an approval requirement (checked against GitHub, see docs/github.md). */
export const approversSchema = z
  .strictObject({
    users: z
      .array(identitySchema)
      .min(1, { error: 'is empty; fix: list logins, or remove users' })
      .optional()
      .describe('Logins (GitHub logins for the GitHub sources; the exact approved_by value for mlflow-tag) allowed to approve.'),
    teams: z
      .array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, { error: 'must be written org/team-slug; fix: e.g. acme/release-managers' }))
      .min(1, { error: 'is empty; fix: list teams as org/team-slug, or remove teams' })
      .optional()
      .describe('Teams (org/team-slug) whose active members may approve; needs a token that can read organization members.'),
    permission: z
      .enum(['read', 'triage', 'write', 'maintain', 'admin'])
      .optional()
      .describe('Minimum role on the repository an approver must have.')
  })
  .refine((rules) => rules.users !== undefined || rules.teams !== undefined || rules.permission !== undefined, {
    error: 'is empty; fix: give users, teams or permission, or remove approvers'
  })

export const approvalRequirementSchema = z.strictObject({
  ...baseFields,
  check: z.literal('approval'),
  minApprovals: z.number().int().min(1).default(1).describe('Distinct approvers needed after separation of duties.'),
  sources: z
    .array(z.enum(['mlflow-tag', 'github-review', 'github-environment']))
    .min(1)
    .default(['mlflow-tag'])
    .describe('Where approvals are read from: mlflow-tag = version tags <tagPrefix>.approved_by / approved_at; github-review, github-environment = collected from GitHub.'),
  separationOfDuties: z
    .boolean()
    .default(true)
    .describe('Approvers equal to the run\'s user, the version\'s creator or the PR author do not count.'),
  tagPrefix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, { error: 'must be letters, digits, ".", "_" or "-"; fix: write e.g. tagPrefix: aims' })
    .default('aims')
    .describe('Prefix of the MLflow approval tags.'),
  approvers: approversSchema
    .optional()
    .describe(
      'Who may approve: named users, members of org/team, or people with at least a role on the repository; any one rule is enough. mlflow-tag approvals are checked by name against users (teams and permission need GitHub, so they never admit a tag approver). An approver that cannot be verified does not count.'
    ),
  maxAgeDays: z
    .number()
    .int({ error: 'must be a whole number of days; fix: write e.g. maxAgeDays: 30' })
    .positive()
    .optional()
    .describe('An approval older than this many days does not count.'),
  environments: z
    .array(z.string().min(1))
    .min(1, { error: 'is empty; fix: list the deployment environments whose approvals count, e.g. [model-release], or remove the key' })
    .optional()
    .describe('github-environment: only approvals of these deployment environments count (any environment of the run when absent).')
})
  .superRefine((req, ctx) => {
    // Enforced by the GitHub collector; on a requirement without that source it would be
    // silently ignored, which reads as a restriction that is not there.
    if (req.environments !== undefined && !req.sources.includes('github-environment')) {
      ctx.addIssue({ code: 'custom', message: 'environments applies to the github-environment source only; fix: add it to sources, or remove environments', path: ['environments'] })
    }
  })

export const requirementSchema = z.discriminatedUnion('check', [
  metricRequirementSchema,
  documentationRequirementSchema,
  datasetsRequirementSchema,
  artifactRequirementSchema,
  approvalRequirementSchema,
  fairnessRequirementSchema
])

export const CHECK_KINDS = ['metric', 'documentation', 'datasets', 'artifact', 'approval', 'fairness'] as const

export const profileSchema = z.strictObject({
  description: z.string().optional(),
  extends: z.string().min(1).optional().describe('Profile whose requirements this one inherits.'),
  requirements: z.array(requirementSchema).default([])
})

export const applicabilitySchema = z
  .strictObject({
    applicable: z.boolean(),
    justification: z.string().optional().describe('Why the control is excluded (required when applicable is false).')
  })
  .superRefine((entry, ctx) => {
    if (!entry.applicable && (entry.justification ?? '').trim() === '') {
      ctx.addIssue({
        code: 'custom',
        message: 'a control marked applicable: false needs a justification; fix: add justification: "<why it does not apply>"',
        path: ['justification']
      })
    }
  })

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
  approvedBy: z.string().min(1).describe('Who accepted the gap: the same identity and separation-of-duties rules as approvals apply.'),
  approved: isoDate.describe('Day (UTC) the waiver was approved, YYYY-MM-DD; expires may be at most maxWaiverDays later.'),
  expires: isoDate.describe('Last day (UTC) the waiver is valid, YYYY-MM-DD.')
})

export const policySchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: 'must be 1 (the only policy format so far); fix: write version: 1' }),
  name: z.string().min(1),
  description: z.string().optional(),
  defaultProfile: z.string().min(1).optional().describe('Profile used when none is named on the command line.'),
  evaluation: evaluationSchema.optional(),
  profiles: z
    .record(z.string().min(1), profileSchema)
    .refine((profiles) => Object.keys(profiles).length > 0, { error: 'is empty; fix: define at least one profile, e.g. production' }),
  controls: z
    .record(z.string(), applicabilitySchema)
    .default({})
    .superRefine((controls, ctx) => {
      for (const id of Object.keys(controls)) {
        if (!isControlId(id)) {
          ctx.addIssue({ code: 'custom', message: unknownControlMessage(id), path: [id] })
        }
      }
    })
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
export type MetricRequirement = z.output<typeof metricRequirementSchema>
export type DocumentationRequirement = z.output<typeof documentationRequirementSchema>
export type DatasetsRequirement = z.output<typeof datasetsRequirementSchema>
export type ArtifactRequirement = z.output<typeof artifactRequirementSchema>
export type ApprovalRequirement = z.output<typeof approvalRequirementSchema>
export type Waiver = z.output<typeof waiverSchema>
export type Applicability = z.output<typeof applicabilitySchema>
export type CheckKind = Requirement['check']

/** Every key the policy language knows, for "did you mean" on unknown keys. */
export const KNOWN_KEYS: readonly string[] = [
  ...new Set([
    ...Object.keys(policySchema.shape),
    ...Object.keys(profileSchema.shape),
    ...Object.keys(waiverSchema.shape),
    'applicable',
    'justification',
    ...Object.keys(metricRequirementSchema.shape),
    ...Object.keys(documentationRequirementSchema.shape),
    ...Object.keys(datasetsRequirementSchema.shape),
    ...Object.keys(artifactRequirementSchema.shape),
    ...Object.keys(approvalRequirementSchema.shape),
    ...Object.keys(approversSchema.shape),
    'person',
    'aliases',
    ...Object.keys(fairnessRequirementSchema.shape),
    ...Object.keys(evaluationSchema.shape),
    ...Object.keys(evaluationDataSchema.shape)
  ])
]

