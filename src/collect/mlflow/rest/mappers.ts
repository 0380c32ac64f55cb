/** Maps parsed MLflow REST JSON onto the store records of `../store.ts`. */
import type {
  DatasetInput,
  LoggedMetric,
  ModelVersionEvidence,
  RegisteredModelEvidence
} from '../../../core/evidence/types.js'
import { compareCodePoints, DATASET_CONTEXT_TAG, datasetSourceUri, sortedRecord } from '../record-helpers.js'
import type { LoggedModelRecord, RunRecord } from '../store.js'
import type { MetricJson, ModelVersionJson, RegisteredModelJson, RunJson } from './schemas.js'
import type { getLoggedModelResponse } from './schemas.js'
import type { z } from 'zod'

export function toModelVersion(json: ModelVersionJson): ModelVersionEvidence {
  const out: ModelVersionEvidence = {
    name: json.name,
    version: json.version,
    aliases: [...json.aliases].sort(compareCodePoints),
    description: json.description ?? '',
    source: json.source ?? '',
    status: json.status ?? 'READY',
    creationTimestamp: json.creation_timestamp ?? 0,
    tags: sortedRecord(json.tags)
  }
  if (json.run_id) out.runId = json.run_id
  if (json.last_updated_timestamp !== undefined) out.lastUpdatedTimestamp = json.last_updated_timestamp
  if (json.user_id) out.userId = json.user_id
  return out
}

export function toRegisteredModel(json: RegisteredModelJson): RegisteredModelEvidence {
  const aliases = sortedRecord(json.aliases.map((a) => ({ key: a.alias, value: a.version })))
  const out: RegisteredModelEvidence = {
    name: json.name,
    description: json.description ?? '',
    tags: sortedRecord(json.tags),
    aliases
  }
  if (json.creation_timestamp !== undefined) out.creationTimestamp = json.creation_timestamp
  return out
}

export function toMetric(json: MetricJson): LoggedMetric {
  const out: LoggedMetric = { key: json.key, value: json.value, step: json.step, timestamp: json.timestamp }
  if (json.dataset_name) out.datasetName = json.dataset_name
  if (json.dataset_digest) out.datasetDigest = json.dataset_digest
  return out
}

export function toRun(json: RunJson): RunRecord {
  const info = json.info
  const datasets: DatasetInput[] = json.inputs.dataset_inputs.map(({ dataset, tags }) => {
    const tagRecord = sortedRecord(tags)
    const out: DatasetInput = {
      name: dataset.name,
      digest: dataset.digest,
      sourceType: dataset.source_type,
      source: dataset.source,
      tags: tagRecord
    }
    const uri = datasetSourceUri(dataset.source)
    if (uri !== undefined) out.sourceUri = uri
    const context = tagRecord[DATASET_CONTEXT_TAG]
    if (context !== undefined) out.context = context
    if (dataset.schema !== undefined) out.schema = dataset.schema
    if (dataset.profile !== undefined) out.profile = dataset.profile
    return out
  })
  const out: RunRecord = {
    runId: info.run_id ?? info.run_uuid ?? '',
    experimentId: info.experiment_id,
    status: info.status,
    startTime: info.start_time,
    artifactUri: info.artifact_uri,
    metrics: json.data.metrics.map(toMetric).sort((a, b) => compareCodePoints(a.key, b.key)),
    params: sortedRecord(json.data.params),
    tags: sortedRecord(json.data.tags),
    datasets,
    outputModelIds: [...new Set(json.outputs.model_outputs.map((m) => m.model_id))].sort(compareCodePoints)
  }
  if (info.run_name) out.runName = info.run_name
  if (info.user_id) out.user = info.user_id
  if (info.end_time !== undefined) out.endTime = info.end_time
  return out
}

export function toLoggedModel(json: z.output<typeof getLoggedModelResponse>['model']): LoggedModelRecord {
  const info = json.info
  const out: LoggedModelRecord = {
    modelId: info.model_id,
    experimentId: info.experiment_id,
    name: info.name,
    artifactUri: info.artifact_uri,
    tags: sortedRecord(info.tags),
    metrics: json.data.metrics.map(toMetric).sort((a, b) => compareCodePoints(a.key, b.key) || a.step - b.step)
  }
  if (info.source_run_id) out.sourceRunId = info.source_run_id
  return out
}
