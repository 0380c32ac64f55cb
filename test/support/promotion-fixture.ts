/**
 * Registered models of their own for the promotion suites, built through the tracking server's
 * REST API (nothing seeded is read or moved): each version gets a fresh run with a logged
 * `accuracy_score`, so the suite's policy passes or fails it; the registry is read back raw.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { assertBundleFresh } from './action-runner.js'
import type { SeededServer } from './seed-manifest.js'

export const PROMOTION_POLICY = `version: 1
name: promotion-test
profiles:
  production:
    requirements:
      - { id: score-floor, check: metric, metric: accuracy_score, min: 0.8, controls: [A.6.2.4] }
`

export async function promotionWorkspace(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'policy.yml'), PROMOTION_POLICY)
  return dir
}

async function call<T>(
  s: SeededServer,
  method: 'GET' | 'POST' | 'DELETE',
  endpoint: string,
  body?: Record<string, unknown>
): Promise<T> {
  const url = new URL(`${s.uri}/api/2.0/mlflow/${endpoint}`)
  if (method === 'GET' && body) for (const [k, v] of Object.entries(body)) url.searchParams.set(k, String(v))
  const response = await fetch(
    url,
    method === 'GET'
      ? {}
      : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }
  )
  if (!response.ok) throw new Error(`${method} ${endpoint} → ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

export async function createModel(s: SeededServer, prefix: string): Promise<string> {
  const name = `${prefix}-${randomUUID().slice(0, 8)}`
  await call(s, 'POST', 'registered-models/create', { name })
  return name
}

/** A new version on a new run whose `accuracy_score` is `score`. */
export async function addVersion(
  s: SeededServer,
  name: string,
  score: number
): Promise<{ version: string; runId: string }> {
  const created = await call<{ run: { info: { run_id: string } } }>(s, 'POST', 'runs/create', {
    experiment_id: s.manifest.experimentId,
    start_time: Date.now()
  })
  const runId = created.run.info.run_id
  await logScore(s, runId, score)
  const mv = await call<{ model_version: { version: string } }>(s, 'POST', 'model-versions/create', {
    name,
    source: `runs:/${runId}/model`,
    run_id: runId
  })
  return { version: mv.model_version.version, runId }
}

export async function logScore(s: SeededServer, runId: string, score: number): Promise<void> {
  await call(s, 'POST', 'runs/log-metric', {
    run_id: runId,
    key: 'accuracy_score',
    value: score,
    timestamp: Date.now(),
    step: 0
  })
}

export async function setVersionTag(
  s: SeededServer,
  name: string,
  version: string,
  key: string,
  value: string
): Promise<void> {
  await call(s, 'POST', 'model-versions/set-tag', { name, version, key, value })
}

/** Moves an alias by hand, as the MLflow UI or a script would. */
export async function setAlias(s: SeededServer, name: string, alias: string, version: string): Promise<void> {
  await call(s, 'POST', 'registered-models/alias', { name, alias, version })
}

export interface RawModel {
  aliases: Record<string, string>
  tags: Record<string, string>
}

export async function readModel(s: SeededServer, name: string): Promise<RawModel> {
  const json = await call<{
    registered_model: { aliases?: { alias: string; version: string }[]; tags?: { key: string; value: string }[] }
  }>(s, 'GET', 'registered-models/get', { name })
  const m = json.registered_model
  return {
    aliases: Object.fromEntries((m.aliases ?? []).map((a) => [a.alias, a.version])),
    tags: Object.fromEntries((m.tags ?? []).map((t) => [t.key, t.value]))
  }
}

export async function versionTags(s: SeededServer, name: string, version: string): Promise<Record<string, string>> {
  const json = await call<{ model_version: { tags?: { key: string; value: string }[] } }>(
    s,
    'GET',
    'model-versions/get',
    { name, version }
  )
  return Object.fromEntries((json.model_version.tags ?? []).map((t) => [t.key, t.value]))
}

/**
 * The shared set-up of the promotion suites: a work folder under the repository's .tmp/, the
 * promotion workspace in it (made once the bundle is known to be fresh), removed after the file.
 */
export function usePromotionWorkspace(root: string, name: string): { workRoot: string; readonly workspace: string } {
  const workRoot = path.join(root, '.tmp', `${name}-${randomUUID()}`)
  let workspace = ''
  beforeAll(async () => {
    await assertBundleFresh()
    workspace = await promotionWorkspace(path.join(workRoot, 'workspace'))
  })
  afterAll(async () => {
    await rm(workRoot, { recursive: true, force: true })
  })
  return {
    workRoot,
    get workspace() {
      return workspace
    }
  }
}
