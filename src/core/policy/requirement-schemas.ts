/**
 * The schemas of the check kinds that read MLflow records: a metric, documentation sections,
 * logged datasets, a run artifact. Approvals and fairness have their own files
 * (`approval-schema.ts`, `fairness-schema.ts`); `schema.ts` joins them all in `requirementSchema`.
 */
import { z } from 'zod'
import { DOCUMENTATION_SECTIONS } from '../documentation/types.js'
import { datasetNameProblems, metricDirectionProblems } from './cross-field-rules.js'
import { whenFieldsValid } from './refine-when.js'
import { requirementBaseFields as baseFields } from './requirement-base.js'

const positive = (what: string) =>
  z.number({ error: `${what} must be a number; fix: write e.g. ${what}: 0.01` }).nonnegative()

export const metricRequirementSchema = z
  .strictObject({
    ...baseFields,
    check: z.literal('metric'),
    metric: z.string().min(1).describe('Metric key as logged in MLflow (roc_auc, f1_score, …).'),
    source: z
      .enum(['logged', 'recomputed', 'reconciled'])
      .default('logged')
      .describe(
        "logged: the run's metric; recomputed: the gate runs the model; reconciled: both must agree within tolerance."
      ),
    tolerance: positive('tolerance')
      .optional()
      .describe('Largest allowed |logged − recomputed| when source is reconciled.'),
    min: z.number().optional().describe('Lowest acceptable value (inclusive).'),
    max: z.number().optional().describe('Highest acceptable value (inclusive).'),
    baseline: z.string().min(1).optional().describe('Alias of the version to compare with (champion).'),
    maxDecrease: positive('maxDecrease').optional().describe('Largest absolute drop allowed versus the baseline.'),
    maxRelativeDecrease: positive('maxRelativeDecrease')
      .optional()
      .describe('Largest relative drop allowed versus the baseline (0.02 = 2 %).'),
    higherIsBetter: z
      .boolean()
      .optional()
      .describe(
        'Direction of a metric the gate does not know (needed with baseline); ' +
          'maxDecrease then limits the worsening in that direction.'
      )
  })
  .superRefine(
    (req, ctx) => {
      const bounded = req.min !== undefined || req.max !== undefined
      const compared = req.maxDecrease !== undefined || req.maxRelativeDecrease !== undefined
      if (!bounded && req.baseline === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'a metric requirement needs min, max or baseline; fix: add e.g. min: 0.8',
          path: ['min']
        })
      }
      if (req.min !== undefined && req.max !== undefined && req.min > req.max) {
        ctx.addIssue({
          code: 'custom',
          message: `min (${req.min}) is above max (${req.max}); fix: swap them`,
          path: ['min']
        })
      }
      if (req.baseline !== undefined && !compared) {
        ctx.addIssue({
          code: 'custom',
          message: 'baseline needs maxDecrease or maxRelativeDecrease; fix: add e.g. maxDecrease: 0.01',
          path: ['baseline']
        })
      }
      if (req.baseline === undefined && compared) {
        const key = req.maxDecrease !== undefined ? 'maxDecrease' : 'maxRelativeDecrease'
        ctx.addIssue({
          code: 'custom',
          message: `${key} needs a baseline to compare with; fix: add baseline: champion`,
          path: [key]
        })
      }
      for (const problem of metricDirectionProblems(req)) ctx.addIssue({ code: 'custom', ...problem })
      if (req.source === 'reconciled' && req.tolerance === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'source: reconciled needs a tolerance; fix: add e.g. tolerance: 0.001',
          path: ['tolerance']
        })
      }
      if (req.source !== 'reconciled' && req.tolerance !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'tolerance applies only to source: reconciled; fix: remove it or set source: reconciled',
          path: ['tolerance']
        })
      }
    },
    whenFieldsValid([
      'metric',
      'source',
      'tolerance',
      'min',
      'max',
      'baseline',
      'maxDecrease',
      'maxRelativeDecrease',
      'higherIsBetter'
    ])
  )

export const documentationRequirementSchema = z.strictObject({
  ...baseFields,
  check: z.literal('documentation'),
  sections: z
    .array(z.enum(DOCUMENTATION_SECTIONS))
    .min(1, { error: 'is empty; fix: list at least one documentation section, e.g. [intended_use, limitations]' })
    .describe('Card sections that must be present and not placeholders.')
})

export const DATASET_FIELDS = [
  'name',
  'digest',
  'source',
  'sourceType',
  'schema',
  'profile',
  'licence',
  'rights',
  'rationale'
] as const

export const datasetsRequirementSchema = z
  .strictObject({
    ...baseFields,
    check: z.literal('datasets'),
    contexts: z
      .array(z.string().min(1))
      .min(1, { error: 'is empty; fix: list the dataset contexts to check, e.g. [training, evaluation]' })
      .describe('`mlflow.data.context` values that must each have a logged dataset.'),
    require: z
      .array(z.enum(DATASET_FIELDS))
      .default(['digest', 'source'])
      .describe(
        'Dataset fields that must be non-empty. licence, rights and rationale (acquisition of data, ' +
          'A.7.3) are read from the dataset input tags aims.licence, aims.rights, aims.rationale, or the ' +
          'run tags aims.dataset.<dataset name>.<field>; placeholders (n/a, unknown, TODO) do not count.'
      ),
    distinct: z
      .boolean()
      .default(false)
      .describe('When true, the datasets of the listed contexts must have different digests.'),
    names: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .describe(
        'context → dataset name: which dataset counts when a context has several ' +
          '(otherwise several is ambiguous and reported missing).'
      )
  })
  .superRefine(
    (req, ctx) => {
      for (const problem of datasetNameProblems(req)) ctx.addIssue({ code: 'custom', ...problem })
    },
    whenFieldsValid(['contexts', 'names'])
  )

/** Headings every deployment plan must have, each with written text under it. */
export const DEPLOYMENT_PLAN_HEADINGS = ['Rollout', 'Rollback', 'Release criteria'] as const

export const artifactRequirementSchema = z
  .strictObject({
    ...baseFields,
    check: z.literal('artifact'),
    document: z
      .enum(['deployment-plan'])
      .optional()
      .describe(
        'What the document is. deployment-plan: it must also have the headings ' +
          `${DEPLOYMENT_PLAN_HEADINGS.join(', ')}, each with text under it, and maxAgeDays is required; ` +
          'only then may the requirement claim A.6.2.5.'
      ),
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
      .describe(
        'The document must have a "Reviewed: YYYY-MM-DD" line with a real date, not in ' +
          'the future and at most this many days old.'
      ),
    requiredHeadings: z
      .array(z.string().trim().min(1, { error: 'is empty; fix: write the heading text, e.g. Risks and mitigations' }))
      .min(1, { error: 'is empty; fix: list the Markdown headings the document must have, or remove requiredHeadings' })
      .optional()
      .describe('Markdown headings the document must contain (any level; compared case-insensitively, trimmed).')
  })
  .superRefine(
    (req, ctx) => {
      // A plan nobody has looked at since it was written is not a plan that is followed.
      if (req.document === 'deployment-plan' && req.maxAgeDays === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'a deployment plan needs a review date limit; fix: add maxAgeDays, e.g. maxAgeDays: 180',
          path: ['maxAgeDays']
        })
      }
    },
    whenFieldsValid(['document', 'maxAgeDays'])
  )

export type MetricRequirement = z.output<typeof metricRequirementSchema>
export type DocumentationRequirement = z.output<typeof documentationRequirementSchema>
export type DatasetsRequirement = z.output<typeof datasetsRequirementSchema>
export type ArtifactRequirement = z.output<typeof artifactRequirementSchema>
