/**
 * Hostile text in every field: what anyone who can log a run, tag a version or edit the card
 * source could write. Card, job summary and pull-request comment must render it inert, and the
 * front matter must still parse with the values read back exactly as written. (Under GitHub's
 * renderer: test/oracle/render/hostile-gfm.test.ts.)
 */
import { describe, expect, it } from 'vitest'
import { HF_METRIC_IDS } from '../../../src/render/card/hf/hf-metrics.js'
import { parse } from 'yaml'
import { utf8Length } from '../../../src/render/escape.js'
import { splitFrontMatter } from '../../../src/render/summary.js'
import { HOSTILE, renderAll } from '../../support/hostile-render.js'
import { expectInert, linesOutsideFences } from '../../support/inert-assertions.js'

describe('hostile strings in every field', () => {
  it('render inert in the card body, and the front matter parses and round-trips', async () => {
    const { card } = await renderAll(HOSTILE)
    const { frontMatter, body } = splitFrontMatter(card)
    expectInert(body)
    const fm = parse(frontMatter ?? '') as Record<string, unknown>
    const index = fm['model-index'] as {
      name: string
      results: { dataset: { name: string }; metrics: { type: string; name: string }[] }[]
    }[]
    expect(index[0]?.name).toBe(HOSTILE)
    // A hostile metric name is no Hub metric id: it never becomes `metric.type`.
    const metrics = index[0]?.results.flatMap((r) => r.metrics) ?? []
    expect(metrics.length).toBeGreaterThan(0)
    for (const m of metrics) expect(HF_METRIC_IDS.has(m.type)).toBe(true)
    expect(index[0]?.results.map((r) => r.dataset.name)).toContain(HOSTILE)
    // Nor is a hostile dataset name a Hub dataset id.
    expect(fm.datasets).toBeUndefined()
    expect((fm.aims_gate as Record<string, unknown>).policy).toBe(HOSTILE)
    expect((fm.aims_gate as Record<string, unknown>).blocking).toEqual([HOSTILE])
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
})
