/**
 * The starter card source (`model-cards/<model>.md`): one `## Heading` per documentation section
 * the starter policy requires, each explained in an HTML comment (which the card-source reader
 * ignores) and holding `TODO`, which counts as missing, so the documentation requirements block
 * until a person writes every section. The model name comes from MLflow: escaped, never Markdown.
 */
import { DOCUMENTATION_SECTION_TITLES } from '../../core/documentation/section-titles.js'
import type { DocumentationSectionId } from '../../core/documentation/types.js'
import { escapeMarkdownInline } from '../escape.js'

/** What each section is for: the question a reader of the card asks. */
const GUIDANCE: Record<DocumentationSectionId, string> = {
  intended_use: 'What the model decides or scores, for whom, and in which process.',
  out_of_scope_use: 'Uses the model must not be put to (other populations, decisions, countries).',
  users: "Who uses the model's output, and what they are trained to do with it.",
  ai_interaction_disclosure: 'How people affected by the output learn that an AI system was involved.',
  architecture: 'The kind of model (e.g. gradient-boosted trees) and its inputs and output.',
  training_method: 'How it was trained: algorithm, tuning, validation split.',
  training_data:
    'What the training data is, where it comes from, its period and known gaps. The dataset ' +
    'names and digests come from MLflow: do not copy them here.',
  evaluation_data: 'What the evaluation data is and why it represents the people the model is used on.',
  limitations: 'Where the model is known to be weak or untested.',
  failure_modes: 'How it fails, and what happens downstream when it does.',
  ethical_considerations: 'Groups that could be harmed, fairness measured, and the trade-offs accepted.',
  human_oversight: 'Who reviews the output, when a person must decide instead, and how to override it.',
  monitoring_plan: 'What is monitored in production (drift, performance, complaints), by whom, how often.',
  support_contact: "Who to contact about the model (a team address, not a person's).",
  license: 'The licence as an SPDX id in the first sentence, e.g. "Model and card: Apache-2.0."'
}

export function renderCardSource(model: string, sections: readonly DocumentationSectionId[]): string {
  const lines = [
    `# ${escapeMarkdownInline(model)}`,
    '',
    '<!--',
    "Card source written by aims-gate init: the human-written sections of this model's card.",
    'Replace each TODO with real text; a section that says only TODO counts as missing and blocks',
    'the profiles that require it. Numbers (metrics, digests, approvals) come from MLflow: leave',
    'them out. Format: model-cards/README.md of aims-gate.',
    '-->',
    ''
  ]
  for (const id of [...new Set(sections)]) {
    lines.push(`## ${DOCUMENTATION_SECTION_TITLES[id]}`, '', `<!-- ${GUIDANCE[id]} -->`, '', 'TODO', '')
  }
  return lines.join('\n')
}
