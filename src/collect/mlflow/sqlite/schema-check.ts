/**
 * Decides whether a SQLite file is an MLflow store this reader can serve, from its
 * `alembic_version` revision and the columns actually present (see schema-revisions.ts for the
 * policy). Also reports the optional features the queries branch on.
 */
import { invalid } from '../../../core/errors.js'
import type { ReadOnlyDatabase } from './open-database.js'
import { classifyRevision, describeTestedRevisions, OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from './schema-revisions.js'

export interface SchemaFacts {
  revision: string
  /** `MLflow 2.22.x` / `MLflow 3.17.x` when the revision is a tested head. */
  release?: string
  /** MLflow ≥ 3.x with workspaces: registry rows carry a `workspace` column ('default' here). */
  registryWorkspaces: boolean
  /** MLflow 3 logged models (`logged_models`, `logged_model_tags`, `logged_model_metrics`). */
  loggedModels: boolean
}

export function checkSchema(db: ReadOnlyDatabase, warn: (message: string) => void): SchemaFacts {
  const path = db.path
  const supported = describeTestedRevisions()
  if (db.columns('alembic_version').size === 0 || db.columns('registered_models').size === 0) {
    throw invalid(
      `"${path}" is a SQLite database but not an MLflow tracking store (no ` +
        `alembic_version/registered_models tables). Fix: point --tracking-uri at the ` +
        `mlflow.db that MLflow writes (sqlite:///path/to/mlflow.db).`
    )
  }
  const revision = db.get<{ version_num: string }>('SELECT version_num FROM alembic_version LIMIT 1')?.version_num
  if (!revision) {
    throw invalid(
      `MLflow store "${path}" has no schema revision in alembic_version (an ` +
        `interrupted "mlflow db upgrade"?). Fix: open it once with MLflow 2.22+ or 3.x ` +
        `(e.g. "mlflow server --backend-store-uri sqlite:///…") so it finishes its ` +
        `migration, or use a backup.`
    )
  }
  const verdict = classifyRevision(revision)
  if (verdict.kind === 'too-old') {
    throw invalid(
      `MLflow store "${path}" has schema revision ${revision}, older than MLflow ` +
        `2.22; supported: ${supported}. Fix: upgrade a copy with "mlflow db upgrade ` +
        `sqlite:///<copy>" (MLflow 2.22 or later) and point the gate at the copy.`
    )
  }
  const missing = missingColumns(db, REQUIRED_COLUMNS)
  if (missing.length > 0) {
    throw invalid(
      `MLflow store "${path}" has schema revision ${revision}, which this version of ` +
        `aims-gate cannot read ` +
        `(missing ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}); ` +
        `supported: ${supported}. Fix: read it through an MLflow server (--tracking-uri ` +
        `http://…) or upgrade aims-gate.`
    )
  }
  if (verdict.kind === 'untested') {
    const why =
      verdict.reason === 'newer-unknown'
        ? 'is unknown to this version of aims-gate (a newer MLflow?)'
        : 'lies between the tested releases'
    warn(
      `MLflow store "${path}": schema revision ${revision} ${why}; every table the ` +
        `gate reads is present, so it is read as is. Tested: ${supported}.`
    )
  }
  const facts: SchemaFacts = {
    revision,
    registryWorkspaces:
      db.columns('model_versions').has('workspace') && db.columns('registered_model_aliases').has('workspace'),
    loggedModels: missingColumns(db, OPTIONAL_COLUMNS).length === 0
  }
  if (verdict.kind === 'tested') facts.release = verdict.release
  return facts
}

function missingColumns(db: ReadOnlyDatabase, wanted: Readonly<Record<string, readonly string[]>>): string[] {
  const missing: string[] = []
  for (const [table, columns] of Object.entries(wanted)) {
    const present = db.columns(table)
    if (present.size === 0) {
      missing.push(`table ${table}`)
      continue
    }
    for (const column of columns) if (!present.has(column)) missing.push(`${table}.${column}`)
  }
  return missing
}
