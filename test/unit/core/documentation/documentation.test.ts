import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  isPlaceholder,
  parseCardSource,
  sectionIdForHeading
} from '../../../../src/core/documentation/parse-card-source.js'
import { resolveDocumentation } from '../../../../src/core/documentation/resolve-documentation.js'
import { DOCUMENTATION_SECTIONS } from '../../../../src/core/documentation/types.js'
import { missing } from '../../../../src/core/evidence/items.js'
import { EvidenceBuilder } from '../../../support/evidence-builder.js'

describe('parseCardSource', () => {
  it('maps headings by id or title, any case', () => {
    expect(sectionIdForHeading('Intended use')).toBe('intended_use')
    expect(sectionIdForHeading('INTENDED_USE')).toBe('intended_use')
    expect(sectionIdForHeading('Out-of-scope use:')).toBe('out_of_scope_use')
    expect(sectionIdForHeading('Something else')).toBeUndefined()
  })
  it('collects section text, keeps ### subsections, ignores front matter, comments and code fences', () => {
    const text =
      `---\ntitle: x\n---\n# Card\n\n## Intended use\n<!-- guidance: who uses it ` +
      `-->\nScreening.\n\n### Detail\nMore.\n\n## Limitations\n\`\`\`\n## not a ` +
      `heading\n\`\`\`\nSmall data.\n\n## Random\nignored\n`
    const parsed = parseCardSource(text)
    expect(parsed.sections.intended_use).toBe('Screening.\n\n### Detail\nMore.')
    expect(parsed.sections.limitations).toContain('Small data.')
    expect(parsed.sections.limitations).toContain('## not a heading')
    expect(parsed.unknownHeadings).toEqual(['Random'])
  })
  it('treats empty and placeholder text as missing', () => {
    for (const text of [
      '',
      '  ',
      'TODO',
      'TODO: describe',
      'TBD.',
      '_TBD_',
      'N/A',
      'none',
      '...',
      '<!-- write here -->',
      '[TBD]'
    ]) {
      expect(isPlaceholder(text), text).toBe(true)
    }
    for (const text of [
      'None of the features are protected attributes.',
      'Screening of applications.',
      'Todos los usuarios'
    ]) {
      expect(isPlaceholder(text), text).toBe(false)
    }
  })
})

describe('resolveDocumentation', () => {
  it('prefers the repository card, then version tags, then model tags, then the model description', () => {
    const evidence = EvidenceBuilder.passing()
      .cardSource('## Limitations\nFrom the card.\n## Users\nTODO\n')
      .versionTags({
        'aims.card.limitations': 'From the version.',
        'aims.card.users': 'Officers (version tag).',
        'aims.card.architecture': 'Trees (version).'
      })
      .modelFields({
        tags: { 'aims.card.architecture': 'Trees (model).', 'aims.card.license': 'Apache-2.0' },
        description: 'Screens applications.'
      })
      .build()
    const doc = resolveDocumentation(evidence)
    expect(doc.sections.limitations).toMatchObject({ text: 'From the card.', provenance: { source: 'repo-file' } })
    expect(doc.sections.users.text).toBe('Officers (version tag).')
    expect(doc.sections.architecture.text).toBe('Trees (version).')
    expect(doc.sections.license.provenance?.uri).toBe('models:/credit-risk#tags/aims.card.license')
    expect(doc.sections.intended_use.provenance?.uri).toBe('models:/credit-risk#description')
    expect(doc.sections.monitoring_plan.text).toBeUndefined()
    expect(doc.notes.monitoring_plan).toContain('not in model-cards/credit-risk.md')
  })
  it('notes placeholder sources and reports when nothing exists at all', () => {
    const evidence = EvidenceBuilder.passing().cardSource('## Limitations\nTBD\n').build()
    expect(resolveDocumentation(evidence).notes.limitations).toContain('placeholder')
    const none = resolveDocumentation(EvidenceBuilder.passing().cardSource(missing('not-found', 'no card')).build())
    expect(none.anySource).toBe(false)
  })
})

describe('example card source', () => {
  it('fills every documentation section with real text', () => {
    const parsed = parseCardSource(readFileSync('examples/credit-risk/model-cards/credit-risk.md', 'utf8'))
    expect(parsed.unknownHeadings).toEqual([])
    for (const id of DOCUMENTATION_SECTIONS) expect(isPlaceholder(parsed.sections[id]), id).toBe(false)
  })
})
