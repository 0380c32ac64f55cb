/**
 * Reads the whole registry for the posture, page by page: the registered models first (names,
 * aliases, tags: small), then every version from one ordered search. A model is judged as soon as
 * the version stream moves past it, its write-back folder read under the in-flight bound, and
 * only its (small) result is kept: memory grows with the models' results, not with their versions
 * or reports.
 */
import { evidenceError } from '../../core/errors.js'
import type { CollectedModel, CollectedVersion, PostureContext, WhatIfResult } from '../../core/posture/collected.js'
import { consideredVersions } from '../../core/posture/considered.js'
import { gateTags } from '../../core/posture/gate-record.js'
import { modelPosture, type ModelResult } from '../../core/posture/model-posture.js'
import { WRITEBACK_ARTIFACT_DIR } from '../../render/writeback-tags.js'
import { readGateArtifacts } from './gate-artifacts.js'
import type { InFlightLimit } from './in-flight.js'
import type { ModelVersionJson, PostureRegistryReader, RegisteredModelJson } from './registry-rest.js'

const MAX_PAGES = 10_000

export interface CollectPorts {
  reader: PostureRegistryReader
  limit: InFlightLimit
  ctx: PostureContext
  /** Re-evaluates an aliased version under `--policy`; absent without one. */
  whatIf?: (model: string, version: string) => Promise<WhatIfResult>
}

interface ModelHead {
  aliases: Record<string, string>
  tags: Record<string, string>
}

const record = (pairs: ReadonlyArray<{ key: string; value: string }>): Record<string, string> =>
  Object.fromEntries(pairs.map((p) => [p.key, p.value]))

function head(model: RegisteredModelJson): ModelHead {
  return { aliases: Object.fromEntries(model.aliases.map((a) => [a.alias, a.version])), tags: record(model.tags) }
}

function toVersion(json: ModelVersionJson): CollectedVersion {
  const out: CollectedVersion = {
    version: json.version,
    createdAt: json.creation_timestamp ?? 0,
    tags: record(json.tags),
    aliases: [...json.aliases]
  }
  if (json.run_id) out.runId = json.run_id
  return out
}

async function allModelHeads(reader: PostureRegistryReader): Promise<Map<string, ModelHead>> {
  const heads = new Map<string, ModelHead>()
  let token: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const { models, next } = await reader.modelPage(token)
    for (const model of models) heads.set(model.name, head(model))
    if (next === undefined) return heads
    token = next
  }
  return heads
}

async function judge(name: string, versions: ModelVersionJson[], found: ModelHead | undefined, ports: CollectPorts) {
  // A model created after the model pages were read still has its aliases on its versions.
  const aliases = found?.aliases ?? Object.fromEntries(versions.flatMap((v) => v.aliases.map((a) => [a, v.version])))
  const model: CollectedModel = { name, aliases, tags: found?.tags ?? {}, versions: versions.map(toVersion) }
  await Promise.all(
    consideredVersions(model, ports.ctx.aliases).map(async ({ version, aliases: on }) => {
      if (Object.keys(gateTags(version.tags)).length > 0 && version.runId !== undefined)
        version.artifacts = await readGateArtifacts(
          ports.reader,
          version.runId,
          version.version,
          WRITEBACK_ARTIFACT_DIR
        )
      if (ports.whatIf !== undefined && on.length > 0) version.whatIf = await ports.whatIf(name, version.version)
    })
  )
  return modelPosture(model, ports.ctx)
}

export async function collectPosture(ports: CollectPorts): Promise<ModelResult[]> {
  const heads = await allModelHeads(ports.reader)
  const results: ModelResult[] = []
  const finished = new Set<string>()
  let open: { name: string; versions: ModelVersionJson[] } | undefined
  let token: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const { versions, next } = await ports.reader.versionPage(token)
    const complete: Array<{ name: string; versions: ModelVersionJson[] }> = []
    for (const version of versions) {
      if (open?.name !== version.name) {
        if (open !== undefined) complete.push(open)
        if (finished.has(version.name)) {
          throw evidenceError(
            `MLflow listed versions of "${version.name}" out of order while the posture was read (the registry ` +
              'changed during the read, or the server ignores order_by). Fix: rerun aims-gate posture.'
          )
        }
        finished.add(version.name)
        open = { name: version.name, versions: [] }
      }
      open.versions.push(version)
    }
    results.push(...(await Promise.all(complete.map((m) => judge(m.name, m.versions, heads.get(m.name), ports)))))
    if (next === undefined) break
    token = next
  }
  if (open !== undefined) results.push(await judge(open.name, open.versions, heads.get(open.name), ports))
  const empty = [...heads.keys()].filter((name) => !finished.has(name))
  results.push(...(await Promise.all(empty.map((name) => judge(name, [], heads.get(name), ports)))))
  return results
}
