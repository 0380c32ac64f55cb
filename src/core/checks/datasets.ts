/**
 * `check: datasets` — data provenance on the candidate run: each named context (training,
 * evaluation, …) must have a logged dataset whose required fields are non-empty, and with
 * `distinct: true` the contexts must not share a digest (evaluating on the training data
 * proves nothing). Missing when the run or its dataset inputs cannot be read at all.
 */
import type { DatasetInput, Present } from '../evidence/types.js'
import type { DatasetsRequirement } from '../policy/schema.js'
import type { EvidenceRef } from '../verdict/types.js'
import { resultFor, type Check } from './check.js'

const fieldValue = (dataset: DatasetInput, field: DatasetsRequirement['require'][number]): string | undefined => dataset[field]

export const checkDatasets: Check<DatasetsRequirement> = (req, evidence) => {
  const expected = `${req.contexts.join(', ')} with ${req.require.join(', ')}${req.distinct ? '; distinct digests' : ''}`
  const run = evidence.candidate.run
  if (run.kind === 'missing') {
    return resultFor(req, { status: 'missing', observed: 'no run', expected, message: `Cannot read the candidate run's datasets: ${run.detail}.` })
  }
  const datasets = run.value.datasets
  if (datasets.length === 0) {
    return resultFor(req, {
      status: 'missing',
      observed: 'no datasets logged',
      expected,
      message: `Run ${run.value.runId} has no dataset inputs; log them with mlflow.log_input(dataset, context="training") for each of ${req.contexts.join(', ')}.`
    })
  }
  const problems: string[] = []
  const refs: EvidenceRef[] = []
  const chosen = new Map<string, Present<DatasetInput>>()
  for (const context of req.contexts) {
    const inContext = datasets.filter((dataset) => dataset.value.context === context)
    if (inContext.length === 0) {
      const seen = [...new Set(datasets.map((dataset) => dataset.value.context ?? '(no context)'))].join(', ')
      problems.push(`no dataset with context "${context}" (logged contexts: ${seen})`)
      continue
    }
    // Prefer a dataset that satisfies every required field; report the first otherwise.
    const complete = inContext.find((dataset) => req.require.every((field) => (fieldValue(dataset.value, field) ?? '').trim() !== ''))
    const dataset = complete ?? inContext[0]
    if (dataset === undefined) continue
    chosen.set(context, dataset)
    refs.push({ label: `dataset ${dataset.value.name} (${context})`, provenance: dataset.provenance })
    const empty = req.require.filter((field) => (fieldValue(dataset.value, field) ?? '').trim() === '')
    if (empty.length > 0) problems.push(`${context} dataset "${dataset.value.name}" has no ${empty.join(', ')}`)
  }
  if (req.distinct) {
    const byDigest = new Map<string, string[]>()
    for (const [context, dataset] of chosen) {
      const digest = dataset.value.digest
      if (digest.trim() === '') continue
      byDigest.set(digest, [...(byDigest.get(digest) ?? []), context])
    }
    for (const [digest, contexts] of byDigest) {
      if (contexts.length > 1) problems.push(`${contexts.join(' and ')} use the same data (digest ${digest})`)
    }
  }
  const details = {
    datasets: Object.fromEntries([...chosen].map(([context, d]) => [context, { name: d.value.name, digest: d.value.digest, source: d.value.sourceUri ?? d.value.source }]))
  }
  const observed = [...chosen].map(([context, d]) => `${context}: ${d.value.name}@${d.value.digest || '?'}`).join(', ') || 'none matching'
  if (problems.length > 0) {
    return resultFor(req, { status: 'fail', observed, expected, message: `${problems.join('; ')}.`, evidence: refs, details })
  }
  return resultFor(req, { status: 'pass', observed, expected, message: `Provenance recorded for ${req.contexts.join(', ')}.`, evidence: refs, details })
}
