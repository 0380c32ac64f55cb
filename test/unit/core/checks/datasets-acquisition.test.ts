/**
 * Acquisition of data (A.7.3): licence, rights and selection rationale on each logged data set.
 * Forgeries are what an author would write to pass without knowing where the data came from.
 */
import { describe, expect, it } from 'vitest'
import { checkDatasets } from '../../../../src/core/checks/datasets.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const ctx = { now: NOW }
const acquisition = requirement({
  check: 'datasets',
  id: 'acquisition',
  contexts: ['training', 'evaluation'],
  require: ['digest', 'source', 'licence', 'rights', 'rationale'],
  controls: ['A.7.5', 'A.7.3']
})
const HONEST = {
  'aims.licence': 'CC BY 4.0',
  'aims.rights': 'Public UCI data set; the licence permits commercial model training',
  'aims.rationale': 'Census income records match the applicant population the model scores'
}
const withTags = (training: Record<string, string>, evaluation: Record<string, string> = HONEST, runTags = {}) =>
  EvidenceBuilder.passing()
    .datasets([
      { context: 'training', name: 'adult-train', digest: 'aaa', tags: training },
      { context: 'evaluation', name: 'adult-eval', digest: 'bbb', tags: evaluation }
    ])
    .runFields({ tags: runTags })
    .build()
const check = (evidence: ReturnType<typeof withTags>) => checkDatasets(acquisition, evidence, ctx)

describe('datasets check: acquisition fields', () => {
  it('passes with licence, rights and rationale on each data set, satisfying A.7.3 and A.7.5', () => {
    const result = check(withTags(HONEST))
    expect(result.status).toBe('pass')
    expect(result.controls).toEqual(['A.7.5', 'A.7.3'])
    expect(result.details).toMatchObject({ datasets: { training: { licence: 'CC BY 4.0' } } })
  })
  it('reads them from run tags aims.dataset.<name>.<field> as well', () => {
    const runTags = Object.fromEntries(
      Object.entries(HONEST).map(([k, v]) => [k.replace('aims.', 'aims.dataset.adult-train.'), v])
    )
    expect(check(withTags({}, HONEST, runTags)).status).toBe('pass')
  })
  it('fails closed when the fields are absent, naming them and where to log them', () => {
    const result = check(withTags({}))
    expect(result.status).toBe('fail')
    expect(result.message).toContain('training dataset "adult-train" has no licence, rights, rationale')
    expect(result.message).toContain('aims.licence')
  })
  it.each([
    ['an empty licence', { ...HONEST, 'aims.licence': '  ' }],
    ['"n/a"', { ...HONEST, 'aims.licence': 'n/a' }],
    ['"unknown"', { ...HONEST, 'aims.rights': 'Unknown' }],
    ['"TODO"', { ...HONEST, 'aims.rights': 'TODO: ask legal' }],
    ['"-"', { ...HONEST, 'aims.licence': '-' }],
    ['"yes"', { ...HONEST, 'aims.rights': 'yes' }],
    ['a one-word rationale', { ...HONEST, 'aims.rationale': 'available' }],
    ['a rationale that says where, not why', { ...HONEST, 'aims.rationale': 'internal data lake' }]
  ])('forgery: %s does not pass', (_name, tags) => {
    const result = check(withTags(tags))
    expect(result.status).toBe('fail')
    expect(result.message).toMatch(/training dataset "adult-train"/)
  })
  it('forgery: a dataset tag and a run tag that disagree are no evidence', () => {
    const result = check(withTags(HONEST, HONEST, { 'aims.dataset.adult-train.licence': 'proprietary' }))
    expect(result.status).toBe('fail')
    expect(result.message).toContain('disagree')
  })
  it('forgery: honest details on the evaluation data do not vouch for the training data', () => {
    expect(check(withTags({}, HONEST)).status).toBe('fail')
  })
})
