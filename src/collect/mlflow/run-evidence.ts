/**
 * A run's evidence as the gate reads it: metrics keyed and sorted, each with its provenance (and
 * the dataset it was computed on, carried over from MLflow 3's logged model), datasets in order.
 */
import type { DatasetInput, LoggedMetric, Present, RunEvidence } from '../../core/evidence/types.js'
import { present } from '../../core/evidence/items.js'
import { compareCodePoints } from './record-helpers.js'
import type { LoggedModelRecord, RunRecord } from './store.js'

export function runEvidence(run: RunRecord, logged: LoggedModelRecord | undefined): RunEvidence {
  const metrics: Record<string, Present<LoggedMetric>> = {}
  for (const metric of [...run.metrics].sort((a, b) => compareCodePoints(a.key, b.key))) {
    const linked = withDatasetLink(metric, logged)
    const provenance = {
      source: 'mlflow-run' as const,
      uri: `runs:/${run.runId}/metrics/${metric.key}`,
      runId: run.runId
    }
    metrics[metric.key] = present(
      linked,
      linked.datasetDigest ? { ...provenance, datasetDigest: linked.datasetDigest } : provenance
    )
  }
  const datasets = [...run.datasets].sort(datasetOrder).map((d: DatasetInput) =>
    present(d, {
      source: 'mlflow-run',
      uri: `runs:/${run.runId}/inputs/${d.name}@${d.digest}`,
      runId: run.runId,
      datasetDigest: d.digest
    })
  )
  const out: RunEvidence = {
    runId: run.runId,
    experimentId: run.experimentId,
    status: run.status,
    startTime: run.startTime,
    artifactUri: run.artifactUri,
    metrics,
    params: run.params,
    tags: run.tags,
    datasets
  }
  if (run.runName !== undefined) out.runName = run.runName
  if (run.user !== undefined) out.user = run.user
  if (run.endTime !== undefined) out.endTime = run.endTime
  return out
}

/** MLflow 3 keeps a metric's dataset link on the logged model's copy; carry it over when it matches. */
function withDatasetLink(metric: LoggedMetric, logged: LoggedModelRecord | undefined): LoggedMetric {
  if (metric.datasetDigest || !logged?.metrics) return metric
  const twin = logged.metrics.find(
    (m) =>
      m.key === metric.key &&
      m.step === metric.step &&
      m.timestamp === metric.timestamp &&
      Object.is(m.value, metric.value)
  )
  if (!twin?.datasetDigest) return metric
  return twin.datasetName
    ? { ...metric, datasetName: twin.datasetName, datasetDigest: twin.datasetDigest }
    : { ...metric, datasetDigest: twin.datasetDigest }
}

function datasetOrder(a: DatasetInput, b: DatasetInput): number {
  return (
    compareCodePoints(a.context ?? '', b.context ?? '') ||
    compareCodePoints(a.name, b.name) ||
    compareCodePoints(a.digest, b.digest)
  )
}
