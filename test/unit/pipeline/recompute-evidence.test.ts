/**
 * The recompute step of collecting, with a fake model run and a fake artifact store: which data
 * it picks, what it attaches to the candidate and the champion, how fairness statistics are
 * built (from the model's rows or from a prediction column) and that every failure is `missing`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RecomputeOptions, RecomputeOutcome } from '../../../src/collect/recompute/recompute.js'
import { missing, present } from '../../../src/core/evidence/items.js'
import type { Evidence, ModelArtifact, RecomputedEvaluation } from '../../../src/core/evidence/types.js'
import type { GroupStatistics } from '../../../src/core/fairness/types.js'
import { parsePolicy } from '../../../src/core/policy/parse-policy.js'
import { policyNeeds } from '../../../src/core/policy/policy-needs.js'
import { resolveProfile } from '../../../src/core/policy/resolve-profile.js'
import type { GateOptions } from '../../../src/pipeline/gate-options.js'
import type { PreparedRun } from '../../../src/pipeline/prepared-run.js'
import { evaluationDataSpec, recomputeEvidence } from '../../../src/pipeline/recompute-evidence.js'
import { recomputeOrMissing } from '../../../src/pipeline/stages/collect.js'
import { evidenceError, invalid } from '../../../src/core/errors.js'
import { EvidenceBuilder } from '../../support/evidence-builder.js'

// 8 rows: label y, model-free predictions `pred`, sensitive `sex`.
const CSV = [
  'x,y,pred,sex',
  '1,1,1,F',
  '2,0,0,F',
  '3,1,0,F',
  '4,0,1,F',
  '5,1,1,M',
  '6,1,1,M',
  '7,0,0,M',
  '8,0,0,M'
].join('\n')

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'recompute-evidence-'))
  await writeFile(path.join(dir, 'local.csv'), `${CSV}\n`)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const model = (tag: string): ModelArtifact => ({
  sourceUri: `models:/m-${tag}`,
  localDir: `/models/${tag}`,
  files: [],
  mlmodel: {},
  onnxPath: 'model.onnx',
  onnxSha256: tag.repeat(64).slice(0, 64)
})

function evidence(): Evidence {
  const e = EvidenceBuilder.passing().build()
  e.candidate.model = present(model('c'), { source: 'artifact', uri: 'models:/m-c' })
  if (e.champion.kind === 'present')
    e.champion.value.model = present(model('d'), { source: 'artifact', uri: 'models:/m-d' })
  return e
}

function prepared(
  requirements: string[],
  evaluation = 'evaluation: { data: { artifact: eval/evaluation.csv }, label: y, positiveClass: 1, task: binary }'
): PreparedRun {
  const text =
    `version: 1\nname: t\n${evaluation}\nprofiles:\n  p:\n    ` +
    `requirements:\n${requirements.map((r) => `      - ${r}`).join('\n')}\n`
  const policy = parsePolicy(text, 'p.yml')
  const profile = resolveProfile(policy, 'p')
  return {
    ref: { model: 'credit-risk', alias: 'challenger' },
    trackingUri: 'http://mlflow.test',
    storeKind: 'rest',
    policy,
    governance: { governing: { source: 'working-tree', file: 'p.yml', sha256: policy.sha256 } },
    profile,
    needs: policyNeeds(profile.requirements),
    template: { name: 't', source: '', partials: {} }
  }
}

/** Records every model run; the fake "model" predicts the label of the `pred` column's rows. */
function fakeRecompute() {
  const calls: RecomputeOptions[] = []
  const run = async (options: RecomputeOptions): Promise<RecomputeOutcome> => {
    calls.push(options)
    const value: RecomputedEvaluation = {
      metrics: { roc_auc: options.model.sourceUri === 'models:/m-c' ? 0.9 : 0.8 },
      dataset: { uri: options.data.uri ?? options.data.path, sha256: 'f'.repeat(64), rows: 8 },
      modelSha256: options.model.onnxSha256 ?? ''
    }
    const rows = options.keepRows
      ? {
          task: 'binary' as const,
          rows: 8,
          classes: ['0', '1'],
          positiveIndex: 1,
          trueIndex: Int32Array.from([1, 0, 1, 0, 1, 1, 0, 0]),
          predictedIndex: Int32Array.from([1, 0, 1, 0, 1, 1, 0, 0]),
          sensitive: { sex: ['F', 'F', 'F', 'F', 'M', 'M', 'M', 'M'] }
        }
      : undefined
    return {
      evidence: present(value, { source: 'recomputed', uri: value.dataset.uri, sha256: value.dataset.sha256 }),
      ...(rows ? { rows } : {})
    }
  }
  return { calls, run }
}

const store = { readArtifact: async () => new TextEncoder().encode(`${CSV}\n`) }
const options = (extra: Partial<GateOptions> = {}): GateOptions => ({
  model: 'credit-risk',
  timeoutSeconds: 30,
  writeBack: false,
  ...extra
})
const RECONCILED =
  '{ id: auc, check: metric, metric: roc_auc, min: 0.5, source: reconciled, tolerance: 0.001, controls: [A.6.2.4] }'
const VS_CHAMPION =
  '{ id: auc-vs, check: metric, metric: roc_auc, source: recomputed, baseline: ' +
  'champion, maxDecrease: 0.01, controls: [A.6.2.4] }'
const FAIRNESS =
  '{ id: eo, check: fairness, metric: equal_opportunity_difference, ' +
  'sensitiveFeatures: [sex], max: 0.5, minGroupSize: 1, nBoot: 100, controls: ' +
  '[A.5.4] }'

describe('recomputeEvidence', () => {
  it(
    'runs the candidate on its run artifact and attaches the result; the champion ' + 'only when a baseline needs it',
    async () => {
      const fake = fakeRecompute()
      const out = await recomputeEvidence(evidence(), prepared([RECONCILED]), options(), {
        store,
        workDir: dir,
        cwd: dir,
        recompute: fake.run
      })
      expect(fake.calls).toHaveLength(1)
      expect(fake.calls[0]).toMatchObject({
        label: 'y',
        task: 'binary',
        positiveClass: 1,
        data: { uri: 'runs:/run-candidate/eval/evaluation.csv' }
      })
      expect(fake.calls[0]!.keepRows).toBeUndefined()
      expect(out.candidate.recomputed).toMatchObject({ kind: 'present', value: { metrics: { roc_auc: 0.9 } } })
      expect(out.champion.kind === 'present' && out.champion.value.recomputed).toBe(undefined)
    }
  )

  it('runs the champion on the same file as the candidate for a recomputed baseline', async () => {
    const fake = fakeRecompute()
    const out = await recomputeEvidence(evidence(), prepared([VS_CHAMPION]), options(), {
      store,
      workDir: dir,
      cwd: dir,
      recompute: fake.run
    })
    expect(fake.calls.map((c) => c.model.sourceUri)).toEqual(['models:/m-c', 'models:/m-d'])
    expect(fake.calls[1]!.data).toBe(fake.calls[0]!.data)
    expect(out.champion.kind === 'present' && out.champion.value.recomputed).toMatchObject({
      kind: 'present',
      value: { metrics: { roc_auc: 0.8 } }
    })
  })

  it('keeps rows for fairness and stores group statistics under the features key', async () => {
    const fake = fakeRecompute()
    const out = await recomputeEvidence(evidence(), prepared([RECONCILED, FAIRNESS]), options(), {
      store,
      workDir: dir,
      cwd: dir,
      recompute: fake.run
    })
    expect(fake.calls[0]).toMatchObject({ keepRows: true, sensitiveFeatures: [['sex']] })
    const recomputed = out.candidate.recomputed
    const stats = recomputed?.kind === 'present' ? (recomputed.value.groups?.sex as GroupStatistics) : undefined
    expect(stats?.groups.map((g) => [g.values[0], g.n, g.tp, g.fn])).toEqual([
      ['F', 4, 2, 0],
      ['M', 4, 2, 0]
    ])
  })

  it('passes evaluation.features/ignore, and every sensitive column of the policy as never a model input', async () => {
    const fake = fakeRecompute()
    const judgedByColumn = FAIRNESS.replace(' }', ', predictionColumn: pred }')
    const evaluation = 'evaluation: { data: { path: local.csv }, label: y, task: binary, ignore: [pred] }'
    await recomputeEvidence(evidence(), prepared([RECONCILED, judgedByColumn], evaluation), options(), {
      store,
      workDir: dir,
      cwd: dir,
      recompute: fake.run
    })
    expect(fake.calls[0]).toMatchObject({ ignore: ['pred'], excludedColumns: ['sex'] })
    expect(fake.calls[0]!.features).toBeUndefined()
  })

  it('reads a prediction column from the data without running the model', async () => {
    const fake = fakeRecompute()
    const withColumn = FAIRNESS.replace(' }', ', predictionColumn: pred }')
    const run = prepared([withColumn], 'evaluation: { data: { path: local.csv }, label: y, task: binary }')
    expect(run.needs.recompute).toBe(false)
    const out = await recomputeEvidence(evidence(), run, options(), {
      store,
      workDir: dir,
      cwd: dir,
      recompute: fake.run
    })
    expect(fake.calls).toHaveLength(0)
    const recomputed = out.candidate.recomputed
    expect(recomputed?.kind).toBe('present')
    if (recomputed?.kind !== 'present') return
    expect(recomputed.value.dataset).toMatchObject({ uri: path.join(dir, 'local.csv'), rows: 8 })
    expect(recomputed.value.metrics).toEqual({})
    const stats = recomputed.value.groups?.sex as GroupStatistics
    // F: labels 1,0,1,0 predicted 1,0,0,1 → tp 1, fn 1, fp 1, tn 1. M: all correct.
    expect(stats.groups.map((g) => [g.values[0], g.tp, g.fn, g.fp, g.tn])).toEqual([
      ['F', 1, 1, 1, 1],
      ['M', 2, 0, 0, 2]
    ])
  })

  it('says why when the prediction column holds scores instead of classes', async () => {
    await writeFile(path.join(dir, 'scores.csv'), 'y,pred,sex\n1,0.9,F\n0,0.2,M\n')
    const run = prepared(
      [FAIRNESS.replace(' }', ', predictionColumn: pred }')],
      'evaluation: { data: { path: scores.csv }, label: y, task: binary }'
    )
    const out = await recomputeEvidence(evidence(), run, options(), { store, workDir: dir, cwd: dir })
    const recomputed = out.candidate.recomputed
    const entry = recomputed?.kind === 'present' ? recomputed.value.groups?.sex : undefined
    expect(entry).toMatchObject({ kind: 'missing', reason: 'invalid' })
    expect((entry as { detail: string }).detail).toMatch(/'0.9'.*not a class of label column 'y'.*not scores/)
  })

  it('takes --eval-data over the policy, resolved against the working directory', async () => {
    const fake = fakeRecompute()
    await recomputeEvidence(evidence(), prepared([RECONCILED]), options({ evalDataPath: 'local.csv' }), {
      store,
      workDir: dir,
      cwd: dir,
      recompute: fake.run
    })
    expect(fake.calls[0]!.data.path).toBe(path.join(dir, 'local.csv'))
    expect(evaluationDataSpec({ label: 'y', task: 'binary' }, {}, dir)).toEqual({ kind: 'dataset-input' })
    expect(evaluationDataSpec({ label: 'y', task: 'binary', data: { datasetInput: 'eval' } }, {}, dir)).toEqual({
      kind: 'dataset-input',
      name: 'eval'
    })
  })

  it('fails closed: missing data, a missing run or model become missing evidence with the reason', async () => {
    const fake = fakeRecompute()
    const noFile = await recomputeEvidence(evidence(), prepared([RECONCILED]), options({ evalDataPath: 'nope.csv' }), {
      store,
      workDir: dir,
      cwd: dir,
      recompute: fake.run
    })
    expect(noFile.candidate.recomputed).toMatchObject({ kind: 'missing', reason: 'not-found' })
    expect(fake.calls).toHaveLength(0)

    const noRun = evidence()
    noRun.candidate.run = missing('not-found', 'run deleted')
    const out = await recomputeEvidence(noRun, prepared([RECONCILED]), options(), {
      store,
      workDir: dir,
      cwd: dir,
      recompute: fake.run
    })
    expect(out.candidate.recomputed).toMatchObject({ kind: 'missing', reason: 'not-found' })
    expect(out.candidate.recomputed?.kind === 'missing' && out.candidate.recomputed.detail).toContain('run deleted')

    const noModel = evidence()
    noModel.candidate.model = missing('unreachable', 'download failed')
    const withoutModel = await recomputeEvidence(noModel, prepared([RECONCILED, FAIRNESS]), options(), {
      store,
      workDir: dir,
      cwd: dir,
      recompute: fake.run
    })
    expect(withoutModel.candidate.recomputed).toMatchObject({ kind: 'missing', reason: 'unreachable' })
  })

  it('reports progress through the port, once per model run', async () => {
    const fake = fakeRecompute()
    const labels: string[] = []
    let done = 0
    const progress = (label: string) => {
      labels.push(label)
      return { onProgress: () => undefined, done: () => void done++ }
    }
    await recomputeEvidence(evidence(), prepared([VS_CHAMPION]), options(), {
      store,
      workDir: dir,
      cwd: dir,
      recompute: fake.run,
      progress
    })
    expect(labels).toEqual(['recompute credit-risk v3 (candidate)', 'recompute credit-risk v2 (champion)'])
    expect(done).toBe(2)
    expect(typeof fake.calls[0]!.onProgress).toBe('function')
  })
})

describe('recomputeOrMissing: a recompute that throws', () => {
  it('becomes missing recomputed evidence (never present), whatever was thrown', async () => {
    for (const thrown of [
      new TypeError("Cannot destructure property 'asyncBufferFromFile' of undefined"),
      evidenceError('server went away after 3 retries'),
      'a string'
    ]) {
      const before = evidence()
      before.candidate.recomputed = present(
        { metrics: { roc_auc: 0.99 }, dataset: { uri: 'x', sha256: 'y', rows: 1 }, modelSha256: 'z' },
        { source: 'recomputed', uri: 'x' }
      )
      const after = await recomputeOrMissing(before, () => Promise.reject(thrown))
      expect(after.candidate.recomputed?.kind).toBe('missing')
      const item = after.candidate.recomputed as { reason: string; detail: string }
      expect(item.reason).toBe(typeof thrown === 'string' || thrown instanceof TypeError ? 'invalid' : 'unreachable')
      expect(item.detail).toMatch(/^the model could not be re-run on the evaluation data: /)
    }
  })

  it('still refuses the configuration (exit 2) instead of hiding it', async () => {
    await expect(recomputeOrMissing(evidence(), () => Promise.reject(invalid('no such column')))).rejects.toThrow(
      'no such column'
    )
  })
})
