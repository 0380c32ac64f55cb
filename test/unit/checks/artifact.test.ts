import { describe, expect, it } from 'vitest'
import { checkArtifact, documentDate } from '../../../src/core/checks/artifact.js'
import { missing } from '../../../src/core/evidence/items.js'
import { EvidenceBuilder, NOW } from '../../support/evidence-builder.js'
import { requirement } from '../../support/requirement-builder.js'

const ctx = { now: NOW }
const impact = requirement({ check: 'artifact', id: 'impact', path: 'impact_assessment.md', maxAgeDays: 365, controls: ['A.5.3'] })

describe('artifact check', () => {
  it('passes a recent document, saying which date was used', () => {
    const result = checkArtifact(impact, EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('pass')
    expect(result.details).toMatchObject({ date: '2026-03-01', dateFrom: '"Reviewed:" line', ageDays: 92 })
  })
  it('fails an old document', () => {
    const evidence = EvidenceBuilder.passing().document('impact_assessment.md', 'Reviewed: 2024-01-01\n').build()
    const result = checkArtifact(impact, evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('more than 365')
  })
  it('falls back to the run start time and says so', () => {
    const evidence = EvidenceBuilder.passing().document('impact_assessment.md', '# Impact\nNo date here.\n').build()
    const result = checkArtifact(impact, evidence, ctx)
    expect(result.status).toBe('pass')
    expect(result.observed).toContain('run start time')
  })
  it('fails a review date in the future and an empty document', () => {
    expect(checkArtifact(impact, EvidenceBuilder.passing().document('impact_assessment.md', 'Reviewed: 2027-01-01').build(), ctx).status).toBe('fail')
    expect(checkArtifact(impact, EvidenceBuilder.passing().document('impact_assessment.md', '  \n').build(), ctx).status).toBe('fail')
  })
  it('is missing when the document is absent or was not collected', () => {
    const absent = EvidenceBuilder.passing().document('impact_assessment.md', missing('not-found', 'no artifact impact_assessment.md')).build()
    expect(checkArtifact(impact, absent, ctx).status).toBe('missing')
    expect(checkArtifact(impact, EvidenceBuilder.passing().document('impact_assessment.md', undefined).build(), ctx).status).toBe('missing')
  })
  it('is missing when no date can be established', () => {
    const evidence = EvidenceBuilder.passing().document('impact_assessment.md', 'undated').noRun().build()
    expect(checkArtifact(impact, evidence, ctx).status).toBe('missing')
  })
  it('passes without maxAgeDays when present', () => {
    const req = requirement({ check: 'artifact', path: 'impact_assessment.md' })
    expect(checkArtifact(req, EvidenceBuilder.passing().build(), ctx).status).toBe('pass')
  })
  it('reads bold Reviewed lines and front matter dates', () => {
    expect(documentDate('**Reviewed:** 2026-02-03')?.from).toBe('"Reviewed:" line')
    expect(documentDate('---\ntitle: x\ndate: 2026-02-03\n---\nbody')?.date.toISOString()).toBe('2026-02-03T00:00:00.000Z')
    expect(documentDate('Reviewed: 2026-02-30')).toBeUndefined()
  })
})
