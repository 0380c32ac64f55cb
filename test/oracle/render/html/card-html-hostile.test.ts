/**
 * Hostile strings in every MLflow field, through the real card template, then through the HTML
 * view. The card's Markdown escapes untrusted text for GitHub; this checks that markdown-it (our
 * HTML view) shows the reader the same visible text GitHub does, with GitHub's own renderer
 * (cmarkgfm with the table, strikethrough and tagfilter extensions) run in Python as the
 * reference, and that nothing came alive. GitHub's autolink extension is left out of the
 * reference on purpose: it links bare URLs even inside escaped text, which the HTML view (linkify
 * off) never does, so the two differ there by design.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Evidence } from '../../../../src/core/evidence/types.js'
import type { Verdict } from '../../../../src/core/verdict/types.js'
import { loadCardTemplate } from '../../../../src/publish/load-card-template.js'
import { buildCardModel } from '../../../../src/render/card/card-model.js'
import { renderCard } from '../../../../src/render/card/render-card.js'
import { renderCardHtml } from '../../../../src/render/html/card-html.js'
import { markdownToHtml } from '../../../../src/render/html/markdown-to-html.js'
import { splitFrontMatter } from '../../../../src/render/summary.js'
import {
  FIXTURE_GENERATED_AT,
  fixtureDocumentation,
  fixtureEvidence,
  fixtureVerdict
} from '../../../support/card-fixtures.js'
import { hostile } from '../../../support/hostile-render.js'
import { runPython } from '../../../support/python.js'

const root = path.resolve(import.meta.dirname, '../../../..')

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">a</a>',
  '[click](javascript:alert(1)) ![i](http://x/i.png) <https://evil.example> https://bare.example www.bare.example',
  '&lt;b&gt; &amp; &#106; &quot;q&quot; <br> <!-- hidden -->',
  '@org/team @octocat',
  'a | b || c ~~strike~~ *em* _u_ `code`',
  '{{x}} \\(back\\slash\\)',
  '\u202Eevil\u0000',
  '# heading',
  '- item',
  '| x | y |',
  '|---|---|'
].join('\n')

/** The card for evidence and a verdict whose every MLflow-sourced string is `payload`. */
async function hostileCard(payload: string): Promise<{ card: string; evidence: Evidence; verdict: Verdict }> {
  const evidence = hostile(fixtureEvidence(), payload)
  if (evidence.candidate.run.kind === 'present') {
    const run = evidence.candidate.run.value
    const first = Object.values(run.metrics)[0]
    if (first !== undefined) run.metrics[payload] = { ...first, value: { ...first.value, key: payload } }
  }
  const verdict = hostile(fixtureVerdict(), payload)
  const template = await loadCardTemplate({ cwd: root, defaultDir: path.join(root, 'model-cards/default') })
  const policy = { name: payload, sha256: payload, profile: payload }
  const card = renderCard(
    buildCardModel({
      evidence,
      verdict,
      documentation: fixtureDocumentation(),
      policy,
      generatedAt: FIXTURE_GENERATED_AT
    }),
    template
  )
  return { card, evidence, verdict }
}

interface PageFacts {
  /** Visible text, whitespace collapsed. */
  text: string
  tags: string[]
  hrefs: string[]
  srcs: string[]
  handlers: string[]
}

/** GitHub's rendering of the Markdown (cmarkgfm), and the visible text and live parts of both pages, read by Python's
 * HTML parser. */
function oracle(markdown: string, ours: string): { github: PageFacts; ours: PageFacts } {
  const script = String.raw`
import json, re, sys
from html.parser import HTMLParser
import cmarkgfm
from cmarkgfm.cmark import Options

class Facts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags, self.hrefs, self.srcs, self.handlers, self.skip = [], [], [], [], [], 0
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ('style', 'title', 'script'): self.skip += 1
        for name, value in attrs:
            if name == 'href': self.hrefs.append(value)
            if name == 'src': self.srcs.append(value)
            if name.startswith('on'): self.handlers.append(name)
        if tag in ('br', 'p', 'td', 'th', 'li', 'h1', 'h2', 'h3', 'h4', 'tr'): self.text.append(' ')
    def handle_endtag(self, tag):
        if tag in ('style', 'title', 'script'): self.skip -= 1
        if tag in ('p', 'td', 'th', 'li', 'h1', 'h2', 'h3', 'h4', 'tr'): self.text.append(' ')
    def handle_data(self, data):
        if not self.skip: self.text.append(data)

def facts(html):
    f = Facts(); f.feed(html); f.close()
    return {'text': re.sub(r'\s+', ' ', ''.join(f.text)).strip(), 'tags': sorted(set(f.tags)),
            'hrefs': f.hrefs, 'srcs': f.srcs, 'handlers': f.handlers}

data = json.load(sys.stdin)
# GitHub's extensions except autolink: that one turns a bare URL inside escaped text into a link
# (and keeps a following backslash escape as part of it); our view never links bare URLs.
github = cmarkgfm.markdown_to_html_with_extensions(
    data['markdown'], options=Options.CMARK_OPT_UNSAFE, extensions=['table', 'strikethrough', 'tagfilter'])
print(json.dumps({'github': facts(github), 'ours': facts(data['ours'])}))
`
  const out = runPython('oracles', ['-c', script], { input: JSON.stringify({ markdown, ours }) })
  return JSON.parse(out) as { github: PageFacts; ours: PageFacts }
}

/** '' when equal, else both texts around the first character that differs (a readable failure on pages of this size).
 * */
function firstDifference(a: string, b: string): string {
  if (a === b) return ''
  let i = 0
  while (a[i] === b[i]) i++
  return (
    `at ${i}:\n  ours:   …${a.slice(Math.max(0, i - 80), i + 80)}\n  github: ` +
    `…${b.slice(Math.max(0, i - 80), i + 80)}`
  )
}

describe('hostile MLflow text in the HTML card', () => {
  it('shows the same visible text as GitHub renders from the same Markdown, and nothing more comes alive', async () => {
    const { card } = await hostileCard(HOSTILE)
    const { body } = splitFrontMatter(card)
    const { github, ours } = oracle(body, markdownToHtml(body))
    expect(firstDifference(ours.text, github.text)).toBe('')
    // Entities are decoded for the reader: the payload is visible as written (control characters made visible).
    expect(ours.text).toContain('<script>alert(1)</script>')
    expect(ours.text).toContain('[click](javascript:alert(1))')
    expect(ours.text).toContain('&lt;b&gt; &amp; &#106;')
    // No live link, image, script or handler from untrusted text, as on GitHub.
    // The only links are the template's contents list, to headings of the same page.
    expect(ours.hrefs.filter((h) => !h.startsWith('#'))).toEqual([])
    expect(github.hrefs.filter((h) => !h.startsWith('#'))).toEqual([])
    expect(ours.hrefs).toEqual(github.hrefs)
    expect(ours.srcs).toEqual([])
    expect(ours.handlers).toEqual([])
    // `a`: the contents list's same-page links, checked above.
    expect(
      ours.tags.filter(
        (t) =>
          ![
            'a',
            'br',
            'code',
            'div',
            'em',
            'h1',
            'h2',
            'h3',
            'li',
            'p',
            'strong',
            'table',
            'tbody',
            'td',
            'th',
            'thead',
            'tr',
            'ul',
            'ol'
          ].includes(t)
      )
    ).toEqual([])
  })

  it('keeps the page self-contained and the banner inert with hostile ids and names', async () => {
    const { card, evidence, verdict } = await hostileCard(HOSTILE)
    const version = evidence.candidate.modelVersion.value
    const html = renderCardHtml({
      card,
      model: version.name,
      version: version.version,
      verdict: 'fail',
      blocking: verdict.blocking
    })
    const { ours } = oracle('', html)
    // The only links: the template's contents list, to headings of this page.
    expect(ours.hrefs.filter((h) => !/^#[\p{L}\p{N}_-]+$/u.test(h))).toEqual([])
    expect(ours.srcs).toEqual([])
    expect(ours.handlers).toEqual([])
    expect(ours.tags).not.toContain('script')
    expect(ours.tags).not.toContain('img')
    expect(ours.text).toContain('BLOCKED: release not allowed')
    expect(ours.text).toContain(`Blocked by requirement: <script>alert(1)</script>`)
  })
})
