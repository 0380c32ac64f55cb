/**
 * Binary classifiers whose graph returns one score tensor and no labels (the shape
 * torch.onnx.export gives a network): a sigmoid probability [N, 1] or [N], or two logits [N, 2].
 * `evaluation.output` says which; the gate's metrics equal scikit-learn's (1e-9) on what
 * onnxruntime in Python returns. Without the setting, with two candidate outputs, or with a
 * "probability" that is none, the recompute fails closed naming the outputs and the fix.
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recompute, recomputeWithRows, type RecomputeOutcome } from '../../../../src/collect/recompute/recompute.js'
import type { OutputSetting } from '../../../../src/collect/inference/score-output.js'
import { sklearnReference, type ReferenceResult } from '../../../support/sklearn-reference.js'
import { buildFixtures, type Fixtures } from '../recompute/onnx-fixtures.js'
import { expectMatchesSklearn, referenceCase, value } from '../recompute/sklearn-compare.js'

const CASES: [string, OutputSetting][] = [
  ['sigmoid-n1', { kind: 'probability' }],
  ['sigmoid-n', { kind: 'probability' }],
  ['logits', { kind: 'logits' }]
]

let fx: Fixtures
const outcomes = new Map<string, RecomputeOutcome>()
let exact: Record<string, ReferenceResult> = {}
const options = (name: string) => ({
  model: fx.model(name),
  data: { path: fx.csv(name) },
  label: 'default',
  task: 'binary' as const,
  ignore: ['sex']
})

beforeAll(async () => {
  fx = buildFixtures('make_score_outputs.py', 'models')
  for (const [name, output] of CASES) {
    outcomes.set(name, await recomputeWithRows({ ...options(name), output, batchSize: 97, keepRows: true }))
  }
  exact = sklearnReference(CASES.map(([name]) => referenceCase(name, outcomes.get(name)!.rows!)))
}, 600_000)
afterAll(() => rmSync(fx.dir, { recursive: true, force: true }))

describe('score-only binary classifiers (evaluation.output)', () => {
  it.each(CASES)('%s: metrics equal sklearn (1e-9)', (name) => {
    const { evidence, rows } = outcomes.get(name)!
    const v = value(evidence)
    expectMatchesSklearn(v, rows!, exact[name]!, fx.reference[name]!)
    for (const metric of ['roc_auc', 'accuracy_score', 'log_loss', 'f1_score'])
      expect(v.metrics[metric], `${name} ${metric}`).toBeDefined()
    expect(rows!.classes).toEqual(['0', '1'])
  })

  it('without evaluation.output, a score-only graph is refused, naming its outputs and the fix', async () => {
    const evidence = await recompute(options('sigmoid-n1'))
    expect(evidence).toMatchObject({ kind: 'missing', reason: 'invalid' })
    const detail = evidence.kind === 'missing' ? evidence.detail : ''
    expect(detail).toMatch(/no label output, only scores \(outputs: probability \[batch, 1\] float32\)/)
    expect(detail).toMatch(/output: \{ kind: probability \}.*output: \{ kind: logits \}/)
  })

  it('two float outputs are ambiguous until evaluation.output.name picks one', async () => {
    const ambiguous = await recompute({ ...options('two-heads'), output: { kind: 'probability' } })
    expect(ambiguous.kind === 'missing' && ambiguous.detail).toMatch(
      /2 float tensor outputs \(outputs: logits \[batch, 2\] float32, probability \[batch, 1\] float32\).*name/
    )
    const named = value(
      await recompute({ ...options('two-heads'), output: { kind: 'probability', name: 'probability' } })
    )
    expect(named.metrics).toEqual(value(outcomes.get('sigmoid-n1')!.evidence).metrics)
    const logits = value(await recompute({ ...options('two-heads'), output: { kind: 'logits', name: 'logits' } }))
    expect(logits.metrics.roc_auc).toBeCloseTo(value(outcomes.get('logits')!.evidence).metrics.roc_auc!, 12)
  })

  it('refuses a kind that does not fit the shape, and a "probability" outside [0, 1] (no sigmoid)', async () => {
    const shape = await recompute({ ...options('logits'), output: { kind: 'probability' } })
    expect(shape.kind === 'missing' && shape.detail).toMatch(
      /logits \[batch, 2\] is not one probability per row.*kind to logits/
    )
    const forged = await recompute({ ...options('no-sigmoid'), output: { kind: 'probability' } })
    expect(forged).toMatchObject({ kind: 'missing', reason: 'invalid' })
    expect(forged.kind === 'missing' && forged.detail).toMatch(/row \d+ is -?[\d.e-]+, not a probability/)
  })

  it('applies to binary tasks only', async () => {
    const evidence = await recompute({ ...options('logits'), task: 'multiclass', output: { kind: 'logits' } })
    expect(evidence.kind === 'missing' && evidence.detail).toMatch(/evaluation\.output applies only to task: binary/)
  })
})
