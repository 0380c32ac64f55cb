/**
 * The card's YAML front matter in the shape the Hugging Face Hub reads: `license` (a Hub id, or
 * `other` with name and link), `pipeline_tag`, `library_name`, `tags`, `datasets` and
 * `model-index` (dataset id/name/revision, Hub metric ids with the MLflow name kept in
 * `metric.name`), plus an `aims_gate` block naming what was checked, by which aims-gate, at which
 * commit. Full-precision numbers live here and in the report; the card body rounds for reading.
 *
 * Built as data and serialised by the YAML library, never by string templating, so whatever
 * MLflow holds always parses and round-trips as the same text (see hf/yaml-text.ts).
 */
import type { DocumentationSet } from '../../core/documentation/types.js'
import type { DatasetInput, VersionEvidence } from '../../core/evidence/types.js'
import type { Verdict } from '../../core/verdict/types.js'
import type { Traceability } from '../traceability.js'
import { hubDatasetId } from './hf/hf-dataset.js'
import { licenceFields } from './hf/hf-licence-fields.js'
import { FLAVOUR_TO_HF_LIBRARY, MLFLOW_TO_HF_METRIC } from './hf/hf-metrics.js'
import { frontMatterYaml } from './hf/yaml-text.js'
import { VERSION } from '../../version.js'

export { licenceFields } from './hf/hf-licence-fields.js'

export type CardTask = 'tabular-classification' | 'tabular-regression'

export interface ModelIndexMetric {
  /** A Hub metric id (`accuracy`). */
  type: string
  value: number
  /** The MLflow metric name (`accuracy_score`), and `(recomputed)` for the gate's own numbers. */
  name: string
}

export interface ModelIndexResult {
  task: { type: CardTask }
  dataset: { name: string; type: string; revision?: string }
  metrics: ModelIndexMetric[]
}

export interface FrontMatterInput {
  candidate: VersionEvidence
  documentation: DocumentationSet
  verdict: Verdict
  policy: { name: string; sha256: string; profile: string }
  generatedAt: string
  /** Which aims-gate and commit wrote the card; the tool version alone when not given. */
  trace?: Traceability
  task?: CardTask
}

const REGRESSION_METRICS =
  /(^|_)(rmse|mse|mae|r2|r2_score|mean_squared_error|mean_absolute_error|root_mean_squared_error|max_error|mape)($|_)/i

/** Regression when the run logged a regression metric, otherwise classification. */
export function inferTask(candidate: VersionEvidence): CardTask {
  const keys = candidate.run.kind === 'present' ? Object.keys(candidate.run.value.metrics) : []
  const recomputed = candidate.recomputed?.kind === 'present' ? Object.keys(candidate.recomputed.value.metrics) : []
  return [...keys, ...recomputed].some((k) => REGRESSION_METRICS.test(k))
    ? 'tabular-regression'
    : 'tabular-classification'
}

/** The Hub library of the model's MLflow flavours (the first known one, pyfunc ignored). */
export function libraryName(candidate: VersionEvidence): string | undefined {
  if (candidate.model.kind !== 'present') return undefined
  const flavours = candidate.model.value.mlmodel.flavors
  if (flavours === null || typeof flavours !== 'object') return undefined
  const known = Object.keys(flavours)
    .filter((f) => FLAVOUR_TO_HF_LIBRARY[f] !== undefined)
    .sort()
  // An ONNX export is what the gate runs and what ships; the training library is a detail.
  const pick = known.includes('onnx') ? 'onnx' : known[0]
  return pick === undefined ? undefined : FLAVOUR_TO_HF_LIBRARY[pick]
}

const byType = (a: ModelIndexMetric, b: ModelIndexMetric): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/** Metrics with a Hub id only; two MLflow names for one id keep the first by name. */
function hubMetrics(entries: [string, number][], suffix: string): ModelIndexMetric[] {
  const out: ModelIndexMetric[] = []
  for (const [key, value] of entries.sort(([a], [b]) => (a < b ? -1 : 1))) {
    const type = MLFLOW_TO_HF_METRIC[key]
    if (type === undefined || !Number.isFinite(value) || out.some((m) => m.type === type)) continue
    out.push({ type, value, name: `${key}${suffix}` })
  }
  return out.sort(byType)
}

function datasetRef(
  dataset: DatasetInput | undefined,
  fallbackName: string,
  digest: string | undefined
): ModelIndexResult['dataset'] {
  const name = dataset?.name ?? fallbackName
  const hub = dataset === undefined ? undefined : hubDatasetId(dataset)
  const revision = digest ?? dataset?.digest
  return { name, type: hub ?? name, ...(revision !== undefined ? { revision } : {}) }
}

/** Logged metrics grouped by the dataset they were computed on, then recomputed ones. */
export function modelIndexResults(candidate: VersionEvidence, task: CardTask): ModelIndexResult[] {
  const results: ModelIndexResult[] = []
  if (candidate.run.kind === 'present') {
    const run = candidate.run.value
    const datasets = run.datasets.map((d) => d.value)
    const evaluation = datasets.find((d) => d.context === 'evaluation')
    const groups = new Map<string, [string, number][]>()
    for (const metric of Object.values(run.metrics)) {
      const dataset = metric.value.datasetName ?? evaluation?.name ?? 'unspecified'
      groups.set(dataset, [...(groups.get(dataset) ?? []), [metric.value.key, metric.value.value]])
    }
    for (const [name, entries] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const metrics = hubMetrics(entries, '')
      if (metrics.length === 0) continue
      const dataset = datasets.find((d) => d.name === name)
      results.push({ task: { type: task }, dataset: datasetRef(dataset, name, dataset?.digest), metrics })
    }
  }
  if (candidate.recomputed?.kind === 'present') {
    const evaluation = candidate.recomputed.value
    const metrics = hubMetrics(Object.entries(evaluation.metrics), ' (recomputed)')
    const logged =
      candidate.run.kind === 'present'
        ? candidate.run.value.datasets.find((d) => d.value.digest === evaluation.dataset.digest)?.value
        : undefined
    if (metrics.length > 0) {
      const fallback = evaluation.dataset.uri.split('/').pop() ?? evaluation.dataset.uri
      const dataset = datasetRef(logged, fallback, evaluation.dataset.digest ?? evaluation.dataset.sha256)
      // The Hub merges results on the same task and dataset; merging here keeps a round trip exact.
      const same = results.find(
        (r) =>
          r.dataset.name === dataset.name && r.dataset.type === dataset.type && r.dataset.revision === dataset.revision
      )
      if (same !== undefined) same.metrics.push(...metrics)
      else results.push({ task: { type: task }, dataset, metrics })
    }
  }
  return results
}

export function buildFrontMatter(input: FrontMatterInput): string {
  const version = input.candidate.modelVersion.value
  const task = input.task ?? inferTask(input.candidate)
  const run = input.candidate.run.kind === 'present' ? input.candidate.run.value : undefined
  const datasets =
    run === undefined
      ? []
      : [...new Set(run.datasets.map((d) => hubDatasetId(d.value)).filter((id) => id !== undefined))].sort()
  const library = libraryName(input.candidate)
  const trace = input.trace ?? { toolVersion: VERSION }
  const data = {
    ...licenceFields(input.documentation),
    pipeline_tag: task,
    ...(library !== undefined ? { library_name: library } : {}),
    tags: ['aims-gate', 'iso-iec-42001', task],
    ...(datasets.length > 0 ? { datasets } : {}),
    'model-index': [{ name: version.name, results: modelIndexResults(input.candidate, task) }],
    aims_gate: {
      model: version.name,
      version: version.version,
      run_id: version.runId ?? null,
      verdict: input.verdict.verdict,
      blocking: input.verdict.blocking,
      policy: input.policy.name,
      policy_sha256: input.policy.sha256,
      profile: input.policy.profile,
      generated_at: input.generatedAt,
      aims_gate_version: trace.toolVersion,
      ...(trace.repository !== undefined ? { repository: trace.repository } : {}),
      ...(trace.commit !== undefined ? { commit: trace.commit } : {}),
      ...(trace.policyUrl !== undefined ? { policy_url: trace.policyUrl } : {})
    }
  }
  return frontMatterYaml(data)
}
