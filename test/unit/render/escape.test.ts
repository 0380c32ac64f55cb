import { describe, expect, it } from 'vitest'
import {
  escapeHtml,
  escapeHtmlText,
  escapeMarkdownBlock,
  escapeMarkdownInline,
  escapeTableCell,
  fencedBlock,
  inlineCode,
  neutraliseReviewedMarkdown,
  truncateMarkdown,
  truncateText,
  utf8Length
} from '../../../src/render/escape.js'

describe('escapeMarkdownInline', () => {
  it('escapes Markdown punctuation and HTML specials', () => {
    expect(escapeMarkdownInline('*a* _b_ `c` [d](e) #f !g |h ~i {j} \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\#f \\!g \\|h \\~i \\{j\\} \\\\'
    )
    expect(escapeMarkdownInline(`<b>&"'`)).toBe('&lt;b&gt;&amp;&quot;&#39;')
  })

  it('keeps @mentions and team mentions from pinging by putting them in code, with nothing invisible added', () => {
    expect(escapeMarkdownInline('ping @octocat and @org/team')).toBe('ping `@octocat` and `@org/team`')
    expect(escapeMarkdownInline('ä@octocat')).toBe('ä`@octocat`')
  })

  it('keeps e-mail addresses from autolinking, and leaves ids with @ as written', () => {
    expect(escapeMarkdownInline('dana.s+x@example.com')).toBe('`dana.s+x@example.com`')
    expect(escapeMarkdownInline('a@b@c.example')).toBe('a@`b@c.example`')
    expect(escapeMarkdownInline('adult-train@10d7107d')).toBe('adult-train@10d7107d')
  })

  it('breaks GFM extended autolinks with entities that render as the original characters', () => {
    expect(escapeMarkdownInline('https://x/a_b www.x.org WWW.X.ORG')).toBe(
      'https&#58;//x/a\\_b www&#46;x.org WWW&#46;X.ORG'
    )
    expect(escapeMarkdownInline('[x](http://evil)')).toBe('\\[x\\]\\(http&#58;//evil\\)')
  })

  it('escapes block markers only at the start of a line', () => {
    expect(escapeMarkdownInline('- item')).toBe('\\- item')
    expect(escapeMarkdownInline('1. first')).toBe('1\\. first')
    expect(escapeMarkdownInline('credit-risk 0.87')).toBe('credit-risk 0.87')
  })

  it('makes control characters and bidi overrides visible (never raw)', () => {
    expect(escapeMarkdownInline('a\u0000b\u202Ec')).toBe('a\u2400b\\[U+202E\\]c')
  })
})

describe('block and cell escaping', () => {
  it('keeps multi-line text one paragraph', () => {
    expect(escapeMarkdownBlock('one\n\n# two\n    code')).toBe('one<br>\n<br>\n\\# two<br>\ncode')
  })

  it('keeps a table cell on one line with pipes escaped', () => {
    expect(escapeTableCell('a | b\nc')).toBe('a \\| b<br>c')
  })

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})

describe('fences and code spans', () => {
  it('chooses a fence longer than any backtick run inside', () => {
    expect(fencedBlock('a ```` b', 'yaml')).toBe('`````yaml\na ```` b\n`````')
    expect(inlineCode('a `b` c')).toBe('``a `b` c``')
  })
})

describe('neutraliseReviewedMarkdown', () => {
  it('keeps Markdown but neutralises HTML, comments, mentions and {{', () => {
    const out = neutraliseReviewedMarkdown('**Bold** [link](https://x) <script>x</script> <!-- c --> @team {{x}}')
    expect(out).toBe('**Bold** [link](https://x) &lt;script>x&lt;/script> &lt;!-- c --> @&#8203;team \\{\\{x\\}\\}')
  })

  it('keeps e-mail addresses, ids and <https://…> autolinks exactly as written', () => {
    const text = 'dana@example.com adult-train@10d7107d <https://x.org/a> <dana@example.com> <javascript:x>'
    expect(neutraliseReviewedMarkdown(text)).toBe(
      'dana@example.com adult-train@10d7107d <https://x.org/a> <dana@example.com> &lt;javascript:x>'
    )
  })

  it('leaves fenced code alone and closes a fence left open', () => {
    expect(neutraliseReviewedMarkdown('```\n<b>\n```\n<b>')).toBe('```\n<b>\n```\n&lt;b>')
    expect(neutraliseReviewedMarkdown('````\n<b>')).toBe('````\n<b>\n````')
  })
})

describe('truncation', () => {
  it('states how much was cut and respects the limit', () => {
    const out = truncateText('x'.repeat(1000), 100)
    expect(out.length).toBeLessThanOrEqual(100)
    expect(out).toMatch(/… \(9\d\d characters cut\)$/)
    expect(truncateText('short', 100)).toBe('short')
  })

  it('never splits a surrogate pair', () => {
    const out = truncateText('😀'.repeat(100), 50)
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })

  it('cuts Markdown on a line boundary in bytes and closes an open fence', () => {
    const text = `intro\n\`\`\`\n${'é line\n'.repeat(1000)}\`\`\`\n`
    const out = truncateMarkdown(text, 1000, 'Model card')
    expect(utf8Length(out)).toBeLessThanOrEqual(1000)
    expect(out).toMatch(/\n```\n\n_Model card truncated to fit the size limit … \([\d,]+ characters cut\)\._\n$/)
  })
})

describe('escapeHtmlText', () => {
  it('keeps raw-HTML text on one line with entities only', () => {
    expect(escapeHtmlText('a\n<b> @team {{x}} dana@example.com')).toBe(
      'a &lt;b&gt; <code>@team</code> &#123;&#123;x&#125;&#125; dana@example.com'
    )
  })
})
