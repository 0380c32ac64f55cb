/**
 * Model-registry reads, mirroring MLflow's SQLAlchemy registry store (`get_registered_model`,
 * `get_model_version`, `get_model_version_by_alias`) and the fields its REST `to_proto` emits:
 * versions in the internal "Deleted_Internal" stage do not exist, a version's aliases come from
 * `registered_model_aliases`, and on MLflow ≥ 3.x every registry row is scoped to the 'default'
 * workspace (what a server without workspaces serves).
 */
import type { ModelVersionEvidence, RegisteredModelEvidence } from '../../../core/evidence/types.js'
import { invalid } from '../../../core/errors.js'
import { didYouMean } from '../../../core/text/closest-match.js'
import { showControlsInline } from '../../../core/text/control-chars.js'
import { nameList } from '../../../core/text/name-list.js'
import { compareCodePoints, sortedRecord } from '../record-helpers.js'
import type { ReadOnlyDatabase } from './open-database.js'

const STAGE_DELETED_INTERNAL = 'Deleted_Internal'
const DEFAULT_WORKSPACE = 'default'

interface RegisteredModelRow {
  name: string
  creation_time: number | null
  description: string | null
}

interface ModelVersionRow {
  name: string
  version: number
  creation_time: number | null
  last_updated_time: number | null
  description: string | null
  user_id: string | null
  source: string | null
  run_id: string | null
  status: string | null
}

interface KeyValueRow {
  key: string
  value: string | null
}

export class RegistryQueries {
  /** `AND workspace = 'default'` on MLflow versions whose registry tables have the column. */
  private readonly ws: string

  constructor(
    private readonly db: ReadOnlyDatabase,
    workspaces: boolean
  ) {
    this.ws = workspaces ? ` AND workspace = '${DEFAULT_WORKSPACE}'` : ''
  }

  getRegisteredModel(name: string): RegisteredModelEvidence {
    return this.db.read(() => {
      const row = this.registeredModelRow(name)
      const tags = this.db.all<KeyValueRow>(
        `SELECT key, value FROM registered_model_tags WHERE name = ?${this.ws}`,
        name
      )
      const aliases = this.db.all<{ alias: string; version: number }>(
        `SELECT alias, version FROM registered_model_aliases WHERE name = ?${this.ws}`,
        name
      )
      const out: RegisteredModelEvidence = {
        name: row.name,
        description: row.description ?? '',
        tags: sortedRecord(tags.map(kv)),
        aliases: sortedRecord(aliases.map((a) => ({ key: a.alias, value: String(a.version) })))
      }
      if (row.creation_time !== null) out.creationTimestamp = row.creation_time
      return out
    })
  }

  getModelVersion(name: string, version: string): ModelVersionEvidence {
    return this.db.read(() => {
      const row = this.versionRow(name, version)
      if (row === undefined) throw versionNotFound(this.db.path, name, version)
      return this.toEvidence(row)
    })
  }

  /** `undefined` when the alias is not set; throws when the model itself does not exist. */
  getModelVersionByAlias(name: string, alias: string): ModelVersionEvidence | undefined {
    return this.db.read(() => {
      this.registeredModelRow(name)
      const target = this.db.get<{ version: number }>(
        `SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?${this.ws}`,
        name,
        alias
      )
      if (target === undefined) return undefined
      // Like MLflow: an alias left pointing at a deleted version is an error, not "no alias".
      const row = this.versionRow(name, String(target.version))
      if (row === undefined) throw versionNotFound(this.db.path, name, String(target.version))
      return this.toEvidence(row)
    })
  }

  private registeredModelRow(name: string): RegisteredModelRow {
    const row = this.db.get<RegisteredModelRow>(
      `SELECT name, creation_time, description FROM registered_models WHERE name = ?${this.ws}`,
      name
    )
    if (row === undefined) {
      // The store's own names are the list the user needs (MLflow's CLI has no command that lists them).
      const names = this.db
        .all<{ name: string }>(`SELECT name FROM registered_models WHERE 1 = 1${this.ws} ORDER BY name LIMIT 1000`)
        .map((r) => r.name)
      throw invalid(
        `Registered model "${showControlsInline(name)}" not found in local MLflow store "${this.db.path}"` +
          `${showControlsInline(didYouMean(name, names))}; it has: ${nameList(names)}. ` +
          'Fix: use one of those names (case-sensitive), or pass the right --tracking-uri.'
      )
    }
    return row
  }

  private versionRow(name: string, version: string): ModelVersionRow | undefined {
    if (!/^\d{1,18}$/.test(version)) return undefined
    return this.db.get<ModelVersionRow>(
      `SELECT name, version, creation_time, last_updated_time, description, user_id, source, run_id, status
         FROM model_versions WHERE name = ? AND version = ? AND current_stage != ?${this.ws}`,
      name,
      Number(version),
      STAGE_DELETED_INTERNAL
    )
  }

  private toEvidence(row: ModelVersionRow): ModelVersionEvidence {
    const version = String(row.version)
    const tags = this.db.all<KeyValueRow>(
      `SELECT key, value FROM model_version_tags WHERE name = ? AND version = ?${this.ws}`,
      row.name,
      row.version
    )
    const aliases = this.db.all<{ alias: string }>(
      `SELECT alias FROM registered_model_aliases WHERE name = ? AND version = ?${this.ws}`,
      row.name,
      row.version
    )
    const out: ModelVersionEvidence = {
      name: row.name,
      version,
      aliases: aliases.map((a) => a.alias).sort(compareCodePoints),
      description: row.description ?? '',
      source: row.source ?? '',
      status: row.status ?? 'READY',
      creationTimestamp: row.creation_time ?? 0,
      tags: sortedRecord(tags.map(kv))
    }
    if (row.run_id) out.runId = row.run_id
    if (row.last_updated_time !== null) out.lastUpdatedTimestamp = row.last_updated_time
    if (row.user_id) out.userId = row.user_id
    return out
  }
}

function kv(row: KeyValueRow): { key: string; value: string } {
  return { key: row.key, value: row.value ?? '' }
}

function versionNotFound(path: string, name: string, version: string) {
  return invalid(
    `Model version ${name}/${version} not found in local MLflow store "${path}". ` +
      `Fix: pick an existing version of "${name}" (see the MLflow UI on that store) or ` +
      `use --alias.`
  )
}
