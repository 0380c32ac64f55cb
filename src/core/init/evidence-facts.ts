/**
 * What a starter policy needs to know about one version's evidence, read out once: datasets by
 * context, the evaluation data the run logged, the impact assessment, the task the metrics imply.
 * Everything here is untrusted text from MLflow, returned as data for the YAML writer to quote.
 */
import type { ArtifactFile, DatasetInput, Evidence, RunEvidence } from '../evidence/types.js'

export interface DatasetContext {
  context: string
  /** The dataset `names:` must pick when the context has several (absent when it has one). */
  pick?: string
}

export interface EvaluationFacts {
  data: { artifact: string } | { datasetInput: string }
  /** Guessed: the last column of the logged evaluation dataset's schema, else `label`. */
  label: string
  labelGuessed: boolean
  task: 'binary' | 'multiclass' | 'regression'
}

export interface EvidenceFacts {
  run?: RunEvidence
  datasets: DatasetContext[]
  evaluation?: EvaluationFacts
  impactPath: string
  impactFound: boolean
  /** The version's model has an ONNX graph, so the gate can re-run it on the evaluation data. */
  onnx: boolean
}

const EVALUATION_FILE = /(^|\/)[^/]*eval[^/]*(\/[^/]+)*\.(csv|parquet)$/i
const IMPACT_FILE = /(^|\/)impact[^/]*\.md$/i
const REGRESSION = ['r2_score', 'mean_absolute_error', 'mean_squared_error', 'root_mean_squared_error']
const BINARY = ['true_positives', 'roc_auc']

/** An artifact path the policy schema takes (relative, no `..`); others are not proposed. */
const usable = (entry: ArtifactFile): boolean =>
  !entry.isDir && entry.outside === undefined && !entry.path.startsWith('/') && !entry.path.split('/').includes('..')

/** Datasets whose source is code (autolog's training script) are no provenance; left out. */
const isData = (dataset: DatasetInput): boolean => dataset.sourceType.toLowerCase() !== 'code'

function datasetContexts(datasets: DatasetInput[]): DatasetContext[] {
  const byContext = new Map<string, DatasetInput[]>()
  for (const dataset of datasets.filter(isData)) {
    if (dataset.context === undefined || dataset.context.trim() === '') continue
    byContext.set(dataset.context, [...(byContext.get(dataset.context) ?? []), dataset])
  }
  return [...byContext.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([context, list]) => {
      const names = [...new Set(list.map((dataset) => dataset.name))].sort()
      return names.length > 1 && names[0] !== undefined ? { context, pick: names[0] } : { context }
    })
}

/** The last column of an MLflow dataset schema (`mlflow_colspec`), where `from_pandas` puts targets. */
function lastColumn(schema: string | undefined): string | undefined {
  if (schema === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(schema)
    const columns = (parsed as { mlflow_colspec?: unknown }).mlflow_colspec
    if (!Array.isArray(columns)) return undefined
    const name: unknown = (columns.at(-1) as { name?: unknown } | undefined)?.name
    return typeof name === 'string' && name !== '' ? name : undefined
  } catch {
    return undefined
  }
}

function taskOf(metrics: string[]): EvaluationFacts['task'] {
  if (metrics.some((name) => REGRESSION.includes(name))) return 'regression'
  return metrics.some((name) => BINARY.includes(name)) ? 'binary' : 'multiclass'
}

function evaluationFacts(run: RunEvidence, files: ArtifactFile[]): EvaluationFacts | undefined {
  const file = files.find((entry) => usable(entry) && EVALUATION_FILE.test(entry.path))
  const dataset = run.datasets.map((item) => item.value).find((d) => d.context === 'evaluation' && isData(d))
  if (file === undefined && dataset === undefined) return undefined
  const label = lastColumn(dataset?.schema)
  return {
    data: file !== undefined ? { artifact: file.path } : { datasetInput: dataset?.name ?? '' },
    label: label ?? 'label',
    labelGuessed: label === undefined,
    task: taskOf(Object.keys(run.metrics))
  }
}

export function evidenceFacts(evidence: Evidence): EvidenceFacts {
  const { run, artifacts } = evidence.candidate
  const files = artifacts.kind === 'present' ? artifacts.value : []
  const impact = files.find((entry) => usable(entry) && IMPACT_FILE.test(entry.path))
  const onnx = evidence.candidate.model.kind === 'present' && evidence.candidate.model.value.onnxPath !== undefined
  const impactFacts = {
    impactPath: impact?.path ?? 'impact_assessment.md',
    impactFound: impact !== undefined,
    onnx
  }
  if (run.kind !== 'present') return { datasets: [], ...impactFacts }
  const evaluation = evaluationFacts(run.value, files)
  return {
    run: run.value,
    datasets: datasetContexts(run.value.datasets.map((item) => item.value)),
    ...(evaluation === undefined ? {} : { evaluation }),
    ...impactFacts
  }
}
