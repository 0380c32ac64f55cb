/**
 * The posture site renderer: the files it writes, that it is deterministic (same report, same
 * bytes), that registry text stays text everywhere (model names, aliases, versions, reasons,
 * link labels), that only http(s) links survive and credentials in a URL never reach the page,
 * and that the page asks for nothing beyond its own stylesheet.
 */
import { describe, expect, it } from 'vitest'
import { postureSiteFiles, renderPostureSite } from '../../../../src/render/posture/site.js'
import { HOSTILE_NAME, HOSTILE_TEXT, postureFixture } from '../../../support/posture-site-fixture.js'

const site = renderPostureSite(postureFixture({ hostile: true }))
const pages = [...site.entries()].filter(([file]) => file.endsWith('.html'))

/** Every tag the renderer itself writes; anything else would be registry text come alive. */
const OWN_TAGS = new Set(
  (
    'html head meta title link body a header p nav ul ol li main footer time code h1 h2 h3 section dl div dt dd ' +
    'figure figcaption svg text rect circle line span table caption thead tbody tr th td'
  ).split(' ')
)

describe('renderPostureSite: files', () => {
  it('writes the index, the stylesheet and one page per model, all under the site folder', () => {
    const files = [...site.keys()]
    expect(files.slice(0, 2)).toEqual(['index.html', 'style.css'])
    const modelPages = files.filter((f) => f.startsWith('models/'))
    expect(modelPages).toHaveLength(postureFixture({ hostile: true }).models.length)
    for (const file of modelPages) expect(file).toMatch(/^models\/[a-z0-9-]+\.html$/)
  })

  it('yields the same files one at a time as it returns together', () => {
    expect([...postureSiteFiles(postureFixture({ hostile: true }))]).toEqual([...site.entries()])
  })

  it('is deterministic: the same report gives identical bytes, whatever order the models come in', () => {
    const again = renderPostureSite(postureFixture({ hostile: true }))
    expect([...again.entries()]).toEqual([...site.entries()])
    const shuffled = postureFixture({ hostile: true })
    shuffled.models.reverse()
    const files = (m: Map<string, string>) => [...m.keys()].sort()
    expect(files(renderPostureSite(shuffled))).toEqual(files(site))
  })

  it('links only relatively inside the site, and loads nothing but its own stylesheet', () => {
    for (const [file, html] of pages) {
      const root = file.startsWith('models/') ? '../' : ''
      expect(html).toContain(`<link rel="stylesheet" href="${root}style.css">`)
      expect(html).not.toMatch(/<script|<img|<iframe|<object|<embed|@import|url\(/i)
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) {
        expect(href, `${file}: ${href}`).toMatch(/^(#|https?:\/\/|\.\.\/(index\.html|style\.css|posture\.json)|[a-z])/)
        expect(href, `${file}: ${href}`).not.toMatch(/^\/|^[a-z]+:(?!\/\/)/i)
      }
    }
  })
})

describe('renderPostureSite: hostile registry text (forgery)', () => {
  it('writes only its own tags and no event handler, whatever the names and reasons hold', () => {
    for (const [file, html] of pages) {
      const tags = new Set([...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => (m[1] as string).toLowerCase()))
      for (const tag of tags) expect(OWN_TAGS.has(tag), `${file}: <${tag}>`).toBe(true)
      expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i)
    }
  })

  it('shows hostile names and texts escaped, as the characters logged', () => {
    const index = site.get('index.html') as string
    expect(index).toContain('../../etc/&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;/[U+202E]evil')
    expect(index).toContain(
      '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;single&#39; &lt;/main&gt;'
    )
    expect(index).not.toContain(HOSTILE_NAME)
    expect(index).not.toContain(HOSTILE_TEXT)
    // The bidi override is shown as a visible marker, never applied.
    for (const [, html] of site) expect(html).not.toContain('\u202E')
    expect(index).toContain('prod&quot;&gt;&lt;script&gt;')
  })

  it('links only http(s) URLs: javascript: and data: stay text, credentials are withheld', () => {
    for (const [, html] of pages) {
      expect(html).not.toMatch(/href="\s*(javascript|data|vbscript|file):/i)
      expect(html).not.toContain('hunter2')
    }
    const index = site.get('index.html') as string
    expect(index).toContain(
      '&lt;b&gt;click&lt;/b&gt; (not linked, not a web address: <code>javascript:alert(3)</code>)'
    )
    expect(index).toContain('with password (not linked: the address holds credentials)')
    expect(index).toContain('href="https://mlflow.example.com/#/models/x?a=%22b%22&amp;c=%3Cd%3E"')
    const hostilePage = pages.find(([file]) => file.startsWith('models/etc-'))?.[1] ?? ''
    expect(hostilePage).toContain('gate run (not linked, not a web address: <code>javascript:alert(1)</code>)')
  })
})

describe('renderPostureSite: content', () => {
  const index = site.get('index.html') as string

  it('states the totals in words and numbers, and draws them as labelled SVG', () => {
    expect(index).toMatch(/<dt>✓ Passing<\/dt><dd>3<\/dd>/)
    expect(index).toMatch(/<dt>✗ Blocked<\/dt><dd>2<\/dd>/)
    expect(index).toMatch(/<dt>\? Never gated<\/dt><dd>2<\/dd>/)
    expect(index).toContain('<title id="chart-states-title">Models by state. gated: 6, ✓ passing: 3')
    expect(index).toContain('<title id="chart-kinds-title">Findings by kind. Blocked verdict: 2, Never gated: 1')
  })

  it('has a filter link for every kind present, each pointing at its section', () => {
    for (const kind of ['blocked', 'never-gated', 'alias-moved', 'stale-policy', 'waiver-expiring']) {
      expect(index).toContain(`href="#kind-${kind}"`)
      expect(index).toContain(`<section class="kind-group" id="kind-${kind}"`)
    }
    expect(index).not.toContain('id="kind-card-missing"')
  })

  it('has a matrix row per model with a cell per Annex A control, and a roll-up row per control', () => {
    const report = postureFixture({ hostile: true })
    const matrix = index.slice(index.indexOf('<table class="matrix">'), index.indexOf('</table>'))
    expect(matrix.match(/<th scope="row">/g)).toHaveLength(report.models.length)
    expect(matrix.match(/<th scope="col">/g)).toHaveLength(report.controls.length + 2)
    const soa = index.slice(index.indexOf('<table class="soa">'))
    expect(soa.match(/<tr><th scope="row">/g)).toHaveLength(38)
    expect(soa.match(/scope="rowgroup"/g)).toHaveLength(9)
  })

  it('renders an empty registry without failing', () => {
    const empty = postureFixture()
    empty.models = []
    empty.findings = []
    empty.totals = { models: 0, gated: 0, passing: 0, blocked: 0, neverGated: 0, findings: 0, byKind: {} }
    const out = renderPostureSite(empty)
    expect([...out.keys()]).toEqual(['index.html', 'style.css'])
    expect(out.get('index.html')).toContain('No findings: every considered alias points at a version')
  })
})

describe('renderPostureSite: values this renderer does not know (a newer report, or a forged one)', () => {
  it('shows unknown kinds, states, severities and statuses as escaped text, with no class built from them', () => {
    const report = postureFixture()
    const forged = ['constructor', '__proto__', '<b>x</b>"']
    report.findings = forged.map((kind, i) => ({
      id: `f${i}`,
      kind: kind as never,
      severity: kind as never,
      model: 'credit-risk',
      reason: `reason ${i}`,
      links: []
    }))
    report.totals.byKind = Object.fromEntries(forged.map((k) => [k, 1]))
    const model = report.models.find((m) => m.name === 'credit-risk')!
    model.state = '<i>odd</i>' as never
    const version = model.versions[0]!
    version.controls = { ...version.controls, 'A.2.2': 'constructor', 'A.2.3': '<u>u</u>' }
    const out = renderPostureSite(report)
    const index = out.get('index.html') as string
    expect(index).toContain('id="kind-other-0"')
    expect(index).toContain('&lt;b&gt;x&lt;/b&gt;&quot; (1)')
    expect(index).toContain('&lt;i&gt;odd&lt;/i&gt;')
    expect(index).toContain('<td class="cell st-other">constructor</td>')
    expect(index).toContain(
      '<td class="cell st-pass"><span aria-hidden="true">✓</span> <span class="word">sat.</span></td>'
    )
    expect(index).toContain('<td class="cell st-other">&lt;u&gt;u&lt;/u&gt;</td>')
    for (const [, html] of out) {
      expect(html).not.toMatch(/<(b|i|u)>/)
      for (const [, cls] of html.matchAll(/class="([^"]*)"/g)) expect(cls).toMatch(/^[a-z0-9 -]+$/)
    }
  })
})
