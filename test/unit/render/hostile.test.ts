/**
 * Hostile text in every field: what anyone who can log a run, tag a version or edit the card
 * source could write. Card, job summary and pull-request comment must render it inert, and the
 * front matter must still parse with the values read back exactly as written.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HF_METRIC_IDS } from '../../../src/render/card/hf/hf-metrics.js'
import { parse } from 'yaml'
import type { DocumentationSet } from '../../../src/core/documentation/types.js'
import type { Evidence } from '../../../src/core/evidence/types.js'
import type { Verdict } from '../../../src/core/verdict/types.js'
import { loadCardTemplate } from '../../../src/publish/load-card-template.js'
import { buildCardDiff } from '../../../src/render/card-diff.js'
import { buildCardModel } from '../../../src/render/card/card-model.js'
import { renderCard } from '../../../src/render/card/render-card.js'
import { utf8Length } from '../../../src/render/escape.js'
import { renderPrComment } from '../../../src/render/pr-comment.js'
import { renderJobSummary, splitFrontMatter } from '../../../src/render/summary.js'
import { FIXTURE_GENERATED_AT, fixtureDocumentation, fixtureEvidence, fixtureVerdict } from '../../support/card-fixtures.js'
import { elementNames, linkTargets, mentions, renderGfm } from '../../support/gfm-oracle.js'
import { expectInert, linesOutsideFences } from '../../support/inert-assertions.js'

const root = path.resolve(import.meta.dirname, '../../..')

// The fence is last: everything after an opening fence is code, which is inert by definition.
const HOSTILE = [
  '<script>alert(1)</script>',
  '@org/team @octocat',
  'a | b || c',
  '{{x}} {{{y}}} {{> partial}} {{#each z}}',
  '<!-- hidden',
  '--> <img src=x onerror=alert(1)>',
  '</details><details open><summary>x</summary>',
  '[click](javascript:alert(1)) ![i](http://x/i.png)',
  'https://evil.example/a_b www.evil.example ftp://evil.example/x <https://evil.example>',
  'mail dana@example.com mailto:x@evil.example (@octocat) ä@octocat',
  '\u202Eevil\u0000',
  '# heading',
  '- item',
  '1. item',
  '---',
  '===',
  '| x | y |',
  '|---|---|',
  '```',
  '# still code'
].join('\n')

// Discriminants and enums keep their values so the evidence stays well-formed.
const STRUCTURAL_KEYS = new Set(['kind', 'source', 'status', 'severity', 'reason', 'eligible', 'verdict', 'schemaVersion'])

function hostile<T>(value: T, payload: string, key = ''): T {
  if (typeof value === 'string') return (STRUCTURAL_KEYS.has(key) ? value : `${payload}`) as T
  if (Array.isArray(value)) return value.map((item) => hostile(item, payload, key)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v, payload, k)])) as T
  }
  return value
}

function hostileInputs(payload: string, reviewed = payload): { evidence: Evidence; verdict: Verdict; documentation: DocumentationSet } {
  const evidence = hostile(fixtureEvidence(), payload)
  // Keys of free-form records are untrusted too: a metric and a tag named by an attacker.
  if (evidence.candidate.run.kind === 'present') {
    const run = evidence.candidate.run.value
    const first = Object.values(run.metrics)[0]
    if (first !== undefined) run.metrics[payload] = { ...first, value: { ...first.value, key: payload } }
  }
  const verdict = hostile(fixtureVerdict(), payload)
  const documentation = hostile(fixtureDocumentation(), reviewed)
  return { evidence, verdict, documentation }
}

/** `reviewed` is what the card-source documents say (reviewed Markdown keeps its links and images). */
async function renderAll(payload: string, reviewed = payload) {
  const { evidence, verdict, documentation } = hostileInputs(payload, reviewed)
  const policy = { name: payload, sha256: payload, profile: payload }
  const template = await loadCardTemplate({ cwd: root, defaultDir: path.join(root, 'model-cards/default') })
  const card = renderCard(buildCardModel({ evidence, verdict, documentation, championDocumentation: documentation, policy, generatedAt: FIXTURE_GENERATED_AT }), template)
  const summary = renderJobSummary({ verdict, evidence, policy, card, cardPath: payload, reportPath: payload })
  const champion = evidence.champion.kind === 'present' ? evidence.champion.value : undefined
  const diff = champion === undefined ? null : buildCardDiff({ candidate: evidence.candidate, champion })
  const comment = renderPrComment({ verdict, evidence, policy, diff, jobSummaryUrl: `https://github.com/x/y/actions/runs/1?${payload}` })
  return { card, summary, comment, evidence }
}

describe('hostile strings in every field', () => {
  it('render inert in the card body, and the front matter parses and round-trips', async () => {
    const { card } = await renderAll(HOSTILE)
    const { frontMatter, body } = splitFrontMatter(card)
    expectInert(body)
    const fm = parse(frontMatter ?? '') as Record<string, unknown>
    const index = fm['model-index'] as { name: string; results: { dataset: { name: string }; metrics: { type: string; name: string }[] }[] }[]
    expect(index[0]?.name).toBe(HOSTILE)
    // A hostile metric name is no Hub metric id: it never becomes `metric.type`.
    const metrics = index[0]?.results.flatMap((r) => r.metrics) ?? []
    expect(metrics.length).toBeGreaterThan(0)
    for (const m of metrics) expect(HF_METRIC_IDS.has(m.type)).toBe(true)
    expect(index[0]?.results.map((r) => r.dataset.name)).toContain(HOSTILE)
    // Nor is a hostile dataset name a Hub dataset id.
    expect(fm['datasets']).toBeUndefined()
    expect((fm['aims_gate'] as Record<string, unknown>)['policy']).toBe(HOSTILE)
    expect((fm['aims_gate'] as Record<string, unknown>)['blocking']).toEqual([HOSTILE])
  })

  it('cannot add headings of levels 1-3 to the card: the outline is the same as with plain text', async () => {
    const headings = (text: string): string[] =>
      linesOutsideFences(splitFrontMatter(text).body)
        .filter((l) => /^ {0,3}#{1,3}(\s|$)/.test(l))
        .map((l) => l.replace(/ .*/, ''))
    const plain = await renderAll('plain text')
    const evil = await renderAll(HOSTILE)
    expect(headings(evil.card)).toEqual(headings(plain.card))
  })

  it('render inert in the job summary', async () => {
    const { summary } = await renderAll(HOSTILE)
    expectInert(summary)
    const outside = linesOutsideFences(summary).join('\n')
    expect(outside.match(/<details>/g)).toHaveLength(1)
    expect(outside.match(/<\/details>/g)).toHaveLength(1)
  })

  it('render inert in the pull-request comment, whose only comment is the marker', async () => {
    const { comment } = await renderAll(HOSTILE)
    const [marker, ...rest] = comment.split('\n')
    expect(marker).toMatch(/^<!-- aims-gate:[^\s>]+:[^\s>]+ -->$/)
    expectInert(rest.join('\n'))
    expect(comment.match(/-->/g)).toHaveLength(1)
  })

  it('very long text is cut with the cut stated, and the outputs stay within their limits', async () => {
    const long = `${HOSTILE.slice(0, 200)}${'x'.repeat(300_000)}`
    const { card, summary, comment } = await renderAll(long)
    expect(splitFrontMatter(card).body).toMatch(/… \([\d,]+ characters cut\)/)
    expect(utf8Length(summary)).toBeLessThanOrEqual(1024 * 1024)
    expect(summary).toMatch(/Model card truncated to fit the size limit … \([\d,]+ characters cut\)/)
    expect(comment.length).toBeLessThanOrEqual(65_536)
    expectInert(summary)
    expectInert(comment.split('\n').slice(1).join('\n'))
  }, 120_000)

  it('under GitHub\'s renderer (cmark-gfm): no link, image, mention or HTML element comes from the text', async () => {
    // Only untrusted fields are hostile here: reviewed card-source Markdown may hold links.
    const { card, summary, comment } = await renderAll(HOSTILE, 'plain text')
    const plain = await renderAll('plain text')
    const documents = [splitFrontMatter(card).body, summary, comment, splitFrontMatter(plain.card).body, plain.summary, plain.comment]
    const [evilCard, evilSummary, evilComment, plainCard, plainSummary, plainComment] = renderGfm(documents) as string[]
    const pairs: [string, string][] = [
      [evilCard as string, plainCard as string],
      [evilSummary as string, plainSummary as string],
      [evilComment as string, plainComment as string]
    ]
    for (const [evil, reference] of pairs) {
      expect(mentions(evil)).toEqual([])
      expect(evil).not.toMatch(/<img/)
      // The renderer's own links (the job-summary link is made safe by the PR comment) are the
      // only ones, and hostile text adds none.
      expect(linkTargets(evil).filter((href) => !href.startsWith('https://github.com/x/y/actions/runs/1'))).toEqual(
        linkTargets(reference).filter((href) => !href.startsWith('https://github.com/x/y/actions/runs/1'))
      )
      // Code spans (e-mail addresses, mentions) and line breaks are how text stays inert and
      // readable; nothing else is added.
      const own = ['code', 'br']
      expect(new Set([...elementNames(evil), ...own])).toEqual(new Set([...elementNames(reference), ...own]))
      // No row or cell is added by a pipe or a line break in the text.
      expect(evil.match(/<tr>/g)?.length).toBe(reference.match(/<tr>/g)?.length)
      expect(evil.match(/<t[dh][ >]/g)?.length).toBe(reference.match(/<t[dh][ >]/g)?.length)
    }
  })

  it('reviewed card-source Markdown keeps its links and e-mail addresses live in the rendered card', async () => {
    const reviewed = 'Contact dana@example.com, see [the docs](https://example.org/docs) or <https://example.org/faq>.'
    const { card } = await renderAll('plain text', reviewed)
    const [html] = renderGfm([splitFrontMatter(card).body]) as [string]
    expect(linkTargets(html)).toEqual(expect.arrayContaining(['mailto:dana@example.com', 'https://example.org/docs', 'https://example.org/faq']))
    expect(html).toContain('<a href="mailto:dana@example.com">dana@example.com</a>')
  })
})

