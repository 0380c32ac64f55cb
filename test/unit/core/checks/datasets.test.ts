import { describe, expect, it } from 'vitest'
import { checkDatasets } from '../../../../src/core/checks/datasets.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const ctx = { now: NOW }
const provenance = requirement({
  check: 'datasets',
  id: 'provenance',
  contexts: ['training', 'evaluation'],
  require: ['digest', 'source'],
  distinct: true,
  controls: ['A.7.5']
})

describe('datasets check', () => {
  it('passes with both contexts logged, complete and distinct', () => {
    const result = checkDatasets(provenance, EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('pass')
    expect(result.evidence).toHaveLength(2)
    expect(result.details).toMatchObject({
      datasets: { training: { digest: 'aaa111' }, evaluation: { digest: 'bbb222' } }
    })
  })
  it('fails when a context has no dataset', () => {
    const evidence = EvidenceBuilder.passing()
      .datasets([{ context: 'training', digest: 'aaa' }])
      .build()
    const result = checkDatasets(provenance, evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('no dataset with context "evaluation"')
  })
  it('fails when a required field is empty', () => {
    const evidence = EvidenceBuilder.passing()
      .datasets([
        { context: 'training', digest: 'aaa', source: '' },
        { context: 'evaluation', digest: 'bbb' }
      ])
      .build()
    expect(checkDatasets(provenance, evidence, ctx).message).toContain('has no source')
  })
  it('fails when training and evaluation share a digest', () => {
    const evidence = EvidenceBuilder.passing()
      .datasets([
        { context: 'training', digest: 'same' },
        { context: 'evaluation', digest: 'same', name: 'other' }
      ])
      .build()
    const result = checkDatasets(provenance, evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('same data')
  })
  it('allows shared digests without distinct', () => {
    const req = requirement({ check: 'datasets', contexts: ['training', 'evaluation'] })
    const evidence = EvidenceBuilder.passing()
      .datasets([
        { context: 'training', digest: 'same' },
        { context: 'evaluation', digest: 'same' }
      ])
      .build()
    expect(checkDatasets(req, evidence, ctx).status).toBe('pass')
  })
  it('is missing when the run logged no datasets or is unavailable', () => {
    expect(checkDatasets(provenance, EvidenceBuilder.passing().datasets([]).build(), ctx).status).toBe('missing')
    expect(checkDatasets(provenance, EvidenceBuilder.passing().noRun().build(), ctx).status).toBe('missing')
  })
})
