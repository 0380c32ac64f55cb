/**
 * Fields every requirement judged on groups of the evaluation data shares (fairness,
 * selection-rate ratio): the sensitive columns, the smallest group judged, the bootstrap that
 * gives the interval the decision rests on, and an optional prediction column.
 */
import { z } from 'zod'

export const groupFields = {
  sensitiveFeatures: z
    .array(z.string().min(1))
    .min(1, { error: 'list at least one sensitive feature column, e.g. [sex]' })
    .describe('Columns of the evaluation data defining the groups; several give intersectional groups.'),
  minGroupSize: z
    .number()
    .int({ error: 'minGroupSize must be a whole number of rows' })
    .min(1)
    .default(30)
    .describe('Groups with fewer rows are reported, excluded from the metric, and named in the result.'),
  confidence: z
    .number()
    .gt(0, { error: 'confidence must be between 0 and 1, e.g. 0.95' })
    .lt(1, { error: 'confidence must be between 0 and 1, e.g. 0.95' })
    .default(0.95)
    .describe('Coverage of the bootstrap interval the decision is made on.'),
  nBoot: z
    .number()
    .int({ error: 'nBoot must be a whole number of resamples' })
    .min(100, { error: 'nBoot must be at least 100 for a usable interval; the default is 1000' })
    .max(100_000)
    .default(1000)
    .describe('Bootstrap resamples.'),
  seed: z
    .number()
    .int()
    .nonnegative()
    .max(Number.MAX_SAFE_INTEGER)
    .default(42)
    .describe('Seed of the bootstrap; recorded in the result.'),
  predictionColumn: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Column of the evaluation data holding predicted classes (not scores), judged ' +
        'instead of running the model; label and positive class come from the evaluation ' +
        'block. Without it the model is run.'
    )
}
