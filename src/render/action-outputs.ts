/**
 * The action's outputs as plain strings (the entry sets them with @actions/core). Pure, so the
 * names and formats are tested without a runner. Values are single-line: a newline in an output
 * value would need GITHUB_OUTPUT's heredoc form and is never useful here.
 */
import type { Verdict } from '../core/verdict/types.js'

export const ACTION_OUTPUT_NAMES = [
  'verdict',
  'blocking',
  'report-path',
  'card-path',
  'card-html-path',
  'report-sha256',
  'card-sha256'
] as const
export type ActionOutputName = (typeof ACTION_OUTPUT_NAMES)[number]

export interface ActionOutputsInput {
  verdict: Verdict
  reportPath: string
  cardPath: string
  /** The card's HTML view, beside the Markdown card. */
  cardHtmlPath: string
  reportSha256: string
  cardSha256: string
}

const oneLine = (value: string): string => value.replace(/[\r\n]+/g, ' ')

/**
 * `verdict` is `pass` or `fail`; `blocking` is the blocking requirement ids joined with commas
 * (empty when nothing blocks), so `contains(steps.gate.outputs.blocking, 'auc-floor')` works.
 */
export function buildActionOutputs(input: ActionOutputsInput): Record<ActionOutputName, string> {
  return {
    verdict: input.verdict.verdict,
    blocking: oneLine(input.verdict.blocking.join(',')),
    'report-path': oneLine(input.reportPath),
    'card-path': oneLine(input.cardPath),
    'card-html-path': oneLine(input.cardHtmlPath),
    'report-sha256': input.reportSha256,
    'card-sha256': input.cardSha256
  }
}
