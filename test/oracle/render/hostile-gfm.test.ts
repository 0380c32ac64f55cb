/**
 * Hostile text in every field under GitHub's own renderer (cmark-gfm, from the oracles venv):
 * card, job summary and pull-request comment gain no link, image, mention or element from it.
 */
import { describe, expect, it } from 'vitest'
import { splitFrontMatter } from '../../../src/render/summary.js'
import { elementNames, linkTargets, mentions, renderGfm } from '../../support/gfm-oracle.js'
import { HOSTILE, renderAll } from '../../support/hostile-render.js'

describe('hostile strings in every field', () => {
  it("under GitHub's renderer (cmark-gfm): no link, image, mention or HTML element comes from the text", async () => {
    // Only untrusted fields are hostile here: reviewed card-source Markdown may hold links.
    const { card, summary, comment } = await renderAll(HOSTILE, 'plain text')
    const plain = await renderAll('plain text')
    const documents = [
      splitFrontMatter(card).body,
      summary,
      comment,
      splitFrontMatter(plain.card).body,
      plain.summary,
      plain.comment
    ]
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
    expect(linkTargets(html)).toEqual(
      expect.arrayContaining(['mailto:dana@example.com', 'https://example.org/docs', 'https://example.org/faq'])
    )
    expect(html).toContain('<a href="mailto:dana@example.com">dana@example.com</a>')
  })
})
