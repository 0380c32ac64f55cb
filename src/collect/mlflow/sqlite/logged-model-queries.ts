/**
 * MLflow 3 logged models (`logged_models` + `logged_model_tags`), mirroring the SQLAlchemy store's
 * `get_logged_model`: deleted models do not exist, and the artifact URI is the stored
 * `artifact_location` (`<experiment artifact location>/models/<model id>/artifacts`).
 * On a 2.x database the tables are absent and every lookup answers `undefined`.
 */
import type { LoggedMetric } from '../../../core/evidence/types.js'
import { compareCodePoints, sortedRecord } from '../record-helpers.js'
import type { LoggedModelRecord } from '../store.js'
import type { ReadOnlyDatabase } from './open-database.js'

interface MetricRow {
  metric_name: string
  metric_value: number | null
  metric_timestamp_ms: number
  metric_step: number
  dataset_name: string | null
  dataset_digest: string | null
}

interface LoggedModelRow {
  model_id: string
  experiment_id: string
  name: string
  artifact_location: string
  source_run_id: string | null
}

export class LoggedModelQueries {
  constructor(
    private readonly db: ReadOnlyDatabase,
    private readonly present: boolean
  ) {}

  getLoggedModel(modelId: string): LoggedModelRecord | undefined {
    if (!this.present) return undefined
    return this.db.read(() => {
      const row = this.db.get<LoggedModelRow>(
        // Experiment ids can exceed 2^53 (migrated file stores): read as text.
        `SELECT model_id, CAST(experiment_id AS TEXT) AS experiment_id, name, artifact_location, source_run_id
           FROM logged_models WHERE model_id = ? AND lifecycle_stage != 'deleted'`,
        modelId
      )
      if (row === undefined) return undefined
      const tags = this.db.all<{ tag_key: string; tag_value: string | null }>(
        'SELECT tag_key, tag_value FROM logged_model_tags WHERE model_id = ?',
        modelId
      )
      const out: LoggedModelRecord = {
        modelId: row.model_id,
        experimentId: row.experiment_id,
        name: row.name,
        artifactUri: row.artifact_location,
        tags: sortedRecord(tags.map((t) => ({ key: t.tag_key, value: t.tag_value ?? '' }))),
        metrics: this.metrics(modelId)
      }
      if (row.source_run_id) out.sourceRunId = row.source_run_id
      return out
    })
  }

  /** The model's metrics with their dataset links, ordered like the REST reader orders them. */
  private metrics(modelId: string): LoggedMetric[] {
    const rows = this.db.all<MetricRow>(
      `SELECT metric_name, metric_value, metric_timestamp_ms, metric_step, dataset_name, dataset_digest
         FROM logged_model_metrics WHERE model_id = ?`,
      modelId
    )
    return rows
      .map((m) => {
        const out: LoggedMetric = {
          key: m.metric_name,
          value: m.metric_value ?? Number.NaN,
          step: m.metric_step,
          timestamp: m.metric_timestamp_ms
        }
        if (m.dataset_name) out.datasetName = m.dataset_name
        if (m.dataset_digest) out.datasetDigest = m.dataset_digest
        return out
      })
      .sort((a, b) => compareCodePoints(a.key, b.key) || a.step - b.step)
  }
}
