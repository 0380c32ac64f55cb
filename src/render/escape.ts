/**
 * Escaping for everything that reaches a card, a job summary or a pull-request comment.
 *
 * Two kinds of text come in, and they are treated differently on purpose:
 *
 * - Text from MLflow (descriptions, tags, params, dataset names, run names…) and from the CI
 *   context is untrusted: anyone who can log a run can write it. It is fully escaped with
 *   `escapeMarkdownInline` / `escapeMarkdownBlock` / `escapeTableCell`, so it always renders as
 *   the literal characters that were logged and can never open HTML, a link, a table cell, a
 *   heading, a comment or a mention.
 *
 * - Human-owned sections from the repository's card source (`model-cards/<model>.md`) are
 *   reviewed in pull requests, so they keep their Markdown (lists, emphasis, links, code) and
 *   stay readable. What they cannot keep is anything that escapes the card's own structure or
 *   acts on readers: raw HTML and HTML comments (`<` becomes `&lt;` outside code), @mentions,
 *   Handlebars-looking `{{`, and unclosed code fences (closed at the end of the section).
 *   See `neutraliseReviewedMarkdown`.
 *
 * Values are never compiled as templates (the card template receives them as data), so `{{x}}`
 * in a value cannot be evaluated; it is still made visibly inert so a reader never mistakes it
 * for a template field.
 */
import { showControls } from '../core/text/control-chars.js'

/** ASCII punctuation that can start or end Markdown syntax anywhere in a line. */
const MARKDOWN_PUNCTUATION = new Set(['\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '!', '|', '~', '='])

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}

/** A zero-width space after `@` stops GitHub from turning `@user` / `@org/team` into a ping. */
const MENTION_BREAK = '&#8203;'

/**
 * Normalises line endings (a lone CR is a line break in Markdown) and makes control, bidi and
 * invisible format characters visible (see core/text/control-chars.ts): ESC → ␛, U+202E → [U+202E].
 */
export function cleanText(text: string): string {
  return showControls(text.replace(/\r\n?/g, '\n'))
}

/** Escapes the five HTML special characters. For attribute values and raw HTML contexts. */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c)
}

/**
 * Untrusted text inside raw HTML of a Markdown document (`<summary>…</summary>`): HTML-escaped,
 * one line, mentions broken and braces as entities. Markdown is not parsed inside an HTML block,
 * so backslash escapes would show; entities do not.
 */
export function escapeHtmlText(text: string): string {
  return escapeHtml(text.replace(/\s*\n\s*/g, ' '))
    .replace(/[{}]/g, (c) => (c === '{' ? '&#123;' : '&#125;'))
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${MENTION_BREAK}`)
}

/**
 * Escapes untrusted text for use inside a Markdown line (a list item, a sentence, a heading).
 * Line breaks become spaces, so the result is always one line; use `escapeMarkdownBlock` or
 * `escapeTableCell` when the text's lines should stay visible.
 */
export function escapeMarkdownInline(text: string): string {
  const clean = cleanText(text).replace(/[ \t]*\n\s*/g, ' ')
  let out = ''
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i] as string
    const entity = HTML_ENTITIES[c]
    if (entity !== undefined) out += entity
    else if (MARKDOWN_PUNCTUATION.has(c)) out += `\\${c}`
    else if (c === '@' && /[\p{L}\p{N}_-]/u.test(clean[i + 1] ?? '')) out += `@${MENTION_BREAK}`
    else out += c
  }
  // `-`, `+` and `1.` only mean something at the start of a line (lists, thematic breaks,
  // setext underlines); escaping them only there keeps names like `credit-risk` readable.
  return out.replace(/^(\s*)([-+])/, '$1\\$2').replace(/^(\s*\d{1,9})\.(?=\s|$)/, '$1\\.')
}

/**
 * Escapes untrusted multi-line text into a single inert paragraph: every line escaped, line
 * breaks kept visible as `<br>` (so nothing in the text can start a list, quote, code block
 * or heading, and blank lines cannot end the surrounding paragraph).
 */
export function escapeMarkdownBlock(text: string): string {
  return cleanText(text)
    .trim()
    .split('\n')
    .map((line) => escapeMarkdownInline(line.trim()))
    .join('<br>\n')
}

/** Escapes untrusted text for one cell of a GFM table: one line, pipes escaped. */
export function escapeTableCell(text: string): string {
  return cleanText(text)
    .trim()
    .split('\n')
    .map((line) => escapeMarkdownInline(line.trim()))
    .join('<br>')
}

/** The longest run of `char` in `text` (for choosing fences and code-span delimiters). */
function longestRun(text: string, char: string): number {
  let longest = 0
  let current = 0
  for (const c of text) {
    current = c === char ? current + 1 : 0
    longest = Math.max(longest, current)
  }
  return longest
}

/**
 * Wraps text in a fenced code block whose fence is longer than any backtick run inside, so the
 * text cannot close the block early. Inside a fence nothing is interpreted (no HTML, no
 * mentions, no links), so this is the choice for untrusted multi-line text that must keep its
 * exact layout (YAML, logs, JSON).
 */
export function fencedBlock(text: string, language = ''): string {
  const body = cleanText(text).replace(/\n+$/, '')
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1))
  return `${fence}${language}\n${body}\n${fence}`
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/
const ATX_HEADING = /^( {0,3})(#{1,6})(?=\s|$)/
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)\s*$/

/**
 * Keeps reviewed Markdown readable while making it inert for HTML: outside code, `<` becomes
 * `&lt;` (no tags, no comments, no closing the card's `<details>`), `@name` cannot ping, and
 * `{{` is broken up. Headings are demoted to level 4 (and setext underlines kept literal) so a
 * section's own sub-headings nest under the card's section title instead of breaking its outline. Code fences are left as written (nothing inside a fence is interpreted);
 * a fence left open is closed at the end so it cannot swallow the rest of the card.
 */
export function neutraliseReviewedMarkdown(text: string): string {
  const lines = cleanText(text).replace(/\n+$/, '').split('\n')
  let openFence: string | undefined
  const out = lines.map((line, index) => {
    const fence = FENCE_LINE.exec(line)?.[1]
    if (openFence !== undefined) {
      if (fence !== undefined && fence[0] === openFence[0] && fence.length >= openFence.length && line.trim() === fence) {
        openFence = undefined
      }
      return line
    }
    if (fence !== undefined) {
      openFence = fence
      return line
    }
    if (SETEXT_UNDERLINE.test(line) && (lines[index - 1] ?? '').trim() !== '') {
      // Would turn the line above into a level-1/2 heading: keep it as literal text.
      return line.replace(/[=-]/g, (c) => `\\${c}`)
    }
    return line
      .replace(ATX_HEADING, (_, indent: string, hashes: string) => `${indent}${hashes.length < 4 ? '####' : hashes}`)
      .replace(/</g, '&lt;')
      .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${MENTION_BREAK}`)
      .replace(/[{}]/g, (c) => `\\${c}`)
  })
  if (openFence !== undefined) out.push(openFence)
  return out.join('\n')
}

/** The marker appended to text that was shortened, stating how much was cut. */
export function cutMarker(cut: number): string {
  return `… (${cut.toLocaleString('en-US')} characters cut)`
}

/**
 * Shortens text to at most `max` characters (UTF-16 units), marker included, ending with
 * "… (N characters cut)". Never splits a surrogate pair.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text
  let keep = Math.max(0, max - cutMarker(text.length).length)
  if (keep > 0 && /[\uD800-\uDBFF]/.test(text[keep - 1] ?? '')) keep -= 1
  return `${text.slice(0, keep)}${cutMarker(text.length - keep)}`
}

/** UTF-8 byte length (GitHub's summary limit is in bytes). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}

/**
 * Shortens Markdown to at most `maxBytes` UTF-8 bytes, cutting at a line boundary, closing a
 * code fence left open by the cut, and stating what was cut (`what` names the part, e.g.
 * "model card"). Returns the text unchanged when it fits.
 */
export function truncateMarkdown(text: string, maxBytes: number, what: string): string {
  if (utf8Length(text) <= maxBytes) return text
  const lines = text.split('\n')
  const kept: string[] = []
  let bytes = 0
  for (const line of lines) {
    const size = utf8Length(line) + 1
    if (bytes + size > maxBytes - 200) break // room for a closing fence and the note
    kept.push(line)
    bytes += size
  }
  for (;;) {
    const result = closeAndNote(kept, text.length, what)
    if (utf8Length(result) <= maxBytes || kept.length === 0) return result
    kept.pop()
  }
}

function closeAndNote(kept: string[], originalLength: number, what: string): string {
  const keptText = kept.join('\n')
  let openFence: string | undefined
  for (const line of kept) {
    const fence = FENCE_LINE.exec(line)?.[1]
    if (fence === undefined) continue
    if (openFence === undefined) openFence = fence
    else if (fence[0] === openFence[0] && fence.length >= openFence.length && line.trim() === fence) openFence = undefined
  }
  const close = openFence !== undefined ? `\n${openFence}` : ''
  return `${keptText}${close}\n\n_${escapeMarkdownInline(what)} truncated to fit the size limit ${cutMarker(originalLength - keptText.length)}._\n`
}

/**
 * Untrusted text as an inline code span: the delimiter is longer than any backtick run inside,
 * and newlines become spaces. Nothing inside a code span is interpreted (no HTML, no mention),
 * so this keeps identifiers copyable. Not for table cells: GFM splits cells on `|` even there.
 */
export function inlineCode(text: string): string {
  const body = cleanText(text).replace(/\n/g, ' ')
  const ticks = '`'.repeat(longestRun(body, '`') + 1)
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${body}${pad}${ticks}`
}
