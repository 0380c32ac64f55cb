/**
 * Human-owned documentation sections of a model card. The text comes from a card source in the
 * repository (`model-cards/<model>.md`, reviewed in pull requests) and from MLflow (descriptions,
 * namespaced tags); `resolve-documentation.ts` merges them by a documented rule.
 */
import type { Provenance } from '../evidence/types.js'

/** Known section ids. Policies may name only these (a typo is an error naming the closest). */
export const DOCUMENTATION_SECTIONS = [
  'intended_use',
  'out_of_scope_use',
  'users',
  'ai_interaction_disclosure',
  'architecture',
  'training_method',
  'training_data',
  'evaluation_data',
  'limitations',
  'failure_modes',
  'ethical_considerations',
  'human_oversight',
  'monitoring_plan',
  'support_contact',
  'license'
] as const

export type DocumentationSectionId = (typeof DOCUMENTATION_SECTIONS)[number]

export interface DocumentationSection {
  id: DocumentationSectionId
  title: string
  /** Absent when no source provides the section (rendered as missing, never left out). */
  text?: string
  provenance?: Provenance
}

export type DocumentationSet = Record<DocumentationSectionId, DocumentationSection>
