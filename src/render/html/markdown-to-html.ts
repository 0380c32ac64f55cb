/**
 * The card's Markdown → HTML, with markdown-it configured so that nothing in the Markdown can
 * act on a reader or pull anything in from elsewhere:
 *
 * - `html: false`: raw HTML in the Markdown is shown as text, never parsed as HTML. The card's
 *   own template writes exactly one tag, `<br>` inside table cells (several values in one cell);
 *   a dedicated inline rule turns that literal tag, and only it, into a line break. Untrusted
 *   text cannot write it: the card escapes `<` in MLflow values and reviewed sections as `&lt;`,
 *   which markdown-it decodes to a visible `<`, not a tag.
 * - `linkify: false`: a URL in untrusted text stays text (the card escapes link syntax, so only
 *   reviewed sections and the template can write a link at all).
 * - Links must be http(s), mailto, or a fragment within the page (`#section`, the card's contents
 *   list; headings get GitHub's anchor ids so those links land); anything else (`javascript:`,
 *   `data:`, relative paths, which would point into the reader's own disk from a `file://`
 *   page) stays visible text.
 * - Images are off: the page is self-contained, so it never loads a resource; `![alt](url)`
 *   shows as `!` and a link the reader can follow deliberately.
 * - Tables are wrapped in a scroll container, so a wide table scrolls inside itself instead of
 *   widening the page.
 */
import MarkdownIt, { type StateInline } from 'markdown-it'

const ALLOWED_LINK = /^(https?:\/\/|mailto:|#[\p{L}\p{N}_-]+$)/iu

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2. */
function headingSlug(text: string, seen: Map<string, number>): string {
  const base = text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
  const count = seen.get(base) ?? 0
  seen.set(base, count + 1)
  return count === 0 ? base : `${base}-${count}`
}

/** The one tag the card template writes: `<br>` (a line break inside a table cell). */
function templateLineBreak(state: StateInline, silent: boolean): boolean {
  if (!state.src.startsWith('<br>', state.pos)) return false
  if (!silent) state.push('hardbreak', 'br', 0)
  state.pos += 4
  return true
}

/** Per-render state: how many tables so far (each scroll container gets its own name). */
type RenderEnv = Record<string, unknown> & { tables?: number; slugs?: Map<string, number> }

function createRenderer(): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: false })
  md.validateLink = (url: string): boolean => ALLOWED_LINK.test(url.trim())
  md.disable(['image'])
  md.inline.ruler.before('html_inline', 'template_line_break', templateLineBreak)

  md.renderer.rules.table_open = (tokens, idx, options, env: RenderEnv | undefined, self) => {
    const n = (env?.tables ?? 0) + 1
    if (env) env.tables = n
    // Focusable and named, so keyboard users can scroll a wide table (axe: scrollable-region-focusable).
    return (
      `<div class="table-scroll" role="region" aria-label="Table ${n}" ` +
      `tabindex="0">\n${self.renderToken(tokens, idx, options)}`
    )
  }
  md.renderer.rules.heading_open = (tokens, idx, options, env: RenderEnv | undefined, self) => {
    const inline = tokens[idx + 1]
    if (inline?.type === 'inline' && env) {
      env.slugs ??= new Map()
      tokens[idx]?.attrSet(
        'id',
        headingSlug(inline.children?.map((t) => t.content).join('') ?? inline.content, env.slugs)
      )
    }
    return self.renderToken(tokens, idx, options)
  }
  md.renderer.rules.table_close = (tokens, idx, options, _env, self) =>
    `${self.renderToken(tokens, idx, options)}</div>\n`
  const linkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options))
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    // A link never hands the card's window to the page it opens, nor tells it where it came from.
    tokens[idx]?.attrSet('rel', 'noopener noreferrer nofollow')
    return linkOpen(tokens, idx, options, env, self)
  }
  return md
}

const renderer = createRenderer()

/** Markdown → an HTML fragment (no document shell). Pure: the same Markdown gives the same HTML. */
export function markdownToHtml(markdown: string): string {
  const env: RenderEnv = { tables: 0, slugs: new Map() }
  return renderer.render(markdown, env)
}
