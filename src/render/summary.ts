/**
 * The GitHub job summary: verdict first, then the compact requirements table, then the card in
 * a collapsed section. GitHub refuses a step summary over 1 MiB, so the output is kept under
 * `maxBytes` by cutting the card first and the table second, each cut stated in the text.
 */
import type { Evidence } from '../core/evidence/types.js'
import type { Verdict } from '../core/verdict/types.js'
import type { PolicyIdentity } from './card/card-model.js'
import {
  cutMarker,
  escapeHtmlText,
  escapeMarkdownInline,
  fencedBlock,
  truncateMarkdown,
  truncateText,
  utf8Length
} from './escape.js'
import { policyDetailsMarkdown, policyWarningMarkdown } from './policy-change-markdown.js'
import type { Report } from './report-schema.js'
import { requirementsTable, verdictHeadline } from './requirements-table.js'

/** GitHub's limit for one step's summary, in bytes. */
export const SUMMARY_MAX_BYTES = 1024 * 1024

export interface SummaryInput {
  verdict: Verdict
  evidence: Evidence
  policy: PolicyIdentity
  /** The report's policy sections: which version governed, what the change does to it. */
  governance?: Pick<Report['policy'], 'governing' | 'change'>
  /** The rendered card (with its front matter). */
  card: string
  /** Where the card and report were written (shown so a reader can find the full text). */
  cardPath?: string
  reportPath?: string
  maxBytes?: number
}

/** Splits `---\nYAML\n---\nbody` into its parts; a card without front matter is all body. */
export function splitFrontMatter(card: string): { frontMatter: string | undefined; body: string } {
  const match = /^---\n([\s\S]*?\n)---\n/.exec(card)
  if (match === null) return { frontMatter: undefined, body: card }
  return { frontMatter: match[1], body: card.slice(match[0].length) }
}

function cardSection(input: SummaryInput, budget: number): string {
  const v = input.evidence.candidate.modelVersion.value
  const open =
    `<details>\n<summary>Model card: ${escapeHtmlText(truncateText(v.name, 200))} ` +
    `v${escapeHtmlText(truncateText(v.version, 50))}</summary>\n\n`
  const close = '\n\n</details>\n'
  const { frontMatter, body } = splitFrontMatter(input.card)
  // The front matter is data, not prose: shown verbatim in a fence so it stays inert.
  const content = `${frontMatter !== undefined ? `${fencedBlock(frontMatter, 'yaml')}\n\n` : ''}${body.trim()}`
  const room = budget - utf8Length(open) - utf8Length(close)
  if (room < 1024) {
    return `_Model card omitted to fit the size limit ${cutMarker(content.length)}._\n`
  }
  return `${open}${truncateMarkdown(content, room, 'Model card')}${close}`
}

export function renderJobSummary(input: SummaryInput): string {
  const maxBytes = input.maxBytes ?? SUMMARY_MAX_BYTES
  const warning = input.governance ? policyWarningMarkdown(input.governance) : ''
  const details = input.governance ? policyDetailsMarkdown(input.governance) : ''
  const head =
    `${warning === '' ? '' : `${warning}\n\n`}` +
    `${verdictHeadline(input.verdict, input.evidence, input.policy)}\n\n${details === '' ? '' : `${details}\n\n`}`
  const files = [
    input.cardPath !== undefined ? `card: ${escapeMarkdownInline(input.cardPath)}` : undefined,
    input.reportPath !== undefined ? `report: ${escapeMarkdownInline(input.reportPath)}` : undefined
  ].filter((f) => f !== undefined)
  const foot = files.length > 0 ? `\nFull text in the workspace (${files.join(', ')}).\n` : ''
  const fixed = utf8Length(head) + utf8Length(foot) + 4
  // The table may use at most half of what is left; the card gets the rest.
  const tableBytes = Math.max(2048, Math.floor((maxBytes - fixed) / 2))
  const table = `${truncateMarkdown(requirementsTable(input.verdict), tableBytes, 'Requirements table')}\n\n`
  const card = cardSection(input, maxBytes - fixed - utf8Length(table))
  const summary = `${head}${table}${card}${foot}`
  if (utf8Length(summary) <= maxBytes) return summary
  // Only reachable with absurdly small limits: keep the verdict, state the rest was cut.
  return truncateMarkdown(summary, maxBytes, 'Job summary')
}
