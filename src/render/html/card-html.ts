/**
 * The model card as one self-contained HTML page (written beside the Markdown card): the verdict
 * in a banner at the top, then the card's Markdown body rendered safely (markdown-to-html.ts),
 * with inline CSS only. A Content-Security-Policy forbids every script and every fetch, so even
 * a renderer mistake could not run code or load a tracking pixel when an auditor opens the file.
 *
 * The YAML front matter is left out: it is machine metadata for Hugging Face (tags, licence, the
 * metrics again as `model-index`) and the gate's own fields, all of which the body and the
 * banner already show in readable form; dumping YAML would only add a second, harder-to-read
 * copy of the same facts.
 *
 * The verdict comes from the gate's verdict, not from the Markdown, so a custom template that
 * drops or rewords the verdict line cannot change what the banner says.
 */
import { escapeHtml } from '../escape.js'
import { splitFrontMatter } from '../summary.js'
import { CARD_CSS } from './card-css.js'
import { markdownToHtml } from './markdown-to-html.js'

export interface CardHtmlInput {
  /** The card as written to `<version>.md` (front matter and body). */
  card: string
  model: string
  version: string
  verdict: 'pass' | 'fail'
  /** Ids of the blocking requirements that failed or are missing. */
  blocking: readonly string[]
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'"

function banner(input: CardHtmlInput): string {
  const subject = `${escapeHtml(input.model)} version ${escapeHtml(input.version)}`
  if (input.verdict === 'pass') {
    return [
      '<section class="verdict verdict-pass" aria-label="Verdict">',
      '<p class="verdict-word">✅ PASS: release allowed</p>',
      `<p>${subject} met every blocking requirement of the policy profile.</p>`,
      '</section>'
    ].join('\n')
  }
  const ids = input.blocking.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')
  const why =
    input.blocking.length === 0
      ? 'The gate blocked the release.'
      : `Blocked by ${input.blocking.length === 1 ? 'requirement' : `${input.blocking.length} requirements`}: ${ids}.`
  return [
    '<section class="verdict verdict-fail" aria-label="Verdict">',
    '<p class="verdict-word">⛔ BLOCKED: release not allowed</p>',
    `<p>${subject} must not be released. ${why} See the Requirements table for what ` +
      `each one observed and expected.</p>`,
    '</section>'
  ].join('\n')
}

/**
 * The body as HTML; should markdown-it ever fail on some input, the Markdown is shown as plain
 * text instead, so the page (and the report written after it) is never lost to a renderer bug.
 */
function bodyHtml(markdown: string): string {
  try {
    return markdownToHtml(markdown).trimEnd()
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error'
    return (
      `<p>The card's Markdown could not be rendered as HTML (${escapeHtml(reason)}); ` +
      `it is shown as text.</p>\n<pre>${escapeHtml(markdown)}</pre>`
    )
  }
}

export function renderCardHtml(input: CardHtmlInput): string {
  const { body } = splitFrontMatter(input.card)
  const title =
    `Model card: ${escapeHtml(input.model)} v${escapeHtml(input.version)} ` +
    `(${input.verdict === 'pass' ? 'pass' : 'blocked'})`
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${title}</title>`,
    `<style>${CARD_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    banner(input),
    bodyHtml(body),
    '</main>',
    '</body>',
    '</html>',
    ''
  ].join('\n')
}
