/**
 * Escaping for everything that reaches a card, a job summary or a pull-request comment.
 *
 * Two kinds of text come in, and they are treated differently on purpose:
 *
 * - Text from MLflow (descriptions, tags, params, dataset names, run names…) and from the CI
 *   context is untrusted: anyone who can log a run can write it. It is fully escaped with
 *   `escapeMarkdownInline` / `escapeMarkdownBlock` / `escapeTableCell`, so it always renders as
 *   the literal characters that were logged and can never open HTML, a link, an autolink, an
 *   image, a table cell, a heading, a comment or a mention. Nothing invisible is added: what a
 *   reader copies is what was logged (see `escapeMarkdownInline` for how).
 *
 * - Human-owned sections from the repository's card source (`model-cards/<model>.md`) are
 *   reviewed in pull requests, so they keep their Markdown (lists, emphasis, links, code) and
 *   stay readable. What they cannot keep is anything that escapes the card's own structure or
 *   acts on readers: raw HTML and HTML comments (`<` becomes `&lt;` outside code), @mentions,
 *   Handlebars-looking `{{`, and unclosed code fences (closed at the end of the section). Their
 *   links, `<https://…>` autolinks and e-mail addresses stay live and exactly as written.
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

/**
 * A zero-width space after `@` stops GitHub from turning `@user` / `@org/team` into a ping. Only
 * used in reviewed Markdown, and only where GitHub would see a mention (see `MENTION_AT`).
 */
const MENTION_BREAK = '&#8203;'

/**
 * An `@` GitHub would read as a mention: not preceded by an ASCII word character (GitHub's
 * filter uses Ruby's ASCII `\w`, so `ä@x` pings), and followed by a name character. E-mail
 * addresses and ids like `train@10d7107d` do not match.
 */
const MENTION_AT = /(?<![A-Za-z0-9_])@(?=[\p{L}\p{N}_-])/gu

/**
 * Untrusted text that GitHub would turn into a mention or an e-mail autolink: an `@` with name
 * characters around it (the characters cmark-gfm accepts in an address's local part and domain,
 * plus `/` for `@org/team`). cmark-gfm finds e-mail addresses after entities and backslash
 * escapes are decoded, so no escape breaks them; a code span does (and GitHub never pings inside
 * code), and it copies as the original characters.
 */
const LOCAL_PART = /[A-Za-z0-9.+_-]*$/
const DOMAIN_PART = /^[\p{L}\p{N}._/-]*/u

/** The span to put in code around the `@` at `at`, or undefined when the `@` is harmless. */
function atToken(text: string, from: number, at: number): { start: number; end: number } | undefined {
  const local = LOCAL_PART.exec(text.slice(from, at))?.[0] ?? ''
  const domain = DOMAIN_PART.exec(text.slice(at + 1))?.[0] ?? ''
  const start = at - local.length
  const mention = local === '' && /^[\p{L}\p{N}_-]/u.test(domain) && !/[A-Za-z0-9_]/.test(text[at - 1] ?? '')
  const email = local !== '' && domain.includes('.')
  return mention || email ? { start, end: at + 1 + domain.length } : undefined
}

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
 * one line, braces as entities, and a would-be mention inside `<code>` (GitHub never pings in
 * code). Markdown is not parsed (and nothing is autolinked) inside an HTML block, so backslash
 * escapes would show; entities do not.
 */
export function escapeHtmlText(text: string): string {
  return escapeHtml(text.replace(/\s*\n\s*/g, ' '))
    .replace(/[{}]/g, (c) => (c === '{' ? '&#123;' : '&#125;'))
    .replace(/(?<![A-Za-z0-9_])@[\p{L}\p{N}_-][\p{L}\p{N}._/-]*/gu, (mention) => `<code>${mention}</code>`)
}

/**
 * Escapes untrusted text for use inside a Markdown line (a list item, a sentence, a heading).
 * Line breaks become spaces, so the result is always one line; use `escapeMarkdownBlock` or
 * `escapeTableCell` when the text's lines should stay visible.
 *
 * Everything renders as the characters written, with nothing invisible added:
 * - Markdown punctuation gets a backslash, HTML specials become entities;
 * - GFM's extended autolinks are matched on the raw source, so `www.` becomes `www&#46;` and
 *   `://` becomes `&#58;//` (rendered as `.` and `:`, never a link);
 * - e-mail addresses and `@mentions` go into a code span (see `atToken`).
 */
export function escapeMarkdownInline(text: string): string {
  const clean = cleanText(text).replace(/[ \t]*\n\s*/g, ' ')
  let out = ''
  let last = 0
  for (let at = clean.indexOf('@'); at !== -1; at = clean.indexOf('@', Math.max(at + 1, last))) {
    const token = atToken(clean, last, at)
    if (token === undefined) continue
    out += `${escapePlain(clean.slice(last, token.start))}\`${clean.slice(token.start, token.end)}\``
    last = token.end
  }
  out += escapePlain(clean.slice(last))
  // `-`, `+` and `1.` only mean something at the start of a line (lists, thematic breaks,
  // setext underlines); escaping them only there keeps names like `credit-risk` readable.
  return out.replace(/^(\s*)([-+])/, '$1\\$2').replace(/^(\s*\d{1,9})\.(?=\s|$)/, '$1\\.')
}

/** One-line text without e-mail addresses or mentions: punctuation and autolink triggers escaped. */
function escapePlain(text: string): string {
  let out = ''
  for (const c of text) {
    const entity = HTML_ENTITIES[c]
    if (entity !== undefined) out += entity
    else if (MARKDOWN_PUNCTUATION.has(c)) out += `\\${c}`
    else out += c
  }
  return out.replace(/(www)\./giu, '$1&#46;').replace(/:(?=\/\/)/g, '&#58;')
}

/**
 * Escapes untrusted multi-line text into a single inert paragraph: every line escaped, line
 * breaks kept visible as `<br>` (so nothing in the text can start a list, quote, code block
 * or heading, and blank lines cannot end the surrounding paragraph).
 */
export function escapeMarkdownBlock(text: string): string {
  return escapeLines(text, '<br>\n')
}

/** Escapes untrusted text for one cell of a GFM table: one line, pipes escaped. */
export function escapeTableCell(text: string): string {
  return escapeLines(text, '<br>')
}

/** Every line of the cleaned, trimmed text escaped inline, joined with `separator`. */
function escapeLines(text: string, separator: string): string {
  return cleanText(text)
    .trim()
    .split('\n')
    .map((line) => escapeMarkdownInline(line.trim()))
    .join(separator)
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
 * section's own sub-headings nest under the card's section title instead of breaking its outline. Code fences are left
 * as written (nothing inside a fence is interpreted);
 * a fence left open is closed at the end so it cannot swallow the rest of the card.
 */
export function neutraliseReviewedMarkdown(text: string): string {
  const lines = cleanText(text).replace(/\n+$/, '').split('\n')
  let openFence: string | undefined
  const out = lines.map((line, index) => {
    const fence = FENCE_LINE.exec(line)?.[1]
    if (openFence !== undefined) {
      if (
        fence !== undefined &&
        fence[0] === openFence[0] &&
        fence.length >= openFence.length &&
        line.trim() === fence
      ) {
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
      .replace(/<(?!(?:https?:\/\/[^\s<>]*|mailto:[^\s<>]+|[\w.+-]+@[\w.-]+)>)/g, '&lt;')
      .replace(MENTION_AT, `@${MENTION_BREAK}`)
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
    else if (fence[0] === openFence[0] && fence.length >= openFence.length && line.trim() === fence)
      openFence = undefined
  }
  const close = openFence !== undefined ? `\n${openFence}` : ''
  return (
    `${keptText}${close}\n\n_${escapeMarkdownInline(what)} truncated to fit the ` +
    `size limit ${cutMarker(originalLength - keptText.length)}._\n`
  )
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
