/**
 * The `check: selection-rate-ratio` requirement: each group's selection rate over a reference
 * group's (the "impact ratio"), with bootstrap intervals. With `min` it is the four-fifths screen
 * of the EEOC Uniform Guidelines (29 CFR 1607.4(D)); without it the ratios are reported only, as
 * NYC Local Law 144 bias audits require (the law sets no threshold).
 *
 *   - id: impact-ratio-sex
 *     check: selection-rate-ratio
 *     sensitiveFeatures: [sex]
 *     reference: highest          # or the reference group's value(s), one per feature
 *     min: 0.8                    # optional; the whole interval of the lowest ratio must be ≥ it
 *     excludeBelow: 0.02          # optional; groups under 2 % of the rows are left out …
 *     exclusionJustification: "…" # … and the policy says why
 *     unknownCategories: [Unknown]
 */
import { z } from 'zod'
import { groupFields } from './group-fields.js'
import { whenFieldsValid } from './refine-when.js'
import { requirementBaseFields } from './requirement-base.js'

export const selectionRateRatioRequirementSchema = z
  .strictObject({
    ...requirementBaseFields,
    check: z.literal('selection-rate-ratio'),
    ...groupFields,
    reference: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .default('highest')
      .describe(
        'highest: the group with the highest selection rate on the evaluation data; otherwise the ' +
          "reference group's value (one per sensitive feature)."
      ),
    min: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe('Lowest acceptable ratio (0.8: four-fifths); the whole interval of the lowest ratio must be ≥ it.'),
    excludeBelow: z
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe('Groups holding less than this share of the rows are excluded and listed (0.02 = 2 %).'),
    exclusionJustification: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('Why groups under excludeBelow may be left out; required with excludeBelow, shown in the result.'),
    unknownCategories: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Values meaning "category unknown": those rows are counted, reported and left out of the ratios.')
  })
  .superRefine(
    (req, ctx) => {
      if (req.excludeBelow !== undefined && req.exclusionJustification === undefined) {
        ctx.addIssue({
          code: 'custom',
          message:
            'excludeBelow needs exclusionJustification; fix: add exclusionJustification: "<why these ' +
            'groups may be left out>"',
          path: ['exclusionJustification']
        })
      }
      if (req.excludeBelow === undefined && req.exclusionJustification !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'exclusionJustification applies only with excludeBelow; fix: add excludeBelow or remove it',
          path: ['exclusionJustification']
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
      if (req.reference !== 'highest') {
        const values = typeof req.reference === 'string' ? [req.reference] : req.reference
        if (values.length !== req.sensitiveFeatures.length) {
          ctx.addIssue({
            code: 'custom',
            message:
              `reference needs one value per sensitive feature ` + `(${req.sensitiveFeatures.join(', ')}), or highest`,
            path: ['reference']
          })
        }
      }
    },
    whenFieldsValid(['sensitiveFeatures', 'reference', 'excludeBelow', 'exclusionJustification'])
  )

export type SelectionRateRatioRequirement = z.output<typeof selectionRateRatioRequirementSchema>
