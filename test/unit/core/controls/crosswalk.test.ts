import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTROL_IDS } from '../../../../src/core/controls/catalog.js'
import { CROSSWALK_IDS, crosswalk, crosswalkOf, crosswalkProblems } from '../../../../src/core/controls/crosswalk.js'

const raw = (id: string) => JSON.parse(readFileSync(`data/crosswalks/${id}.json`, 'utf8')) as Record<string, unknown>
type Entry = Record<string, unknown>

describe('shipped crosswalks', () => {
  it.each(CROSSWALK_IDS)('%s covers all 38 Annex A controls once, each with a declared source', (id) => {
    expect(crosswalkProblems(raw(id))).toEqual([])
    const data = crosswalk(id)
    expect(data.entries.map((e) => e.control)).toEqual([...CONTROL_IDS])
    expect(CONTROL_IDS).toHaveLength(38)
    for (const entry of data.entries) {
      expect(entry.source.url, entry.control).toMatch(/^https:\/\//)
      if (entry.targets.length === 0) expect(entry.note, entry.control).toBeDefined()
    }
  })
  it("cites NIST's crosswalk for the AI RMF and says the EU mapping is our interpretation", () => {
    const nist = crosswalk('nist-ai-rmf')
    expect(nist.interpretation).toBe(false)
    expect(new Set(nist.entries.map((e) => e.source.url))).toEqual(
      new Set(['https://airc.nist.gov/docs/NIST_AI_RMF_to_ISO_IEC_42001_Crosswalk.pdf'])
    )
    const eu = crosswalk('eu-ai-act')
    expect(eu.interpretation).toBe(true)
    expect(eu.comment).toMatch(/No official mapping/)
  })
  it('gives the compact per-control view the report, card and OSCAL show', () => {
    expect(crosswalkOf('A.3.2')).toEqual({ 'nist-ai-rmf': ['GOVERN 2.1'], 'eu-ai-act': ['Art. 17'] })
    expect(crosswalkOf('A.6.2.8')).toEqual({ 'nist-ai-rmf': [], 'eu-ai-act': ['Art. 12'] })
  })
})

describe('crosswalk validation refuses broken data', () => {
  const edited = (id: string, edit: (entries: Entry[], file: Record<string, unknown>) => void) => {
    const file = raw(id)
    edit(file.entries as Entry[], file)
    return crosswalkProblems(file)
  }
  it('a control left out, a made-up control, a control twice', () => {
    expect(edited('nist-ai-rmf', (e) => e.splice(3, 1))).toContain('no entry for A.3.2')
    expect(edited('nist-ai-rmf', (e) => (e[0]!.control = 'A.6.6'))).toEqual(
      expect.arrayContaining(['no entry for A.2.2', 'A.6.6 is not an Annex A control'])
    )
    expect(edited('eu-ai-act', (e) => e.push({ ...e[0]! }))).toContain('a control has more than one entry')
  })
  it('an entry whose source is not declared, an empty mapping without a note', () => {
    expect(edited('eu-ai-act', (e) => (e[0]!.source = 'blog'))).toContain('A.2.2: source "blog" is not declared')
    expect(
      edited('nist-ai-rmf', (e) => {
        const entry = e.find((x) => (x.subcategories as string[]).length === 0)!
        delete entry.note
      })
    ).toEqual([expect.stringMatching(/: no target and no note saying why$/)])
  })
  it('an EU article outside the mapped set and a NIST id in the wrong form', () => {
    expect(edited('eu-ai-act', (e) => (e[0]!.articles = ['Art. 99']))).not.toEqual([])
    expect(edited('nist-ai-rmf', (e) => (e[0]!.subcategories = ['GV-1.1']))).not.toEqual([])
  })
})
