/**
 * The card's Annex A evidence matrix under GitHub's renderer (cmark-gfm): still one table, now with
 * the statuses satisfied / supported / failed / missing and a Crosswalk column, each row a row.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { splitFrontMatter } from '../../../src/render/summary.js'
import { renderGfm, visibleText } from '../../support/gfm-oracle.js'

const GOLDEN = 'test/unit/render/card/__golden__/card.md'

describe('evidence matrix under cmark-gfm', () => {
  it('renders as a table with the new statuses and the crosswalk per control', () => {
    const [html] = renderGfm([splitFrontMatter(readFileSync(GOLDEN, 'utf8')).body]) as [string]
    const start = html.search(/<h2[^>]*>Annex A evidence matrix<\/h2>/)
    const table = html.slice(html.indexOf('<table>', start), html.indexOf('</table>', start) + 8)
    expect(table).toMatch(
      /<th>Control<\/th>\s*<th>Title<\/th>\s*<th>Status<\/th>\s*<th>Requirements<\/th>\s*<th>Crosswalk<\/th>/
    )
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) =>
      visibleText(m[1] ?? '')
        .replace(/\s+/g, ' ')
        .trim()
    )
    expect(rows).toHaveLength(7)
    expect(rows.map((r) => r.split(' ')[0])).toEqual([
      'A.5.4',
      'A.6.2.4',
      'A.6.2.5',
      'A.6.2.7',
      'A.7.4',
      'A.8.2',
      'A.10.3'
    ])
    const row = (id: string) => rows.find((r) => r.startsWith(`${id} `)) ?? ''
    expect(row('A.6.2.4')).toContain('✅ satisfied')
    expect(row('A.6.2.5')).toMatch(/◐ supported.*release-approval \(supports\).*EU Art\. 17/)
    expect(row('A.5.4')).toMatch(/❌ failed.*NIST MAP 1\.6 · EU Art\. 9/)
    expect(row('A.6.2.7')).toContain('⚠️ missing')
  })
})
