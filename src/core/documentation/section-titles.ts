/**
 * Human titles of the documentation sections, used to match `## Heading` lines in a card source
 * (either the id or the title is accepted) and to label sections in reports.
 */
import type { DocumentationSectionId } from './types.js'

export const DOCUMENTATION_SECTION_TITLES: Record<DocumentationSectionId, string> = {
  intended_use: 'Intended use',
  out_of_scope_use: 'Out-of-scope use',
  users: 'Users',
  ai_interaction_disclosure: 'AI interaction disclosure',
  architecture: 'Architecture',
  training_method: 'Training method',
  training_data: 'Training data',
  evaluation_data: 'Evaluation data',
  limitations: 'Limitations',
  failure_modes: 'Failure modes',
  ethical_considerations: 'Ethical considerations',
  human_oversight: 'Human oversight',
  monitoring_plan: 'Monitoring plan',
  support_contact: 'Support contact',
  license: 'License'
}
