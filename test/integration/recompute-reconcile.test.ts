/**
 * Independent verification against the real seeded servers: download the credit-risk versions'
 * ONNX graph and evaluation CSV (`eval/evaluation.csv`), recompute the metrics with
 * onnxruntime-node, and judge a `source: reconciled` roc_auc requirement. The `tampered` version
 * (its logged roc_auc was raised after evaluation) is blocked with both numbers named; honest
 * versions pass, and the recomputed AUC equals what MLflow's evaluator computed in Python.
 */
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MlflowEvidenceCollector } from '../../src/collect/mlflow/assemble-evidence.js'
import { openStore } from '../../src/collect/mlflow/open-store.js'
import { resolveEvaluationData } from '../../src/collect/recompute/evaluation-data.js'
import { recompute } from '../../src/collect/recompute/recompute.js'
import { checkMetric } from '../../src/core/checks/metric.js'
import type { Evidence } from '../../src/core/evidence/types.js'
import { requirement } from '../support/requirement-builder.js'
import { servers, type SeededServer } from '../support/servers.js'

const workRoot = resolve('.tmp', `recompute-reconcile-${randomUUID()}`)
const clock = { now: () => new Date('2026-01-02T03:04:05.000Z') }
afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

const reconciled = requirement({ check: 'metric', metric: 'roc_auc', min: 0.5, source: 'reconciled', tolerance: 1e-6 })

/** Collects the version, downloads its evaluation CSV and adds the recomputed metrics. */
async function evidenceWithRecompute(s: SeededServer, alias: string): Promise<Evidence> {
  const store = await openStore(s.uri, {})
  const workDir = join(workRoot, s.flavour, alias)
  const evidence = await new MlflowEvidenceCollector(store, clock).collect({
    model: 'credit-risk',
    alias,
    documents: [],
    downloadModel: true,
    workDir,
    change: {}
  })
  const { run, model } = evidence.candidate
  if (run.kind !== 'present' || model.kind !== 'present') throw new Error(`credit-risk@${alias}: run or model missing`)
  const seeded = s.manifest.models['credit-risk']!.versions.find((v) => v.aliases.includes(alias))!
  const data = await resolveEvaluationData(
    { kind: 'artifact', path: seeded.evaluationCsv!.artifactPath },
    run.value,
    store,
    workDir
  )
  if ('kind' in data) throw new Error(data.detail)
  expect(data.uri).toBe(`runs:/${run.value.runId}/eval/evaluation.csv`)
  evidence.candidate.recomputed = await recompute({
    model: model.value,
    data,
    label: seeded.evaluationCsv!.labelColumn,
    task: 'binary'
  })
  return evidence
}

describe.each(servers().map((s) => [s.flavour, s] as const))('reconciled roc_auc on the %s server', (_flavour, s) => {
  it('blocks the tampered version, naming the logged and the recomputed value', async () => {
    const seeded = s.manifest.models['credit-risk']!.versions.find((v) => v.role === 'tampered')!
    const evidence = await evidenceWithRecompute(s, 'tampered')
    const recomputed = evidence.candidate.recomputed
    expect(recomputed?.kind).toBe('present')
    const auc = recomputed?.kind === 'present' ? recomputed.value.metrics.roc_auc! : Number.NaN
    expect(Math.abs(auc - seeded.tampered!.trueValue)).toBeLessThan(1e-6)
    const result = checkMetric(reconciled, evidence, { now: clock.now() })
    expect(result.status).toBe('fail')
    expect(result.message).toContain(String(seeded.tampered!.loggedValue))
    expect(result.message).toContain(String(auc))
  }, 300_000)

  it.each(['champion', 'challenger'])(
    'passes the honest %s version',
    async (alias) => {
      const seeded = s.manifest.models['credit-risk']!.versions.find((v) => v.aliases.includes(alias))!
      const evidence = await evidenceWithRecompute(s, alias)
      const recomputed = evidence.candidate.recomputed
      const auc = recomputed?.kind === 'present' ? recomputed.value.metrics.roc_auc! : Number.NaN
      expect(Math.abs(auc - seeded.evaluatedMetrics.roc_auc!)).toBeLessThan(1e-6)
      expect(checkMetric(reconciled, evidence, { now: clock.now() }).status).toBe('pass')
    },
    300_000
  )
})
