/**
 * The escaping checked against GitHub's own renderer (cmark-gfm with GitHub's extensions):
 * untrusted text gives no link, autolink, image, mention, HTML element or broken table, and
 * the reader sees (and copies) exactly the characters that were written. Reviewed card-source
 * Markdown keeps its links and e-mail addresses live.
 */
import { describe, expect, it } from 'vitest'
import {
  cleanText,
  escapeHtmlText,
  escapeMarkdownBlock,
  escapeMarkdownInline,
  escapeTableCell,
  neutraliseReviewedMarkdown
} from '../../../src/render/escape.js'
import { elementNames, linkTargets, mentions, renderGfm, visibleText } from '../../support/gfm-oracle.js'

const HOSTILE_TEXTS = [
  'https://evil.example/a_b?x=1',
  'see www.evil.example/path_x now',
  'WWW.EVIL.EXAMPLE and HTTPS://EVIL.EXAMPLE',
  'ftp://files.example/x',
  '[x](http://evil) and [y][ref] and ![i](http://x/i.png)',
  '[ref]: http://evil',
  '<https://evil.example> <dana@example.com>',
  'mail dana.smith+ml@example.com please',
  'mailto:dana@example.com xmpp:dana@example.com/x',
  'a@b@c.example',
  'adult-train@10d7107d',
  'ping @octocat and @org/team, ä@octocat, (@octocat)',
  '@octocat',
  '\\@octocat `@octocat` \\`@x',
  '<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="http://x">x</a>',
  '<!-- hidden --> </details><details open>',
  'a | b || c \\| d',
  '{{x}} {{{y}}}',
  '*bold* _em_ ~~del~~ `code` # h',
  '- item',
  '1. item',
  '> quote',
  '    indented',
  '&amp; &#64; &lt;b&gt; &copy;',
  'line one\nline two @octocat\n\nhttps://x.example',
  '\u202Eevil\u0000 \u001b[31m',
  'trailing backslash \\',
  'x_https://evil.example_y',
  '(www.evil.example)',
  'http://a.example/`x`'
]

/** What a reader should see for untrusted text: the input, control characters made visible. */
function oneLine(text: string): string {
  return cleanText(text)
    .replace(/[ \t]*\n\s*/g, ' ')
    .trimEnd()
}

function lines(text: string): string {
  return cleanText(text)
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
}

const TABLE_ELEMENTS = ['table', 'thead', 'tr', 'th', 'tbody', 'td']

function expectInertHtml(html: string, allowed: string[]): void {
  expect(linkTargets(html), html).toEqual([])
  expect(html).not.toMatch(/<a[\s>]/)
  expect(html).not.toMatch(/<img/)
  expect(mentions(html), html).toEqual([])
  for (const name of elementNames(html)) expect(allowed, html).toContain(name)
}

describe('untrusted text under cmark-gfm', () => {
  const inline = HOSTILE_TEXTS.map((t) => `Name: ${escapeMarkdownInline(t)}`)
  const block = HOSTILE_TEXTS.map((t) => escapeMarkdownBlock(t))
  const table = HOSTILE_TEXTS.map((t) => `| a | b |\n|---|---|\n| ${escapeTableCell(t)} | end |`)
  const summary = HOSTILE_TEXTS.map(
    (t) => `<details>\n<summary>Model card: ${escapeHtmlText(t)}</summary>\n\nbody\n</details>`
  )
  const html = renderGfm([...inline, ...block, ...table, ...summary])
  const n = HOSTILE_TEXTS.length

  it.each(HOSTILE_TEXTS.map((t, i) => [i, t] as const))('inline #%i reads as written and is inert', (i, text) => {
    const out = html[i] as string
    expectInertHtml(out, ['p', 'code'])
    expect(visibleText(out)).toBe(`Name: ${oneLine(text)}`)
  })

  it.each(HOSTILE_TEXTS.map((t, i) => [i, t] as const))('block #%i reads as written, one paragraph', (i, text) => {
    const out = html[n + i] as string
    expectInertHtml(out, ['p', 'code', 'br'])
    expect(out.match(/<p>/g)).toHaveLength(1)
    expect(visibleText(out)).toBe(lines(text))
  })

  it.each(HOSTILE_TEXTS.map((t, i) => [i, t] as const))(
    'table cell #%i stays in its cell and reads as written',
    (i, text) => {
      const out = html[2 * n + i] as string
      expectInertHtml(out, [...TABLE_ELEMENTS, 'code', 'br'])
      const cells = [...out.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1] as string)
      expect(cells, out).toHaveLength(2)
      expect(cells[1]).toBe('end')
      expect(visibleText(cells[0] as string)).toBe(lines(text))
    }
  )

  it.each(HOSTILE_TEXTS.map((t, i) => [i, t] as const))(
    'raw-HTML summary #%i reads as written and is inert',
    (i, text) => {
      const out = html[3 * n + i] as string
      expectInertHtml(out, ['details', 'summary', 'p', 'code'])
      const shown = /<summary>([\s\S]*?)<\/summary>/.exec(out)?.[1] ?? ''
      expect(visibleText(shown)).toBe(`Model card: ${oneLine(text)}`)
    }
  )

  it('adds no invisible character to e-mail addresses and ids', () => {
    for (const text of ['dana@example.com', 'adult-train@10d7107d', '@octocat', 'www.example.org']) {
      expect(escapeMarkdownInline(text)).not.toMatch(/&#8203;|\u200B/)
    }
  })
})

describe('reviewed card-source Markdown under cmark-gfm', () => {
  const source = [
    'Contact [the team](https://example.org/team) or dana@example.com.',
    'Docs: <https://example.org/docs> and https://example.org/raw and www.example.org.',
    'Owner <dana@example.com>; ids like adult-train@10d7107d stay as written.',
    'But @octocat is not pinged, and <script>x</script> and <!-- c --> stay text.'
  ].join('\n\n')
  const [out] = renderGfm([neutraliseReviewedMarkdown(source)]) as [string]

  it('keeps authored links and e-mail addresses live, exactly as written', () => {
    expect(linkTargets(out)).toEqual([
      'https://example.org/team',
      'mailto:dana@example.com',
      'https://example.org/docs',
      'https://example.org/raw',
      'http://www.example.org',
      'mailto:dana@example.com'
    ])
    expect(visibleText(out)).toContain('adult-train@10d7107d stay as written')
    // The only invisible character is the mention break in `@octocat`.
    expect(out.replace('@\u200Boctocat', '')).not.toMatch(/\u200B/)
  })

  it('still makes HTML, comments and mentions inert', () => {
    expect(mentions(out)).toEqual([])
    expect(elementNames(out).filter((e) => !['p', 'a'].includes(e))).toEqual([])
  })
})
