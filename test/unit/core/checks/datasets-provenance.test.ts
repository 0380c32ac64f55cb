import { describe, expect, it } from 'vitest'
import { checkDatasets } from '../../../../src/core/checks/datasets.js'
import { codeSourceReason } from '../../../../src/core/evidence/dataset-source.js'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
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
// What MLflow 2.22 and 3.17 autolog store for the training arrays (sklearn, log_datasets=True).
const AUTOLOG = {
  name: 'dataset',
  digest: 'c0de',
  sourceType: 'code',
  source: JSON.stringify({
    tags: { 'mlflow.user': 'someone', 'mlflow.source.name': 'train.py', 'mlflow.source.type': 'LOCAL' }
  })
}

describe('datasets check: code is not data provenance', () => {
  it("fails autolog's code dataset as the training data, naming the script", () => {
    const evidence = EvidenceBuilder.passing()
      .datasets([
        { context: 'training', ...AUTOLOG, sourceUri: undefined },
        { context: 'evaluation', digest: 'bbb' }
      ])
      .build()
    const result = checkDatasets(provenance, evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('training dataset "dataset" has no data provenance')
    expect(result.message).toContain('"code" source type (the script train.py)')
  })
  it('treats a source naming only a script, or a script/notebook URI, as code', () => {
    const base = { name: 'd', digest: 'x', tags: {} }
    expect(codeSourceReason({ ...base, sourceType: 'local', source: AUTOLOG.source })).toContain('train.py')
    expect(
      codeSourceReason({ ...base, sourceType: 'local', source: '{"uri":"src/train.py"}', sourceUri: 'src/train.py' })
    ).toContain('script or notebook')
    expect(
      codeSourceReason({
        ...base,
        sourceType: 'local',
        source: '{"uri":"nb/explore.ipynb"}',
        sourceUri: 'nb/explore.ipynb'
      })
    ).toContain('script or notebook')
    expect(
      codeSourceReason({
        ...base,
        sourceType: 'http',
        source: '{"url":"https://x/adult.csv"}',
        sourceUri: 'https://x/adult.csv'
      })
    ).toBeUndefined()
  })
})

describe('datasets check: one dataset per context', () => {
  const two = EvidenceBuilder.passing().datasets([
    { context: 'training', digest: 'aaa' },
    { context: 'evaluation', name: 'eval-a', digest: 'b1' },
    { context: 'evaluation', name: 'eval-b', digest: 'b2', source: '' }
  ])
  it('is missing when a context has two datasets, naming both', () => {
    const result = checkDatasets(provenance, two.build(), ctx)
    expect(result.status).toBe('missing')
    expect(result.message).toContain('2 datasets are logged with context "evaluation"')
    expect(result.message).toContain('"eval-a"@b1')
    expect(result.message).toContain('"eval-b"@b2')
    expect(result.message).toContain('names: { evaluation: <dataset name> }')
  })
  it('judges the dataset `names` picks', () => {
    const pickA = requirement({ ...provenance, names: { evaluation: 'eval-a' } })
    expect(checkDatasets(pickA, two.build(), ctx).status).toBe('pass')
    const pickB = requirement({ ...provenance, names: { evaluation: 'eval-b' } })
    expect(checkDatasets(pickB, two.build(), ctx).message).toContain('has no source')
    const pickNone = requirement({ ...provenance, names: { evaluation: 'eval-c' } })
    expect(checkDatasets(pickNone, two.build(), ctx).message).toContain('no evaluation dataset named "eval-c"')
  })
  it('refuses names for a context the requirement does not check', () => {
    const text =
      'version: 1\nname: p\nprofiles:\n  production:\n    requirements:\n      - { ' +
      'id: d, check: datasets, contexts: [training], names: { evaluation: e }, ' +
      'controls: [A.7.5] }\n'
    expect(() => parsePolicy(text, 'p.yml')).toThrow(
      /names\.evaluation: names a dataset for context "evaluation", which is not in contexts/
    )
  })
})
