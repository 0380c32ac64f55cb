/**
 * Models as people export them today: skl2onnx and onnxmltools with their default options, so
 * every graph ends in a ZipMap. Python exports them in the test run; the gate runs each graph
 * without its ZipMap, leaves the sensitive column of the evaluation data out of the model's
 * inputs, and its metrics equal scikit-learn's. Graphs that only look like such an export fail
 * closed with the reason.
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recompute, recomputeWithRows, type RecomputeOutcome } from '../../../../src/collect/recompute/recompute.js'
import { sklearnReference, type ReferenceResult } from '../../../support/sklearn-reference.js'
import { buildFixtures, type Fixtures } from '../recompute/onnx-fixtures.js'
import { expectMatchesSklearn, referenceCase, value } from '../recompute/sklearn-compare.js'

const REQUIRED = [
  'logistic-regression',
  'random-forest',
  'gradient-boosting',
  'hist-gradient-boosting',
  'svc',
  'lightgbm',
  'xgboost'
]

let fx: Fixtures
let names: string[] = []
const outcomes = new Map<string, RecomputeOutcome>()
let exact: Record<string, ReferenceResult> = {}
beforeAll(async () => {
  fx = buildFixtures('make_default_exports.py', 'models')
  names = Object.keys(fx.reference)
  for (const name of names) {
    // the data holds age, income, debt_ratio, sex and default; the tensor signature names no columns
    const outcome = await recomputeWithRows({
      model: fx.model(name),
      data: { path: fx.csv(name) },
      label: 'default',
      task: 'binary',
      batchSize: 97,
      keepRows: true,
      sensitiveFeatures: [['sex']]
    })
    outcomes.set(name, outcome)
  }
  exact = sklearnReference(
    names.filter((n) => outcomes.get(n)?.rows).map((n) => referenceCase(n, outcomes.get(n)!.rows!))
  )
}, 600_000)
afterAll(() => rmSync(fx.dir, { recursive: true, force: true }))

describe('default exports (ZipMap output)', () => {
  it('exports every model kind, HistGradientBoosting included; none is skipped', () => {
    expect(names).toEqual(expect.arrayContaining(REQUIRED))
    // HistGradientBoosting converts only with protobuf 5 (requirements-models.txt says why): a
    // converter failure would be reported here with its own error, never passed over.
    expect(fx.skipped).toEqual({})
  })

  it('every export runs without its ZipMap and its metrics equal sklearn (1e-9), sex not fed', () => {
    for (const name of names) {
      const { evidence, rows } = outcomes.get(name)!
      const v = value(evidence)
      expectMatchesSklearn(v, rows!, exact[name]!, fx.reference[name]!)
      for (const metric of ['roc_auc', 'accuracy_score', 'log_loss'])
        expect(v.metrics[metric], `${name} ${metric}`).toBeDefined()
      expect(v.dataset.rows).toBe(400)
      expect(new Set(rows!.sensitive.sex)).toEqual(new Set(['F', 'M']))
      expect(rows!.classes).toEqual(['0', '1'])
    }
  })

  it('leaves a sensitive column of another requirement out of the inputs too', async () => {
    const name = 'logistic-regression'
    const options = { model: fx.model(name), data: { path: fx.csv(name) }, label: 'default', task: 'binary' } as const
    const excluded = value(await recompute({ ...options, excludedColumns: ['sex'] }))
    expect(excluded.metrics).toEqual(value(outcomes.get(name)!.evidence).metrics)
    const fed = await recompute(options)
    expect(fed.kind === 'missing' && fed.detail).toMatch(
      new RegExp(
        String.raw`takes 3 features but the data has 4 \(1 too many\): 'age', 'income', 'debt_ratio', 'sex'; ` +
          String.raw`not fed: 'default'.*evaluation\.features`
      )
    )
    const ignored = value(await recompute({ ...options, ignore: ['sex'] }))
    expect(ignored.metrics).toEqual(excluded.metrics)
    const listed = value(await recompute({ ...options, features: ['age', 'income', 'debt_ratio'] }))
    expect(listed.metrics).toEqual(excluded.metrics)
  })

  it.each([
    ['foreign-domain', /op type ZipMap in domain 'com\.example\.zipmap', not ai\.onnx\.ml's ZipMap/],
    ['two-zipmaps', /2 ZipMap nodes/],
    ['not-final', /not at the graph's output .*feeds node 'after_zipmap'/],
    ['classes-disagree', /names classes \[1, 0\] but classifier .* predicts \[0, 1\]/]
  ])('refuses a forged ZipMap graph (%s) with the reason', async (forgery, reason) => {
    const name = `forged-${forgery}`
    const evidence = await recompute({
      model: fx.model(name),
      data: { path: fx.csv(name) },
      label: 'default',
      task: 'binary',
      excludedColumns: ['sex']
    })
    expect(evidence).toMatchObject({ kind: 'missing', reason: 'invalid' })
    expect(evidence.kind === 'missing' && evidence.detail).toMatch(reason)
  })
})
