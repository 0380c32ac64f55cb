/**
 * `check: datasets` — data provenance on the candidate run: each named context (training,
 * evaluation, …) must have exactly one logged dataset (or the one `names` picks) whose required
 * fields are non-empty, and with `distinct: true` the contexts must not share a digest (evaluating
 * on the training data proves nothing). A `source` that is code (autolog's training-script
 * source) is no provenance. Several datasets in one context are ambiguous: the gate does not pick
 * one for the author, the result is missing and names them. Missing also when the run or its
 * dataset inputs cannot be read at all. Acquisition fields (licence, rights, rationale) must
 * state something real (`dataset-acquisition.ts`); absent or placeholder values fail.
 */
import { acquisitionValue, isAcquisitionField, type AcquisitionField } from '../evidence/dataset-acquisition.js'
import { codeSourceReason } from '../evidence/dataset-source.js'
import type { DatasetInput, Present } from '../evidence/types.js'
import type { DatasetsRequirement } from '../policy/requirement-schemas.js'
import type { EvidenceRef } from '../verdict/types.js'
import { problemsResult, resultFor, type Check } from './check.js'

type Field = DatasetsRequirement['require'][number]
const fieldValue = (dataset: DatasetInput, field: Exclude<Field, AcquisitionField>): string | undefined =>
  dataset[field]
const label = (dataset: DatasetInput): string => `"${dataset.name}"@${dataset.digest || '?'}`

export const checkDatasets: Check<DatasetsRequirement> = (req, evidence) => {
  const expected =
    `${req.contexts.join(', ')} ` + `with ${req.require.join(', ')}${req.distinct ? '; distinct digests' : ''}`
  const run = evidence.candidate.run
  if (run.kind === 'missing') {
    return resultFor(req, {
      status: 'missing',
      observed: 'no run',
      expected,
      message: `Cannot read the candidate run's datasets: ${run.detail}.`
    })
  }
  const datasets = run.value.datasets
  if (datasets.length === 0) {
    return resultFor(req, {
      status: 'missing',
      observed: 'no datasets logged',
      expected,
      message:
        `Run ${run.value.runId} has no dataset inputs; log them with ` +
        `mlflow.log_input(dataset, context="training") for each ` +
        `of ${req.contexts.join(', ')}.`
    })
  }
  const problems: string[] = []
  const ambiguous: string[] = []
  const refs: EvidenceRef[] = []
  const chosen = new Map<string, Present<DatasetInput>>()
  const acquisitionRead = new Map<string, Record<string, string | undefined>>()
  for (const context of req.contexts) {
    const inContext = datasets.filter((dataset) => dataset.value.context === context)
    const wanted = req.names?.[context]
    const candidates = wanted === undefined ? inContext : inContext.filter((dataset) => dataset.value.name === wanted)
    if (inContext.length === 0) {
      const seen = [...new Set(datasets.map((dataset) => dataset.value.context ?? '(no context)'))].join(', ')
      problems.push(`no dataset with context "${context}" (logged contexts: ${seen})`)
      continue
    }
    if (candidates.length === 0) {
      problems.push(
        `no ${context} dataset named "${wanted ?? ''}" (logged ` +
          `in ${context}: ${inContext.map((d) => label(d.value)).join(', ')})`
      )
      continue
    }
    if (candidates.length > 1) {
      // Picking one would let a complete dataset vouch for the one the model was really built on.
      ambiguous.push(
        `${candidates.length} datasets are logged with context ` +
          `"${context}"${wanted === undefined ? '' : ` and name "${wanted}"`} ` +
          `(${candidates.map((d) => label(d.value)).join(', ')}), so which one the model ` +
          `used is ambiguous; log one per context, or name it in the requirement (names: ` +
          `{ ${context}: <dataset name> })`
      )
      continue
    }
    const dataset = candidates[0] as Present<DatasetInput>
    chosen.set(context, dataset)
    refs.push({ label: `dataset ${dataset.value.name} (${context})`, provenance: dataset.provenance })
    const plain = req.require.filter((field): field is Exclude<Field, AcquisitionField> => !isAcquisitionField(field))
    const empty: string[] = plain.filter((field) => (fieldValue(dataset.value, field) ?? '').trim() === '')
    const acquisition = req.require.filter(isAcquisitionField).map((field) => ({
      field,
      ...acquisitionValue(dataset.value, run.value.tags, field)
    }))
    for (const a of acquisition) {
      if (a.problem !== undefined) problems.push(`${context} dataset "${dataset.value.name}": ${a.problem}`)
      else if (a.value === undefined) empty.push(a.field)
    }
    if (empty.length > 0) {
      const hint = empty.some(isAcquisitionField)
        ? ` (log acquisition details as dataset input tags aims.licence, aims.rights, aims.rationale)`
        : ''
      problems.push(`${context} dataset "${dataset.value.name}" has no ${empty.join(', ')}${hint}`)
    }
    const read = acquisition.filter((a) => a.value !== undefined)
    if (read.length > 0) acquisitionRead.set(context, Object.fromEntries(read.map((a) => [a.field, a.value])))
    const code =
      req.require.includes('source') && !empty.includes('source') ? codeSourceReason(dataset.value) : undefined
    if (code !== undefined) {
      problems.push(
        `${context} dataset "${dataset.value.name}" has no data provenance: ${code}; ` +
          `log the data with mlflow.data.from_pandas(df, source="<where the data lives>") ` +
          `and mlflow.log_input`
      )
    }
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
    datasets: Object.fromEntries(
      [...chosen].map(([context, d]) => [
        context,
        {
          name: d.value.name,
          digest: d.value.digest,
          source: d.value.sourceUri ?? d.value.source,
          ...(acquisitionRead.get(context) ?? {})
        }
      ])
    )
  }
  const observed =
    [...chosen].map(([context, d]) => `${context}: ${d.value.name}@${d.value.digest || '?'}`).join(', ') ||
    (ambiguous.length > 0 ? 'ambiguous' : 'none matching')
  const facts = { observed, expected, evidence: refs, details }
  if (problems.length > 0) return problemsResult(req, 'fail', [...problems, ...ambiguous], facts)
  if (ambiguous.length > 0) return problemsResult(req, 'missing', ambiguous, facts)
  return resultFor(req, {
    status: 'pass',
    observed,
    expected,
    message: `Provenance recorded for ${req.contexts.join(', ')}.`,
    evidence: refs,
    details
  })
}
