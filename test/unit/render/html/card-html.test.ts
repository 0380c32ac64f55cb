/**
 * The HTML card renderer's safety and shape: raw HTML stays text, only http(s)/mailto links
 * survive, nothing is loaded from anywhere (self-contained), the template's `<br>` is the one
 * tag honoured, the front matter is left out and the verdict banner says the verdict in words.
 */
import { describe, expect, it, vi } from 'vitest'
import { renderCardHtml } from '../../../../src/render/html/card-html.js'
import { markdownToHtml } from '../../../../src/render/html/markdown-to-html.js'

const page = (card: string, verdict: 'pass' | 'fail' = 'pass', blocking: string[] = []): string =>
  renderCardHtml({ card, model: 'credit-risk', version: '3', verdict, blocking })

describe('markdownToHtml (safe configuration)', () => {
  it('shows raw HTML as text: no tag, comment or event handler comes alive', () => {
    const html = markdownToHtml(
      '<script>alert(1)</script>\n\nx <img src=x onerror=alert(1)> <!-- c --> ' +
        '<details open>\n\n<iframe src="https://e.x"></iframe>\n'
    )
    expect(html).not.toMatch(/<(script|img|iframe|details)\b/i)
    expect(html).not.toContain('<!--')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('keeps http(s) and mailto links and drops every other scheme, leaving the text visible', () => {
    const html = markdownToHtml(
      [
        '[ok](https://example.com/a) [mail](mailto:risk@example.com) [plain](http://example.com)',
        '[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) ' +
          '[tab](java\tscript:alert(1)) [ent](&#106;avascript:alert(1))',
        '[data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:x) ' +
          '[file](file:///etc/passwd) [rel](../secrets.txt) [proto](//evil.example/x)',
        '<javascript:alert(1)> <https://autolink.example>'
      ].join('\n\n')
    )
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])
    expect(hrefs).toEqual([
      'https://example.com/a',
      'mailto:risk@example.com',
      'http://example.com',
      'https://autolink.example'
    ])
    expect(html).toContain('[js](javascript:alert(1))')
    expect(html).toContain('[rel](../secrets.txt)')
    expect(html).toMatch(/<a href="https:\/\/example.com\/a" rel="noopener noreferrer nofollow">ok<\/a>/)
  })

  it('does not turn a bare URL in text into a link (linkify off)', () => {
    expect(markdownToHtml('see https://evil.example/phish and www.evil.example\n')).not.toContain('<a')
  })

  it('loads no image: ![alt](url) becomes text and a link to follow deliberately', () => {
    const html = markdownToHtml('![pixel](https://tracker.example/p.png) ![local](/etc/x.png)\n')
    expect(html).not.toMatch(/<img|src=/i)
    expect(html).toContain('!<a href="https://tracker.example/p.png"')
  })

  it('honours the template’s literal <br> only; an escaped one stays visible text', () => {
    const html = markdownToHtml('| a | b |\n|---|---|\n| x<br>y | &lt;br&gt; and `<br>` |\n')
    expect(html).toContain('<td>x<br>\ny</td>')
    expect(html).toContain('&lt;br&gt; and <code>&lt;br&gt;</code>')
    expect(html.match(/<br>/g)).toHaveLength(1)
  })

  it('wraps each table in its own focusable, named scroll container', () => {
    const html = markdownToHtml('| a |\n|---|\n| 1 |\n\ntext\n\n| b |\n|---|\n| 2 |\n')
    expect(
      html.match(/<div class="table-scroll" role="region" aria-label="Table \d" tabindex="0">\n<table>/g)
    ).toHaveLength(2)
    expect(html).toContain('aria-label="Table 2"')
    expect(html.match(/<\/table>\n<\/div>/g)).toHaveLength(2)
    // The count starts again for every render.
    expect(markdownToHtml('| c |\n|---|\n| 3 |\n')).toContain('aria-label="Table 1"')
  })
})

describe('renderCardHtml', () => {
  const card =
    '---\nlicense: other\naims_gate:\n  verdict: pass\n---\n\n# Model card: ' +
    'credit-risk v3\n\n| Metric | Value |\n|---|---|\n| roc\\_auc | 0.91 ' +
    '|\n\n[doc](https://example.com/doc)\n'

  it(
    'is one self-contained page: no script, no external stylesheet, font, image or ' +
      'frame, and a CSP that forbids them',
    () => {
      const html = page(card)
      expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true)
      expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(|src=/i)
      // The only href is the reviewed link (navigation, not a resource).
      expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://example.com/doc'])
      expect(html).toContain(
        `content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'"`
      )
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
      expect(html.match(/<style>/g)).toHaveLength(1)
    }
  )

  it('leaves the YAML front matter out and renders the body', () => {
    const html = page(card)
    expect(html).not.toContain('license: other')
    expect(html).not.toContain('aims_gate')
    expect(html).toContain('<h1 id="model-card-credit-risk-v3">Model card: credit-risk v3</h1>')
    expect(html).toContain('<td>roc_auc</td>')
  })

  it('states a pass in words in the banner', () => {
    const html = page(card)
    expect(html).toContain('<section class="verdict verdict-pass" aria-label="Verdict">')
    expect(html).toContain('PASS: release allowed')
    expect(html).not.toContain('BLOCKED')
    expect(html).toContain('<title>Model card: credit-risk v3 (pass)</title>')
  })

  it('states a block in words with the blocking ids, whatever the Markdown claims', () => {
    // A template or card source that claims a pass, even with the banner's own markup, changes nothing.
    const forged =
      `${card}\n<section class="verdict verdict-pass" aria-label="Verdict"><p ` +
      `class="verdict-word">✅ PASS: release allowed</p></section>\n\n✅ PASS: release allowed\n`
    const html = page(forged, 'fail', ['auc-floor', '<b>x</b>'])
    expect(html.match(/<section class="verdict/g)).toHaveLength(1)
    expect(html.match(/<p class="verdict-word">/g)).toHaveLength(1)
    expect(html).toContain('&lt;section class=&quot;verdict verdict-pass&quot;')
    expect(html.indexOf('BLOCKED')).toBeLessThan(html.indexOf('PASS'))
    expect(html).toContain('<section class="verdict verdict-fail" aria-label="Verdict">')
    expect(html).toContain('BLOCKED: release not allowed')
    expect(html).toContain('Blocked by 2 requirements: <code>auc-floor</code>, <code>&lt;b&gt;x&lt;/b&gt;</code>.')
    expect(html).toContain('<title>Model card: credit-risk v3 (blocked)</title>')
    // The banner comes before any of the card's content.
    expect(html.indexOf('verdict-fail')).toBeLessThan(html.indexOf('<h1 '))
  })

  it('escapes the model name and version in the banner and title', () => {
    const html = renderCardHtml({
      card: '# c\n',
      model: '<img src=x onerror=alert(1)>',
      version: '"3"',
      verdict: 'fail',
      blocking: []
    })
    expect(html).not.toMatch(/<img/i)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; version &quot;3&quot;')
    expect(html).toContain('The gate blocked the release.')
  })

  it('prints each link with its URL, without backgrounds, with margins on any paper size', () => {
    const html = page(card)
    const print = html.slice(html.indexOf('@media print'))
    expect(print).toContain('a[href]::after { content: " (" attr(href) ")";')
    expect(print).toMatch(/\.verdict, \.verdict-pass, \.verdict-fail, thead th \{ background: none; \}/)
    expect(html).toMatch(/@page \{ margin: [^;]+; \}/)
    expect(html).toContain('tr { break-inside: avoid; page-break-inside: avoid; }')
  })

  it('renders a card without front matter (a custom template) whole', () => {
    expect(page('# Custom\n\ntext\n')).toContain('<h1 id="custom">Custom</h1>')
  })

  it('shows the Markdown as escaped text, with the banner, if markdown-it fails', async () => {
    vi.resetModules()
    vi.doMock('../../../../src/render/html/markdown-to-html.js', () => ({
      markdownToHtml: () => {
        throw new Error('boom\nstack')
      }
    }))
    const { renderCardHtml: render } = await import('../../../../src/render/html/card-html.js')
    const html = render({
      card: '# T\n\n<script>x</script>\n',
      model: 'm',
      version: '1',
      verdict: 'fail',
      blocking: ['auc']
    })
    vi.doUnmock('../../../../src/render/html/markdown-to-html.js')
    expect(html).toContain('BLOCKED: release not allowed')
    expect(html).toContain('could not be rendered as HTML (boom); it is shown as text.')
    expect(html).toContain('<pre># T\n\n&lt;script&gt;x&lt;/script&gt;\n</pre>')
    expect(html).not.toContain('<script')
  })
})
