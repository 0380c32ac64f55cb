/**
 * The `check: subgroup-performance` requirement: one performance figure in every group of the
 * sensitive features, each with a bootstrap interval; `min` must hold for every group's whole
 * interval and/or `maxGap` for the whole interval of the best-minus-worst gap.
 *
 *   - id: recall-by-age
 *     check: subgroup-performance
 *     metric: true_positive_rate     # recall
 *     sensitiveFeatures: [age_band]
 *     min: 0.7
 *     maxGap: 0.1
 */
import { z } from 'zod'
import { RATE_METRICS } from '../fairness/metrics.js'
import { groupFields } from './group-fields.js'
import { whenFieldsValid } from './refine-when.js'
import { requirementBaseFields } from './requirement-base.js'

export const subgroupPerformanceRequirementSchema = z
  .strictObject({
    ...requirementBaseFields,
    check: z.literal('subgroup-performance'),
    metric: z
      .enum(RATE_METRICS, { error: `metric must be one of ${RATE_METRICS.join(', ')}` })
      .describe('Per-group figure (fairlearn / scikit-learn definitions); true_positive_rate is recall.'),
    ...groupFields,
    min: z.number().min(0).max(1).optional().describe("Every included group's whole interval must be at or above it."),
    maxGap: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('The whole interval of (best group − worst group) must be at or below it.')
  })
  .superRefine(
    (req, ctx) => {
      if (req.min === undefined && req.maxGap === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'a subgroup-performance requirement needs min or maxGap; fix: add e.g. min: 0.7',
          path: ['min']
        })
      }
    },
    whenFieldsValid(['min', 'maxGap'])
  )

export type SubgroupPerformanceRequirement = z.output<typeof subgroupPerformanceRequirementSchema>
