/**
 * Where the evaluation data comes from, turned into a local file the readers can stream:
 * a file path given in the policy/CLI, a path in the run's artifacts, or the run's evaluation
 * dataset input (MLflow `mlflow.data.context = evaluation`) when its source is a file or a run
 * artifact. Anything else is explicit missing evidence naming the fix.
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { missing } from '../../core/evidence/items.js'
import type { Missing, RunEvidence } from '../../core/evidence/types.js'
import type { TableFormat } from '../data/open-table.js'
import type { MlflowStore } from '../mlflow/store.js'
import { nonRegularFile } from '../read-input-file.js'

export type EvaluationDataSpec =
  | { kind: 'file'; path: string; format?: TableFormat }
  | { kind: 'artifact'; path: string; format?: TableFormat }
  | { kind: 'dataset-input'; name?: string; format?: TableFormat }

export interface LocalEvaluationData {
  path: string
  /** What reports quote: the file path, `runs:/<id>/<path>`, or the dataset source URI. */
  uri: string
  format?: TableFormat
  /** The dataset input's digest, when the data came from one. */
  digest?: string
}

export async function resolveEvaluationData(
  spec: EvaluationDataSpec,
  run: RunEvidence,
  store: Pick<MlflowStore, 'readArtifact' | 'downloadArtifact'>,
  workDir: string
): Promise<LocalEvaluationData | Missing> {
  const format = spec.format === undefined ? {} : { format: spec.format }
  if (spec.kind === 'file') {
    if (!existsSync(spec.path))
      return missing(
        'not-found',
        `evaluation data ${spec.path} does not exist; fix the path in the policy or --eval-data`
      )
    const type = await nonRegularFile(spec.path)
    if (type !== undefined)
      return missing(
        'invalid',
        `evaluation data ${spec.path} is ${type}, not a regular file; fix: point the ` +
          `policy or --eval-data at a CSV or Parquet file`
      )
    return { path: spec.path, uri: spec.path, ...format }
  }
  if (spec.kind === 'artifact') return downloadArtifact(store, run.artifactUri, spec.path, run.runId, workDir, format)

  const inputs = run.datasets
    .map((d) => d.value)
    .filter((d) => (spec.name === undefined ? d.context === 'evaluation' : d.name === spec.name))
  const input = inputs[0]
  if (inputs.length > 1) {
    // Running the model on one of several candidates would be the gate guessing which data counts.
    const named = inputs.map((d) => `'${d.name}'@${d.digest}`).join(', ')
    const what = spec.name === undefined ? 'evaluation dataset inputs' : `dataset inputs named '${spec.name}'`
    return missing(
      'invalid',
      `run ${run.runId} has ${inputs.length} ${what} (${named}), so which one to run ` +
        `the model on is ambiguous; name one with evaluation.data: { datasetInput: ` +
        `<name> } (a name logged once), or give the data path in the policy`
    )
  }
  if (input === undefined) {
    const what =
      spec.name === undefined
        ? 'an evaluation dataset input (mlflow.data.context = evaluation)'
        : `a dataset input named '${spec.name}'`
    return missing(
      'not-logged',
      `run ${run.runId} has no ${what}; log it with mlflow.log_input(dataset, ` +
        `context="evaluation") or give the data path in the policy`
    )
  }
  const source = input.sourceUri
  const digest = { digest: input.digest }
  if (source === undefined)
    return missing(
      'unsupported',
      `dataset input '${input.name}' of run ${run.runId} has no file source (source ` +
        `type ${input.sourceType}); give the evaluation data path in the policy`
    )
  const runsUri = /^runs:\/([^/]+)\/(.+)$/.exec(source)
  if (runsUri !== null && runsUri[1] === run.runId) {
    const local = await downloadArtifact(store, run.artifactUri, runsUri[2]!, run.runId, workDir, format)
    return 'kind' in local ? local : { ...local, uri: source, ...digest }
  }
  const path = source.startsWith('file://') ? fileURLToPath(source) : source.startsWith('/') ? source : undefined
  if (path !== undefined && existsSync(path)) {
    const type = await nonRegularFile(path)
    if (type !== undefined)
      return missing(
        'invalid',
        `dataset input '${input.name}' points at ${source}, which is ${type}, not a ` +
          `regular file; log the evaluation file as a run artifact`
      )
    return { path, uri: source, ...format, ...digest }
  }
  return missing(
    'unsupported',
    `dataset input '${input.name}' points at ${source}, which aims-gate cannot read ` +
      `here; log the evaluation file as a run artifact (mlflow.log_artifact) and name ` +
      `it in the policy`
  )
}

async function downloadArtifact(
  store: Pick<MlflowStore, 'readArtifact' | 'downloadArtifact'>,
  artifactUri: string,
  relPath: string,
  runId: string,
  workDir: string,
  format: { format?: TableFormat }
): Promise<LocalEvaluationData | Missing> {
  await mkdir(workDir, { recursive: true })
  const path = join(workDir, `eval-${runId.slice(0, 12)}-${basename(relPath)}`)
  try {
    // Streamed to disk when the store can (evaluation sets can be large); the readers stream it on.
    if (store.downloadArtifact !== undefined) await store.downloadArtifact(artifactUri, relPath, path)
    else await writeFile(path, await store.readArtifact(artifactUri, relPath))
  } catch (error) {
    return missing(
      'not-found',
      `run ${runId} artifact '${relPath}' could not be read ` +
        `(${(error as Error).message.split('\n')[0]}); check the artifact path in the policy`
    )
  }
  return { path, uri: `runs:/${runId}/${relPath}`, ...format }
}
