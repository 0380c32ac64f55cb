import { describe, expect, it } from 'vitest'
import { checkArtifact } from '../../../../src/core/checks/artifact.js'
import { reviewDate } from '../../../../src/core/documents/review-date.js'
import { missing } from '../../../../src/core/evidence/items.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const ctx = { now: NOW }
const impact = requirement({
  check: 'artifact',
  id: 'impact',
  path: 'impact_assessment.md',
  maxAgeDays: 365,
  controls: ['A.5.3']
})

describe('artifact check', () => {
  it('passes a recent document, saying which date was used', () => {
    const result = checkArtifact(impact, EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('pass')
    expect(result.details).toMatchObject({ date: '2026-03-01', ageDays: 92 })
    expect(result.message).toContain('reviewed 2026-03-01')
  })
  it("ends a missing document's message once and gives one fix (the collector's, when it has one)", () => {
    const detail =
      'Document impact_assessment.md is not among the artifacts of run r. Fix: log it ' +
      'with mlflow.log_text("…", "impact_assessment.md").'
    const withFix = EvidenceBuilder.passing().document('impact_assessment.md', missing('not-found', detail)).build()
    const message = checkArtifact(impact, withFix, ctx).message
    expect(message).toBe(`impact_assessment.md: ${detail}`)
    expect(message).not.toContain('..')
    const bare = EvidenceBuilder.passing()
      .document('impact_assessment.md', missing('not-found', 'no artifact impact_assessment.md'))
      .build()
    expect(checkArtifact(impact, bare, ctx).message).toBe(
      'impact_assessment.md: no artifact impact_assessment.md. Fix: log it with ' +
        'mlflow.log_artifact("impact_assessment.md").'
    )
  })
  it('fails an old document', () => {
    const evidence = EvidenceBuilder.passing().document('impact_assessment.md', 'Reviewed: 2024-01-01\n').build()
    const result = checkArtifact(impact, evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('more than 365')
  })
  // The run's start time used to stand in for a missing review date: a false pass.
  it('never falls back to the run start time: no "Reviewed:" line fails', () => {
    const evidence = EvidenceBuilder.passing().document('impact_assessment.md', '# Impact\nNo date here.\n').build()
    const result = checkArtifact(impact, evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.observed).toBe('no "Reviewed:" line')
    expect(result.message).toContain('no "Reviewed: YYYY-MM-DD" line')
  })
  it('fails a review date in the future and an empty document', () => {
    expect(
      checkArtifact(
        impact,
        EvidenceBuilder.passing().document('impact_assessment.md', 'Reviewed: 2027-01-01').build(),
        ctx
      ).status
    ).toBe('fail')
    expect(
      checkArtifact(impact, EvidenceBuilder.passing().document('impact_assessment.md', '  \n').build(), ctx).status
    ).toBe('fail')
  })
  it('is missing when the document is absent or was not collected', () => {
    const absent = EvidenceBuilder.passing()
      .document('impact_assessment.md', missing('not-found', 'no artifact impact_assessment.md'))
      .build()
    expect(checkArtifact(impact, absent, ctx).status).toBe('missing')
    expect(
      checkArtifact(impact, EvidenceBuilder.passing().document('impact_assessment.md', undefined).build(), ctx).status
    ).toBe('missing')
  })
  it('blocks when no date can be established, with or without a run', () => {
    const evidence = EvidenceBuilder.passing().document('impact_assessment.md', 'undated').noRun().build()
    expect(checkArtifact(impact, evidence, ctx).status).toBe('fail')
  })
  it('passes without maxAgeDays when present', () => {
    const req = requirement({ check: 'artifact', path: 'impact_assessment.md' })
    expect(checkArtifact(req, EvidenceBuilder.passing().build(), ctx).status).toBe('pass')
  })
  it('reads bold Reviewed lines; front matter dates and impossible dates do not count', () => {
    expect(reviewDate('**Reviewed:** 2026-02-03')).toMatchObject({ ok: true, day: '2026-02-03' })
    // A front matter `date:` says when the file was written, not reviewed: it no longer stands in.
    expect(reviewDate('---\ntitle: x\ndate: 2026-02-03\n---\nbody')).toMatchObject({ ok: false, problem: 'no-line' })
    expect(reviewDate('Reviewed: 2026-02-30')).toMatchObject({ ok: false, problem: 'not-a-date' })
  })
})
