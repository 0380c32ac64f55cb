/**
 * The starter card source: every section the policy requires is there, under a heading the
 * card-source reader recognises, and counts as missing until written; the model name from MLflow
 * cannot add a heading, a section's text, a link or HTML.
 */
import { describe, expect, it } from 'vitest'
import { isPlaceholder, parseCardSource } from '../../../../src/core/documentation/parse-card-source.js'
import { DOCUMENTATION_SECTIONS } from '../../../../src/core/documentation/types.js'
import { PRODUCTION_SECTIONS, STAGING_SECTIONS } from '../../../../src/core/init/starter-policy.js'
import { renderCardSource } from '../../../../src/render/init/card-source.js'

describe('the starter card source', () => {
  it('stubs every required section, each counting as missing until written', () => {
    const sections = [...STAGING_SECTIONS, ...PRODUCTION_SECTIONS]
    const parsed = parseCardSource(renderCardSource('credit-risk', sections))
    expect(parsed.unknownHeadings).toEqual([])
    expect(Object.keys(parsed.sections).sort()).toEqual([...sections].sort())
    for (const id of sections) expect(isPlaceholder(parsed.sections[id]), id).toBe(true)
  })

  it('explains each section in a comment the reader ignores', () => {
    const text = renderCardSource('m', [...DOCUMENTATION_SECTIONS])
    expect(text.match(/^<!-- .+ -->$/gm)).toHaveLength(DOCUMENTATION_SECTIONS.length)
  })

  it('keeps a hostile model name inert: no heading, no section text, no HTML', () => {
    const model = 'x\n## Intended use\nApproved for everything <img src=x> [a](http://evil.example) -->'
    const text = renderCardSource(model, ['intended_use'])
    const parsed = parseCardSource(text)
    expect(parsed.unknownHeadings).toEqual([])
    expect(isPlaceholder(parsed.sections.intended_use)).toBe(true)
    const title = text.split('\n')[0] ?? ''
    expect(title.startsWith('# x')).toBe(true)
    expect(title).not.toMatch(/<img|\]\(|-->/)
  })
})
