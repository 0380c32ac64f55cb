/**
 * The local SQLite reader against a real MLflow server on the same database: for every seeded
 * version of every model (MLflow 2.22.x and 3.x), the evidence assembled from `sqlite:///<db>` and
 * from the server's REST API must be equal, and so must the verdict of the default policy.
 * Only what must differ is normalised: the tracking info and the folders models were downloaded to.
 * The database is hashed before and after: reading it locally never writes to it.
 */
import { createHash, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CollectRequest } from '../../src/collect/collector.js'
import { MlflowEvidenceCollector } from '../../src/collect/mlflow/assemble-evidence.js'
import { openStore } from '../../src/collect/mlflow/open-store.js'
import { openSqliteStore } from '../../src/collect/mlflow/sqlite/sqlite-store.js'
import type { MlflowStore } from '../../src/collect/mlflow/store.js'
import type { Evidence } from '../../src/core/evidence/types.js'
import { parsePolicy } from '../../src/core/policy/parse-policy.js'
import { resolveProfile } from '../../src/core/policy/resolve-profile.js'
import { evaluate } from '../../src/core/verdict/evaluate.js'
import { servers, type SeededServer } from '../support/servers.js'

const workRoot = resolve('.tmp', `sqlite-vs-rest-${randomUUID()}`)
const clock = { now: () => new Date('2026-01-02T03:04:05.000Z') }
const policyFile = 'policies/default.yml'
const profile = resolveProfile(parsePolicy(readFileSync(policyFile, 'utf8'), policyFile), 'production')

afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** Replaces every string that starts with `prefix` (download folders) by a marker. */
function withoutPrefix<T>(value: T, prefix: string): T {
  if (typeof value === 'string') return (value.startsWith(prefix) ? `<work>${value.slice(prefix.length)}` : value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => withoutPrefix(v, prefix)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutPrefix(v, prefix)])) as T
  }
  return value
}

async function collect(
  store: MlflowStore,
  request: Omit<CollectRequest, 'workDir'>,
  workDir: string
): Promise<Evidence> {
  const evidence = await new MlflowEvidenceCollector(store, clock).collect({ ...request, workDir })
  const { tracking: _tracking, ...rest } = withoutPrefix(evidence, workDir)
  return { ...rest, tracking: { uri: '<normalised>', kind: 'rest' } }
}

function requests(s: SeededServer): { label: string; request: Omit<CollectRequest, 'workDir'> }[] {
  const out: { label: string; request: Omit<CollectRequest, 'workDir'> }[] = []
  for (const [model, seeded] of Object.entries(s.manifest.models)) {
    const common = {
      model,
      baselineAlias: 'champion',
      documents: ['impact_assessment.md', 'no-such-file.md'],
      downloadModel: true,
      change: {}
    }
    for (const v of seeded.versions)
      out.push({ label: `${model}/${v.version}`, request: { ...common, version: v.version } })
    for (const alias of Object.keys(seeded.aliases))
      out.push({ label: `${model}@${alias}`, request: { ...common, alias } })
  }
  return out
}

describe.each(servers().map((s) => [s.flavour, s] as const))(
  'sqlite:/// equals REST on the %s store',
  (_flavour, s) => {
    it('gives equal evidence and verdicts for every seeded version and alias, without ' +
      'writing the database', async () => {
      const before = sha256(s.dbPath)
      const rest = await openStore(s.uri, {})
      const local = await openSqliteStore(`sqlite:///${s.dbPath}`, { artifactsDestination: s.artifactsDir })
      try {
        const cases = requests(s)
        expect(cases.length).toBeGreaterThan(7)
        for (const { label, request } of cases) {
          const viaRest = await collect(rest, request, join(workRoot, s.flavour, 'rest', label))
          const viaSqlite = await collect(local, request, join(workRoot, s.flavour, 'sqlite', label))
          expect(viaSqlite, label).toEqual(viaRest)
          // Equal must not mean equally empty: every seeded version has its run and its model.
          expect(viaSqlite.candidate.run.kind, label).toBe('present')
          expect(viaSqlite.candidate.model.kind, label).toBe('present')
          const verdict = (e: Evidence) => evaluate(profile, e, { now: clock.now() })
          expect(verdict(viaSqlite), label).toEqual(verdict(viaRest))
        }
        expect((await local.info()).kind).toBe('sqlite')
      } finally {
        local.close()
      }
      expect(sha256(s.dbPath)).toBe(before)
    }, 600_000)
  }
)
