/**
 * Which MLflow SQL schema revisions the local-store reader knows. MLflow records the schema in the
 * one-row `alembic_version` table; its migrations form a single linear chain, listed here in order
 * as shipped by MLflow 3.17.2 (`mlflow/store/db_migrations/versions`). MLflow 2.22.x stops at
 * `0584bdc529eb`.
 *
 * Policy (documented in docs/local-store.md):
 * - the heads of the tested releases (2.22.x, 3.17.x) are read silently;
 * - a revision between them (a database last written by MLflow 3.0 … 3.16) is read with a warning:
 *   the tables read here did not change meaning across those migrations;
 * - an older revision is refused: MLflow itself refuses to serve it until `mlflow db upgrade`;
 * - an unknown revision (a newer MLflow) is read with a warning when every column the reader needs
 *   is present, and refused otherwise.
 */

/** MLflow's migration chain, oldest first (MLflow 3.17.2). */
export const MLFLOW_REVISION_CHAIN: readonly string[] = [
  '451aebb31d03',
  '90e64c465722',
  '181f10493468',
  'df50e92ffc5e',
  '7ac759974ad8',
  '89d4b8295536',
  '2b4d017a5e9b',
  'cfd24bdc0731',
  '0a8213491aaa',
  '728d730b5ebd',
  '27a6a02d2cf1',
  '84291f40a231',
  'a8c4a736bde6',
  '39d1c3be5f05',
  'c48cb773bb87',
  'bd07f7e963c5',
  '0c779009ac13',
  'cc1f77228345',
  '97727af70f4d',
  '3500859a5d39',
  '7f2a7d5fae7d',
  '2d6e25af4d3e',
  'acf3f17fdcc7',
  '867495a8f9d4',
  '5b0e9adcef9c',
  '4465047574b1',
  'f5a4f2784254',
  '0584bdc529eb',
  '400f98739977',
  '6953534de441',
  'bda7b8c39065',
  'cbc13b556ace',
  '770bee3ae1dd',
  'a1b2c3d4e5f6',
  'de4033877273',
  '1a0cddfcaa16',
  '534353b11cbc',
  '71994744cf8e',
  '3da73c924c2f',
  'bf29a5ff90ea',
  '1bd49d398cd23',
  'b7c8d9e0f1a2',
  '5d2d30f0abce',
  'c9d4e5f6a7b8',
  '2c33131f4dae',
  'd3e4f5a6b7c8',
  'd0e1f2a3b4c5',
  'c8d9e0f1a2b3',
  '1b5f0d9ad7c1',
  'e1f2a3b4c5d6',
  '76601a5f987d',
  'c3d6457b6d8a',
  'a5b4c3d2e1f0',
  'ae8bbe7743c9',
  '7d34483879f0',
  'da6fb0208061',
  '89d3d66ed43f',
  'b7e4c1a90f23',
  'a8b9c0d1e2f3',
  'c1d2e3f4a5b6',
  'c3d9e7f1a2b4',
  '6f8d9c3b2a1e',
  '1971f2d9a75b',
  '17e22815139b',
  'b7e2c1a4d9f3',
  '75868b020152',
  'dc11669786a5'
]

/** Schema heads of the MLflow releases tested against real databases. */
export const TESTED_REVISIONS: Readonly<Record<string, string>> = {
  '0584bdc529eb': 'MLflow 2.22.x',
  dc11669786a5: 'MLflow 3.17.x'
}

/** The oldest revision read: MLflow 2.22's head (added `runs.deleted_time`-era tables and aliases). */
const OLDEST_SUPPORTED = '0584bdc529eb'

export type RevisionVerdict =
  | { kind: 'tested'; release: string }
  /** Readable, but not one of the tested heads: the caller warns. */
  | { kind: 'untested'; reason: 'between-tested' | 'newer-unknown' }
  | { kind: 'too-old' }

/** Classifies a revision read from `alembic_version` (the column check happens separately). */
export function classifyRevision(revision: string): RevisionVerdict {
  const release = TESTED_REVISIONS[revision]
  if (release !== undefined) return { kind: 'tested', release }
  const index = MLFLOW_REVISION_CHAIN.indexOf(revision)
  if (index < 0) return { kind: 'untested', reason: 'newer-unknown' }
  return index < MLFLOW_REVISION_CHAIN.indexOf(OLDEST_SUPPORTED)
    ? { kind: 'too-old' }
    : { kind: 'untested', reason: 'between-tested' }
}

/** "0584bdc529eb (MLflow 2.22.x), dc11669786a5 (MLflow 3.17.x)" for messages. */
export function describeTestedRevisions(): string {
  return Object.entries(TESTED_REVISIONS)
    .map(([revision, release]) => `${revision} (${release})`)
    .join(', ')
}

/**
 * Tables and columns the reader queries. A database missing any of them cannot be read safely,
 * whatever its revision says. Tables that only exist from MLflow 3 are optional (`logged_models`).
 */
export const REQUIRED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  registered_models: ['name', 'creation_time', 'last_updated_time', 'description'],
  registered_model_tags: ['name', 'key', 'value'],
  registered_model_aliases: ['name', 'alias', 'version'],
  model_versions: [
    'name',
    'version',
    'creation_time',
    'last_updated_time',
    'description',
    'user_id',
    'current_stage',
    'source',
    'run_id',
    'status'
  ],
  model_version_tags: ['name', 'version', 'key', 'value'],
  runs: ['run_uuid', 'name', 'user_id', 'status', 'start_time', 'end_time', 'artifact_uri', 'experiment_id'],
  latest_metrics: ['key', 'value', 'timestamp', 'step', 'is_nan', 'run_uuid'],
  params: ['key', 'value', 'run_uuid'],
  tags: ['key', 'value', 'run_uuid'],
  experiments: ['experiment_id', 'artifact_location'],
  datasets: [
    'dataset_uuid',
    'name',
    'digest',
    'dataset_source_type',
    'dataset_source',
    'dataset_schema',
    'dataset_profile'
  ],
  inputs: ['input_uuid', 'source_type', 'source_id', 'destination_type', 'destination_id'],
  input_tags: ['input_uuid', 'name', 'value']
}

/** MLflow 3 tables: read when present, absent on 2.x databases. */
export const OPTIONAL_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  logged_models: ['model_id', 'experiment_id', 'name', 'artifact_location', 'lifecycle_stage', 'source_run_id'],
  logged_model_tags: ['model_id', 'tag_key', 'tag_value'],
  logged_model_metrics: [
    'model_id',
    'metric_name',
    'metric_timestamp_ms',
    'metric_step',
    'metric_value',
    'dataset_name',
    'dataset_digest'
  ]
}
