import { describe, expect, it } from 'vitest'
import { checkDocumentation } from '../../../../src/core/checks/documentation.js'
import { missing } from '../../../../src/core/evidence/items.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const ctx = { now: NOW }
const card = requirement({
  check: 'documentation',
  sections: ['intended_use', 'limitations', 'human_oversight'],
  controls: ['A.6.2.7']
})

describe('documentation check', () => {
  it('passes when every section has text, with provenance per section', () => {
    const result = checkDocumentation(card, EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('pass')
    expect(result.observed).toBe('3 of 3 sections')
    expect(result.evidence.map((e) => e.provenance.source)).toEqual(['repo-file', 'repo-file', 'repo-file'])
  })
  it('fails when the card leaves a section as a placeholder', () => {
    const text = '## Intended use\nScreening.\n\n## Limitations\nTODO\n\n## Human oversight\nTBD.\n'
    const result = checkDocumentation(card, EvidenceBuilder.passing().cardSource(text).build(), ctx)
    expect(result.status).toBe('fail')
    expect(result.details).toMatchObject({ absent: ['limitations', 'human_oversight'] })
    expect(result.message).toContain('placeholder')
  })
  it('fails when a section is absent and reports unrecognised headings', () => {
    const text = '## Intended use\nScreening.\n\n## Limitatons\nSmall data.\n\n## human_oversight\nOfficer reviews.\n'
    const result = checkDocumentation(card, EvidenceBuilder.passing().cardSource(text).build(), ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('"Limitatons"')
  })
  it('is missing when there is no documentation source at all', () => {
    const evidence = EvidenceBuilder.passing()
      .cardSource(missing('not-found', 'model-cards/credit-risk.md does not exist'))
      .build()
    const result = checkDocumentation(card, evidence, ctx)
    expect(result.status).toBe('missing')
    expect(result.message).toContain('does not exist')
  })
  it('is missing when the card source exists but could not be read', () => {
    const evidence = EvidenceBuilder.passing()
      .cardSource(missing('invalid', 'not UTF-8'))
      .versionTags({ 'aims.card.intended_use': 'Screening.' })
      .build()
    expect(checkDocumentation(card, evidence, ctx).status).toBe('missing')
  })
  it('uses MLflow tags when there is no card file', () => {
    const evidence = EvidenceBuilder.passing()
      .cardSource(missing('not-found', 'no card'))
      .versionTags({ 'aims.card.limitations': 'Small data.', 'aims.card.human_oversight': 'Officer reviews.' })
      .modelFields({ description: 'Screens applications.' })
      .build()
    const result = checkDocumentation(card, evidence, ctx)
    expect(result.status).toBe('pass')
    expect(result.details).toMatchObject({ sources: { intended_use: 'models:/credit-risk#description' } })
  })
})
