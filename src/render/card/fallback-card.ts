/**
 * What is written in place of the model card when it could not be rendered, so no stale card
 * from an earlier run stays beside the report that says why. Every value is escaped: the model
 * name comes from MLflow and the reason may quote it.
 */
import { escapeMarkdownInline } from '../escape.js'

export function fallbackCard(model: string, version: string, reason: string): string {
  return [
    `# Model card: ${escapeMarkdownInline(model)} v${escapeMarkdownInline(version)}`,
    '',
    `The model card could not be rendered: ${escapeMarkdownInline(reason)}`,
    '',
    'The release is blocked; the JSON report beside this file says why.',
    ''
  ].join('\n')
}
