/**
 * Run reads, mirroring MLflow's SQLAlchemy tracking store `get_run` and what `runs/get` returns:
 * - metrics are the `latest_metrics` rows (MLflow keeps there, per key, the value with the highest
 *   step, then timestamp, then value); NaN is stored as `is_nan` and read back as NaN;
 * - a run without a `name` takes its `mlflow.runName` tag, as `SqlRun.to_mlflow_entity` does;
 * - dataset inputs use MLflow's own join (inputs → datasets, left join input_tags) in the same
 *   order, so the list order matches a server reading the same file;
 * - deleted runs are still returned, as `runs/get` does.
 */
import type { DatasetInput, LoggedMetric } from '../../../core/evidence/types.js'
import { compareCodePoints, DATASET_CONTEXT_TAG, datasetSourceUri, sortedRecord } from '../record-helpers.js'
import type { RunRecord } from '../store.js'
import type { ReadOnlyDatabase } from './open-database.js'

const RUN_NAME_TAG = 'mlflow.runName'

interface RunRow {
  run_uuid: string
  name: string | null
  user_id: string | null
  status: string | null
  start_time: number | null
  end_time: number | null
  artifact_uri: string | null
  experiment_id: string
}

interface MetricRow {
  key: string
  value: number
  timestamp: number | null
  step: number
  is_nan: number
}

interface DatasetInputRow {
  input_uuid: string
  dataset_uuid: string
  name: string
  digest: string
  dataset_source_type: string
  dataset_source: string
  dataset_schema: string | null
  dataset_profile: string | null
  tag_name: string | null
  tag_value: string | null
}

export class RunQueries {
  constructor(private readonly db: ReadOnlyDatabase) {}

  getRun(runId: string): RunRecord | undefined {
    return this.db.read(() => {
      const row = this.db.get<RunRow>(
        // Experiment ids from migrated file stores exceed 2^53: read them as text, exactly.
        `SELECT run_uuid, name, user_id, status, start_time, end_time, artifact_uri,
                CAST(experiment_id AS TEXT) AS experiment_id
           FROM runs WHERE run_uuid = ?`,
        runId
      )
      if (row === undefined) return undefined
      const tags = sortedRecord(this.keyValues('tags', runId))
      const out: RunRecord = {
        runId: row.run_uuid,
        experimentId: row.experiment_id,
        status: row.status ?? 'UNKNOWN',
        startTime: row.start_time ?? 0,
        artifactUri: row.artifact_uri ?? '',
        metrics: this.latestMetrics(runId),
        params: sortedRecord(this.keyValues('params', runId)),
        tags,
        datasets: this.datasetInputs(runId),
        outputModelIds: this.outputModelIds(runId)
      }
      const runName = row.name || tags[RUN_NAME_TAG]
      if (runName) out.runName = runName
      if (row.user_id) out.user = row.user_id
      // `runs/get` omits an end time of 0 (proto default) as well as a missing one.
      if (row.end_time) out.endTime = row.end_time
      return out
    })
  }

  private latestMetrics(runId: string): LoggedMetric[] {
    return this.db
      .all<MetricRow>('SELECT key, value, timestamp, step, is_nan FROM latest_metrics WHERE run_uuid = ?', runId)
      .map((m) => ({ key: m.key, value: m.is_nan ? Number.NaN : m.value, step: m.step, timestamp: m.timestamp ?? 0 }))
      .sort((a, b) => compareCodePoints(a.key, b.key))
  }

  private keyValues(table: 'tags' | 'params', runId: string): { key: string; value: string }[] {
    return this.db
      .all<{ key: string; value: string | null }>(`SELECT key, value FROM ${table} WHERE run_uuid = ?`, runId)
      .map((r) => ({ key: r.key, value: r.value ?? '' }))
  }

  private datasetInputs(runId: string): DatasetInput[] {
    // The statement SQLAlchemy renders for `_get_run_inputs`, so SQLite picks the same row order.
    const rows = this.db.all<DatasetInputRow>(
      `SELECT inputs.input_uuid AS input_uuid, datasets.dataset_uuid AS dataset_uuid, datasets.name AS name,
              datasets.digest AS digest, datasets.dataset_source_type AS dataset_source_type,
              datasets.dataset_source AS dataset_source, datasets.dataset_schema AS dataset_schema,
              datasets.dataset_profile AS dataset_profile, input_tags.name AS tag_name, input_tags.value AS tag_value
         FROM inputs
         JOIN datasets ON inputs.source_id = datasets.dataset_uuid
         LEFT OUTER JOIN input_tags ON input_tags.input_uuid = inputs.input_uuid
        WHERE inputs.destination_type = 'RUN' AND inputs.destination_id IN (?)
        ORDER BY inputs.destination_id`,
      runId
    )
    // MLflow groups by dataset (not by input): the same dataset logged twice is one entry.
    const byDataset = new Map<string, { row: DatasetInputRow; tags: { key: string; value: string }[] }>()
    for (const row of rows) {
      let entry = byDataset.get(row.dataset_uuid)
      if (entry === undefined) {
        entry = { row, tags: [] }
        byDataset.set(row.dataset_uuid, entry)
      }
      if (row.tag_name !== null) entry.tags.push({ key: row.tag_name, value: row.tag_value ?? '' })
    }
    return [...byDataset.values()].map(({ row, tags }) => toDatasetInput(row, sortedRecord(tags)))
  }

  private outputModelIds(runId: string): string[] {
    const rows = this.db.all<{ destination_id: string }>(
      `SELECT destination_id FROM inputs WHERE source_type = 'RUN_OUTPUT' AND ` +
        `source_id = ? AND destination_type = 'MODEL_OUTPUT'`,
      runId
    )
    return [...new Set(rows.map((r) => r.destination_id))].sort(compareCodePoints)
  }
}

function toDatasetInput(row: DatasetInputRow, tags: Record<string, string>): DatasetInput {
  const out: DatasetInput = {
    name: row.name,
    digest: row.digest,
    sourceType: row.dataset_source_type,
    source: row.dataset_source,
    tags
  }
  const uri = datasetSourceUri(row.dataset_source)
  if (uri !== undefined) out.sourceUri = uri
  const context = tags[DATASET_CONTEXT_TAG]
  if (context !== undefined) out.context = context
  // `Dataset.to_proto` sets schema/profile only when non-empty.
  if (row.dataset_schema) out.schema = row.dataset_schema
  if (row.dataset_profile) out.profile = row.dataset_profile
  return out
}
