/**
 * AI objectives a profile serves, after the list of objectives in ISO/IEC 42001:2023 Annex C
 * (the names are the project's short identifiers, not the standard's text). Metadata only: they
 * are shown in the card so a reader sees what a profile is for; they decide nothing.
 */
import { z } from 'zod'

export const AI_OBJECTIVES = [
  'accountability',
  'ai-expertise',
  'data-quality',
  'environmental-impact',
  'fairness',
  'maintainability',
  'privacy',
  'robustness',
  'safety',
  'security',
  'transparency'
] as const
export type AiObjective = (typeof AI_OBJECTIVES)[number]

export const objectivesSchema = z
  .array(z.enum(AI_OBJECTIVES, { error: `must be one of ${AI_OBJECTIVES.join(', ')}` }))
  .min(1, { error: 'is empty; fix: list at least one objective, e.g. [fairness], or remove objectives' })
  .refine((list) => new Set(list).size === list.length, { error: 'lists an objective twice; fix: list each once' })
  .optional()
  .describe('AI objectives (after ISO/IEC 42001 Annex C) this profile serves; shown in the card.')
