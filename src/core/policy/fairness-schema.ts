/**
 * The `check: fairness` requirement. A member of the policy's requirement union (see schema.ts);
 * kept in its own file because it carries the most fields and rules of any check.
 *
 *   - id: dp-sex
 *     check: fairness
 *     metric: demographic_parity_difference
 *     sensitiveFeatures: [sex]        # several = intersectional groups (sex × race)
 *     max: 0.10                       # or min, for ratios
 *     minGroupSize: 30
 *     confidence: 0.95                # decided on the interval bound, not the point estimate
 *     controls: [A.5.4, A.6.2.4]
 */
import { z } from 'zod'
import { whenFieldsValid } from './refine-when.js'
import { DISPARITY_METRICS, RATE_METRICS } from '../fairness/metrics.js'
import { groupFields } from './group-fields.js'
import { requirementBaseFields } from './requirement-base.js'

/** Every metric a fairness requirement may name: disparities, then per-group ("every group") figures. */
export const FAIRNESS_METRICS = [...DISPARITY_METRICS, ...RATE_METRICS, 'roc_auc'] as const
export type FairnessMetric = (typeof FAIRNESS_METRICS)[number]

export const fairnessRequirementSchema = z
  .strictObject({
    ...requirementBaseFields,
    check: z.literal('fairness'),
    metric: z
      .enum(FAIRNESS_METRICS, {
        error: `metric must be one of ${FAIRNESS_METRICS.join(', ')}`
      })
      .describe('A disparity across groups (fairlearn definitions), or a per-group figure that every group must meet.'),
    sensitiveFeatures: groupFields.sensitiveFeatures,
    max: z.number().optional().describe('Highest acceptable value; the whole interval must be at or below it.'),
    min: z.number().optional().describe('Lowest acceptable value; the whole interval must be at or above it.'),
    minGroupSize: groupFields.minGroupSize,
    confidence: groupFields.confidence,
    nBoot: groupFields.nBoot,
    seed: groupFields.seed,
    referenceGroup: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe(
        'disparate_impact_ratio only: the group the others are compared with (one value per sensitive feature).'
      ),
    predictionColumn: groupFields.predictionColumn
  })
  .superRefine(
    (req, ctx) => {
      if (req.min === undefined && req.max === undefined) {
        const hint = req.metric.endsWith('_ratio') ? 'min: 0.8' : 'max: 0.1'
        ctx.addIssue({
          code: 'custom',
          message: `a fairness requirement needs min or max; add e.g. ${hint}`,
          path: ['max']
        })
      }
      if (req.min !== undefined && req.max !== undefined && req.min > req.max) {
        ctx.addIssue({
          code: 'custom',
          message: `min (${req.min}) is above max (${req.max}); swap them`,
          path: ['min']
        })
      }
      if (req.metric.endsWith('_difference') && req.min !== undefined && req.max === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${req.metric} is better when smaller; give a max (e.g. max: 0.1) instead of min`,
          path: ['min']
        })
      }
      if (req.metric.endsWith('_ratio') && req.max !== undefined && req.min === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${req.metric} is better when closer to 1; give a min (e.g. min: 0.8) instead of max`,
          path: ['max']
        })
      }
      const duplicate = req.sensitiveFeatures.find((f, i) => req.sensitiveFeatures.indexOf(f) !== i)
      if (duplicate !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `sensitive feature "${duplicate}" is listed twice; list each column once`,
          path: ['sensitiveFeatures']
        })
      }
      if (req.referenceGroup !== undefined) {
        if (req.metric !== 'disparate_impact_ratio') {
          ctx.addIssue({
            code: 'custom',
            message: 'referenceGroup applies only to metric: disparate_impact_ratio; remove it',
            path: ['referenceGroup']
          })
        }
        const values = typeof req.referenceGroup === 'string' ? [req.referenceGroup] : req.referenceGroup
        if (values.length !== req.sensitiveFeatures.length) {
          ctx.addIssue({
            code: 'custom',
            message:
              `referenceGroup needs one value per sensitive feature ` +
              `(${req.sensitiveFeatures.join(', ')}), e.g. ` +
              `[${req.sensitiveFeatures.map(() => '"…"').join(', ')}]`,
            path: ['referenceGroup']
          })
        }
      }
    },
    whenFieldsValid(['metric', 'min', 'max', 'sensitiveFeatures', 'referenceGroup'])
  )

export type FairnessRequirement = z.output<typeof fairnessRequirementSchema>
export type FairnessRequirementInput = z.input<typeof fairnessRequirementSchema>
