/**
 * The `check: calibration` requirement: Brier score or expected calibration error of the
 * model's scores, overall and in every group of the sensitive features, each with a bootstrap
 * interval; `max` must hold over every whole interval.
 *
 *   - id: calibration-sex
 *     check: calibration
 *     metric: expected_calibration_error   # or brier_score
 *     sensitiveFeatures: [sex]
 *     bins: 10                             # equal-width bins of [0, 1] (ECE only)
 *     max: 0.05
 */
import { z } from 'zod'
import { groupFields } from './group-fields.js'
import { requirementBaseFields } from './requirement-base.js'

export const CALIBRATION_METRICS = ['brier_score', 'expected_calibration_error'] as const
export type CalibrationMetric = (typeof CALIBRATION_METRICS)[number]

const { predictionColumn: _scoresNeeded, ...fields } = groupFields

export const calibrationRequirementSchema = z.strictObject({
  ...requirementBaseFields,
  check: z.literal('calibration'),
  metric: z
    .enum(CALIBRATION_METRICS, { error: `metric must be one of ${CALIBRATION_METRICS.join(', ')}` })
    .describe('brier_score (sklearn brier_score_loss) or expected_calibration_error (equal-width bins).'),
  ...fields,
  bins: z
    .number()
    .int({ error: 'bins must be a whole number, e.g. 10' })
    .min(2)
    .max(100)
    .default(10)
    .describe("Equal-width bins of [0, 1] for the ECE, as sklearn's calibration_curve(strategy='uniform')."),
  max: z
    .number()
    .positive()
    .max(1)
    .describe('Highest acceptable value; the whole interval, overall and in every group, must be at or below it.')
})

export type CalibrationRequirement = z.output<typeof calibrationRequirementSchema>
