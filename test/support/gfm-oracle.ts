/**
 * GitHub's Markdown renderer (cmark-gfm, via the oracles venv) as a test oracle, and readings of
 * its HTML: which links, images, elements and mentions a reader on GitHub would get, and the
 * text they would see. Documents are rendered in one batch per call to keep tests fast.
 */
import { pythonScript, runPython } from './python.js'

/** Renders each Markdown document to HTML with cmark-gfm (table, autolink, strikethrough, tagfilter). */
export function renderGfm(documents: string[]): string[] {
  const out = runPython('oracles', [pythonScript('gfm_render.py')], { input: JSON.stringify(documents) })
  return JSON.parse(out) as string[]
}

/** Every HTML element name in the output (opening tags only). */
export function elementNames(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => (m[1] as string).toLowerCase())
}

/** The href of every link. */
export function linkTargets(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1] as string)
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The text a reader sees (and copies): tags removed, `<br>` as a line break, entities decoded. */
export function visibleText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>\n?/g, '\n').replace(/<[^>]*>/g, '')).replace(/\n+$/, '')
}

/**
 * Mentions GitHub would create: its mention filter runs over text outside `a`, `code` and `pre`,
 * after entities are decoded, and matches `@name` not preceded by an ASCII word character.
 */
export function mentions(html: string): string[] {
  const outside = html.replace(/<(a|code|pre)\b[^>]*>[\s\S]*?<\/\1>/g, ' ')
  const text = decodeEntities(outside.replace(/<[^>]*>/g, ' '))
  return [...text.matchAll(/(?:^|[^A-Za-z0-9_])(@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9_-]+)?)/g)].map(
    (m) => m[1] as string
  )
}
