/**
 * The card's YAML front matter in the shape Hugging Face tooling reads (`model-index` with the
 * evaluation results, `license`, `tags`, `datasets`), plus an `aims_gate` block naming what was
 * checked. It is built as data and serialised by the YAML library, never by string templating,
 * so whatever MLflow holds (quotes, newlines, `---`, `{{`) it always parses and round-trips as
 * the same text. Control, bidi and invisible characters are written as YAML escapes (`\u202e`)
 * inside double quotes, so the file shows them and still reads back to the exact value.
 */
import { Document, visit } from 'yaml'
import { hasControls, replaceControls } from '../../core/text/control-chars.js'
import type { DocumentationSet } from '../../core/documentation/types.js'
import type { VersionEvidence } from '../../core/evidence/types.js'
import type { Verdict } from '../../core/verdict/types.js'

export type CardTask = 'tabular-classification' | 'tabular-regression'

export interface ModelIndexMetric {
  type: string
  value: number
  name: string
}

export interface ModelIndexResult {
  task: { type: CardTask }
  dataset: { name: string; type: string }
  metrics: ModelIndexMetric[]
}

export interface FrontMatterInput {
  candidate: VersionEvidence
  documentation: DocumentationSet
  verdict: Verdict
  policy: { name: string; sha256: string; profile: string }
  generatedAt: string
  task?: CardTask
}

const REGRESSION_METRICS = /(^|_)(rmse|mse|mae|r2|r2_score|mean_squared_error|mean_absolute_error|root_mean_squared_error|max_error|mape)($|_)/i

/** Regression when the run logged a regression metric, otherwise classification. */
export function inferTask(candidate: VersionEvidence): CardTask {
  const keys = candidate.run.kind === 'present' ? Object.keys(candidate.run.value.metrics) : []
  const recomputed = candidate.recomputed?.kind === 'present' ? Object.keys(candidate.recomputed.value.metrics) : []
  return [...keys, ...recomputed].some((k) => REGRESSION_METRICS.test(k)) ? 'tabular-regression' : 'tabular-classification'
}

/** Logged metrics grouped by the dataset they were computed on, then recomputed ones. */
export function modelIndexResults(candidate: VersionEvidence, task: CardTask): ModelIndexResult[] {
  const results: ModelIndexResult[] = []
  if (candidate.run.kind === 'present') {
    const run = candidate.run.value
    const evaluation = run.datasets.find((d) => d.value.context === 'evaluation')?.value.name
    const groups = new Map<string, ModelIndexMetric[]>()
    for (const metric of Object.values(run.metrics)) {
      const m = metric.value
      const dataset = m.datasetName ?? evaluation ?? 'unspecified'
      const list = groups.get(dataset) ?? []
      list.push({ type: m.key, value: m.value, name: `${m.key} (logged in run ${run.runId})` })
      groups.set(dataset, list)
    }
    for (const [dataset, metrics] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      metrics.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
      results.push({ task: { type: task }, dataset: { name: dataset, type: dataset }, metrics })
    }
  }
  if (candidate.recomputed?.kind === 'present') {
    const evaluation = candidate.recomputed.value
    const dataset = evaluation.dataset.digest ?? evaluation.dataset.sha256
    results.push({
      task: { type: task },
      dataset: { name: evaluation.dataset.uri, type: dataset },
      metrics: Object.keys(evaluation.metrics)
        .sort()
        .map((key) => ({ type: key, value: evaluation.metrics[key] as number, name: `${key} (recomputed on dataset digest ${dataset})` }))
    })
  }
  return results
}

/** A Hugging Face licence identifier: the section's text when it is one, else `other`/`unknown`. */
export function licenceFields(documentation: DocumentationSet): Record<string, string> {
  const text = documentation.license.text?.trim()
  if (text === undefined || text === '') return { license: 'unknown' }
  const first = text.split('\n')[0]?.trim() ?? ''
  if (/^[a-z0-9][a-z0-9.+-]{0,63}$/i.test(first)) return { license: first.toLowerCase() }
  const slug = first.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 64)
  return { license: 'other', license_name: slug === '' ? 'custom' : slug }
}

export function buildFrontMatter(input: FrontMatterInput): string {
  const version = input.candidate.modelVersion.value
  const task = input.task ?? inferTask(input.candidate)
  const datasets =
    input.candidate.run.kind === 'present' ? [...new Set(input.candidate.run.value.datasets.map((d) => d.value.name))].sort() : []
  const data = {
    ...licenceFields(input.documentation),
    tags: ['aims-gate', 'iso-iec-42001', task],
    datasets,
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
      generated_at: input.generatedAt
    }
  }
  return inertYaml(data)
}

/** YAML text of `data` in which no control, bidi or invisible character appears raw. */
function inertYaml(data: unknown): string {
  const doc = new Document(data)
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && hasControls(node.value)) node.type = 'QUOTE_DOUBLE'
    }
  })
  // lineWidth 0: never fold long strings, so a value reads back exactly as it was logged.
  const text = doc.toString({ lineWidth: 0, minContentWidth: 0 })
  // Only double-quoted scalars can hold these characters now, and there escapes are valid YAML.
  return replaceControls(text, (c) => {
    const code = c.codePointAt(0) ?? 0
    return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
