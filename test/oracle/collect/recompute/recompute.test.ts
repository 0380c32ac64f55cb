/**
 * End to end on real ONNX models: read the CSV, run onnxruntime-node, compute the metrics; they
 * equal sklearn's on the predictions onnxruntime made in Python (to 1e-9), and every refusal is
 * missing evidence with a reason, never a pass.
 */
import { rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOnnxRuntime } from '../../../../src/collect/inference/load-runtime.js'
import { recompute, recomputeWithRows, type RecomputeOutcome } from '../../../../src/collect/recompute/recompute.js'
import { closeRelative, sklearnReference, type ReferenceResult } from '../../../support/sklearn-reference.js'
import { buildFixtures, type Fixtures } from './onnx-fixtures.js'
import { expectMatchesSklearn, referenceCase, value } from './sklearn-compare.js'

const cases = [
  { name: 'binary-columns', task: 'binary', label: 'default' },
  { name: 'binary-matrix', task: 'binary', label: 'default' },
  { name: 'multiclass', task: 'multiclass', label: 'risk_band' },
  { name: 'regression', task: 'regression', label: 'loss' },
  { name: 'regression-gb', task: 'regression', label: 'loss' }
] as const

let fx: Fixtures
const outcomes = new Map<string, RecomputeOutcome>()
let exact: Record<string, ReferenceResult> = {}
beforeAll(async () => {
  fx = buildFixtures()
  for (const { name, task, label } of cases) {
    outcomes.set(
      name,
      await recomputeWithRows({
        model: fx.model(name),
        data: { path: fx.csv(name) },
        label,
        task,
        batchSize: 97,
        keepRows: true
      })
    )
  }
  // one Python process for all cases: sklearn on exactly the predictions we made
  exact = sklearnReference(cases.map(({ name }) => referenceCase(name, outcomes.get(name)!.rows!)))
}, 300_000)
afterAll(() => rmSync(fx.dir, { recursive: true, force: true }))

describe('recompute with onnxruntime-node', () => {
  it.each(cases)('$name: metrics equal sklearn on our predictions (1e-9) and Python onnxruntime (1e-6)', ({ name }) => {
    const { evidence, rows } = outcomes.get(name)!
    const v = value(evidence)
    expectMatchesSklearn(v, rows!, exact[name]!, fx.reference[name]!)
    expect(v.dataset.rows).toBe(400)
    expect(v.dataset.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(v.modelSha256).toBe(fx.model(name).onnxSha256)
    expect(evidence.kind === 'present' && evidence.provenance.source).toBe('recomputed')
  })

  // The decode worker users run (dist/decode-worker.js), in batches of 13: it decodes 31 batches
  // and scores those the main thread is not ready for, for every model kind, so label codes and
  // the worker's outputs (probabilities, string or int64 labels, regression values) cross threads.
  it.each(cases)(
    '$name: with the bundled decode worker, the same metrics as decoding inline',
    async ({ name, task, label }) => {
      const worker = pathToFileURL(resolve('dist/decode-worker.js'))
      // The same batches inline: onnxruntime's float32 sums depend on how the rows are split.
      const run = async (path: string, decodeWorker: URL | false) =>
        value(await recompute({ model: fx.model(name), data: { path }, label, task, batchSize: 13, decodeWorker }))
      for (const path of [fx.csv(name), fx.csv(name).replace(/csv$/, 'parquet')]) {
        const shared = await run(path, worker)
        const inline = await run(path, false)
        expect(shared.dataset).toEqual(inline.dataset)
        expect(Object.keys(shared.metrics).sort()).toEqual(Object.keys(inline.metrics).sort())
        for (const [metric, v] of Object.entries(inline.metrics))
          expect([metric, closeRelative(shared.metrics[metric]!, v)]).toEqual([metric, true])
      }
    }
  )

  // Batches of 50 divide both the CSV and the 150-row Parquet row groups, so onnxruntime sees the
  // same batches (a tree ensemble's float32 sums depend on the batch split) and results are equal.
  it.each(cases)('$name: Parquet gives the same metrics as CSV', async ({ name, task, label }) => {
    const run = async (path: string) =>
      value(await recompute({ model: fx.model(name), data: { path }, label, task, batchSize: 50 }))
    const fromParquet = await run(fx.csv(name).replace(/csv$/, 'parquet'))
    expect(fromParquet.metrics).toEqual((await run(fx.csv(name))).metrics)
    expect(fromParquet.dataset.rows).toBe(400)
  })

  it('keeps the per-row vectors of the pass when asked (for group statistics)', async () => {
    const { evidence, rows } = await recomputeWithRows({
      model: fx.model('binary-columns'),
      data: { path: fx.csv('binary-columns') },
      label: 'default',
      task: 'binary',
      sensitiveFeatures: [['sex'], ['sex', 'region']],
      keepRows: true
    })
    expect(evidence.kind).toBe('present')
    expect(rows?.rows).toBe(400)
    expect(rows?.trueIndex?.length).toBe(400)
    expect(rows?.scores?.length).toBe(400)
    expect(new Set(rows?.sensitive.sex)).toEqual(new Set(['F', 'M']))
    expect(rows?.sensitive.region).toContain('east, coast')
    expect(rows?.classes).toEqual(['0', '1'])
  })

  it('runs a default (ZipMap) export without its ZipMap: the same metrics as the export without it', async () => {
    const run = async (name: string) =>
      value(
        await recompute({
          model: fx.model(name),
          data: { path: fx.csv(name) },
          label: 'default',
          task: 'binary',
          batchSize: 50
        })
      )
    const [zipmap, plain] = [await run('zipmap'), await run('binary-matrix')]
    expect(zipmap.metrics).toEqual(plain.metrics)
    expect(zipmap.metrics.roc_auc).toBeGreaterThan(0.5)
  })

  it('names the column when the data lacks a feature', async () => {
    const path = join(fx.dir, 'no-income.csv')
    writeFileSync(path, 'age,debt_ratio,region,sex,default\n30,0.5,north,F,1\n')
    const evidence = await recompute({
      model: fx.model('binary-columns'),
      data: { path },
      label: 'default',
      task: 'binary'
    })
    expect(evidence).toMatchObject({ kind: 'missing', reason: 'invalid' })
    expect(evidence.kind === 'missing' && evidence.detail).toMatch(/column 'income' is missing/)
  })

  it('names the column and line when a feature is not a number', async () => {
    const path = join(fx.dir, 'bad-number.csv')
    writeFileSync(path, 'age,income,debt_ratio,default\n30,40.5,0.5,1\n31,lots,0.2,0\n')
    const evidence = await recompute({
      model: fx.model('binary-matrix'),
      data: { path },
      label: 'default',
      task: 'binary'
    })
    expect(evidence.kind === 'missing' && evidence.detail).toMatch(
      /column 'income' line 3 holds 'lots', which is not a number/
    )
  })

  it('names the label when it is no class of the model', async () => {
    const path = join(fx.dir, 'bad-label.csv')
    writeFileSync(path, 'age,income,debt_ratio,default\n30,40.5,0.5,yes\n')
    const evidence = await recompute({
      model: fx.model('binary-matrix'),
      data: { path },
      label: 'default',
      task: 'binary'
    })
    expect(evidence.kind === 'missing' && evidence.detail).toMatch(/label column 'default' holds 'yes'.*\(0, 1\)/)
  })

  it('reports a single class present as undefined ROC AUC with a reason', async () => {
    const path = join(fx.dir, 'one-class.csv')
    writeFileSync(path, 'age,income,debt_ratio,default\n30,40.5,0.5,1\n60,20,0.9,1\n45,50,0.1,1.0\n')
    const v = value(
      await recompute({ model: fx.model('binary-matrix'), data: { path }, label: 'default', task: 'binary' })
    )
    expect(v.metrics.roc_auc).toBeUndefined()
    expect(v.undefinedMetrics?.roc_auc).toMatch(/only one class/)
    expect(v.metrics.example_count).toBe(3)
  })

  it('is missing (unsupported), naming runs-on: ubuntu, where there is no binary', async () => {
    for (const load of [
      () => loadOnnxRuntime('darwin', 'arm64'),
      () =>
        loadOnnxRuntime('linux', 'x64', () =>
          Promise.reject(new Error('libonnxruntime.so.1: cannot open shared object file'))
        )
    ]) {
      const evidence = await recompute({
        model: fx.model('binary-matrix'),
        data: { path: fx.csv('binary-matrix') },
        label: 'default',
        task: 'binary',
        loadRuntime: load
      })
      expect(evidence).toMatchObject({ kind: 'missing', reason: 'unsupported' })
      expect(evidence.kind === 'missing' && evidence.detail).toMatch(/runs-on: ubuntu-/)
    }
  })

  it('reports progress per batch', async () => {
    const seen: number[] = []
    await recompute({
      model: fx.model('regression'),
      data: { path: fx.csv('regression') },
      label: 'loss',
      task: 'regression',
      batchSize: 100,
      onProgress: (p) => seen.push(p.rows)
    })
    expect(seen).toEqual([100, 200, 300, 400])
  })
})
