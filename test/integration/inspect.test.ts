/**
 * `aims-gate inspect` against the seeded MLflow 2.x and 3.x servers: what our REST client and the
 * shared assembler read must equal what Python/MLflow wrote (the seed manifest).
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MlflowEvidenceCollector } from '../../src/collect/mlflow/assemble-evidence.js'
import { openStore } from '../../src/collect/mlflow/open-store.js'
import type { CommandIO } from '../../src/commands/command.js'
import { createInspectCommand } from '../../src/commands/inspect.js'
import { main } from '../../src/entry/cli.js'
import type { Evidence, VersionEvidence } from '../../src/core/evidence/types.js'
import { servers, type SeededServer, type SeedVersion } from '../support/servers.js'

const workRoot = resolve('.tmp', `inspect-it-${randomUUID()}`)
const clock = { now: () => new Date('2026-01-02T03:04:05.000Z') }
const inspect = createInspectCommand({ clock })

afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

async function run(argv: string[], env: CommandIO['env'] = {}) {
  let stdout = ''
  let stderr = ''
  const io: CommandIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    cwd: process.cwd(),
    isTTY: false
  }
  // Through the CLI entry, which reports the command's errors.
  const code = await main(['inspect', ...argv], io, [inspect])
  return { code, stdout, stderr }
}

function byRole(s: SeededServer, model: string, role: string): SeedVersion {
  const found = s.manifest.models[model]?.versions.find((v) => v.role === role)
  if (!found) throw new Error(`manifest of ${s.flavour} has no ${model} ${role}`)
  return found
}

function expectVersionMatches(evidence: VersionEvidence, seed: SeedVersion) {
  expect(evidence.modelVersion.value.version).toBe(seed.version)
  expect(evidence.modelVersion.value.source).toBe(seed.source)
  expect(evidence.modelVersion.value.aliases).toEqual([...seed.aliases].sort())
  expect(evidence.modelVersion.provenance).toMatchObject({
    source: 'mlflow-registry',
    uri: `models:/credit-risk/${seed.version}`
  })
  expect(evidence.run.kind).toBe('present')
  if (evidence.run.kind !== 'present') return
  const r = evidence.run.value
  expect(r.runId).toBe(seed.runId)
  expect(r.user).toBe(seed.runUser)
  expect(r.experimentId).toBe(seed.experimentId)
  expect(r.params).toEqual(seed.params)
  const datasets = r.datasets.map((d) => ({
    name: d.value.name,
    digest: d.value.digest,
    context: d.value.context ?? null
  }))
  const expected = seed.datasets.map((d) => ({ name: d.name, digest: d.digest, context: d.context }))
  const order = (a: { name: string; digest: string }, b: { name: string; digest: string }) =>
    (a.name + a.digest).localeCompare(b.name + b.digest)
  expect(datasets.sort(order)).toEqual(expected.sort(order))
  for (const d of r.datasets)
    expect(d.provenance).toMatchObject({ source: 'mlflow-run', runId: seed.runId, datasetDigest: d.value.digest })
  expect(Object.keys(r.metrics).sort()).toEqual(Object.keys(seed.metrics).sort())
  for (const [key, value] of Object.entries(seed.metrics)) {
    expect(r.metrics[key]?.value.value).toBeCloseTo(value, 12)
    expect(r.metrics[key]?.provenance.uri).toBe(`runs:/${seed.runId}/metrics/${key}`)
  }
}

function expectModelMatches(evidence: VersionEvidence, seed: SeedVersion) {
  expect(evidence.model.kind).toBe('present')
  if (evidence.model.kind !== 'present') return
  const m = evidence.model.value
  expect(m.onnxPath).toBe(seed.onnx.path)
  expect(m.onnxSha256).toBe(seed.onnx.sha256)
  expect(evidence.model.provenance).toMatchObject({ source: 'artifact', sha256: seed.onnx.sha256 })
  const files = (list: { path: string; size: number; sha256: string }[]) =>
    list.map(({ path, size, sha256 }) => ({ path, size, sha256 })).sort((a, b) => (a.path < b.path ? -1 : 1))
  expect(files(m.files)).toEqual(files(seed.files))
  for (const side of seed.onnx.externalData) expect(m.files.map((f) => f.path)).toContain(side)
  if (seed.modelId) expect(m.loggedModelId).toBe(seed.modelId)
  else expect(m.loggedModelId).toBeUndefined()
}

describe.each(servers().map((s) => [s.flavour, s] as const))('inspect against %s', (_flavour, s) => {
  it('prints the challenger evidence as JSON, matching the seed manifest', async () => {
    const workDir = resolve(workRoot, s.flavour, 'challenger')
    const challenger = byRole(s, 'credit-risk', 'challenger')
    const champion = byRole(s, 'credit-risk', 'champion')
    const { code, stdout, stderr } = await run([
      '--tracking-uri',
      s.uri,
      '--model',
      'credit-risk',
      '--alias',
      'challenger',
      '--json',
      '--download-model',
      '--document',
      'impact_assessment.md',
      '--document',
      'no-such-file.md',
      '--work-dir',
      workDir
    ])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const evidence = JSON.parse(stdout) as Evidence
    expect(evidence.collectedAt).toBe('2026-01-02T03:04:05.000Z')
    expect(evidence.tracking).toEqual({ uri: s.uri, kind: 'rest', serverVersion: s.mlflowVersion })
    expect(evidence.registeredModel.value.aliases).toEqual(s.manifest.models['credit-risk']?.aliases)

    expectVersionMatches(evidence.candidate, challenger)
    expectModelMatches(evidence.candidate, challenger)

    const doc = evidence.candidate.documents['impact_assessment.md']
    expect(doc?.kind).toBe('present')
    if (doc?.kind === 'present') {
      expect(doc.value.text).toContain(s.manifest.reviewed)
      expect(doc.provenance).toMatchObject({
        source: 'artifact',
        uri: `runs:/${challenger.runId}/impact_assessment.md`,
        sha256: doc.value.sha256
      })
    }
    expect(evidence.candidate.documents['no-such-file.md']).toMatchObject({ kind: 'missing', reason: 'not-found' })
    expect(
      evidence.candidate.artifacts.kind === 'present' &&
        evidence.candidate.artifacts.value.some((f) => f.path === 'eval/evaluation.csv')
    ).toBe(true)

    expect(evidence.champion.kind).toBe('present')
    if (evidence.champion.kind === 'present') {
      expectVersionMatches(evidence.champion.value, champion)
      expectModelMatches(evidence.champion.value, champion)
    }
  })

  it('downloads every work-hours model file, external-data side files included', async () => {
    for (const seed of s.manifest.models['work-hours']?.versions ?? []) {
      const { code, stdout, stderr } = await run([
        '--tracking-uri',
        s.uri,
        `models:/work-hours/${seed.version}`,
        '--json',
        '--download-model',
        '--work-dir',
        resolve(workRoot, s.flavour, 'wh')
      ])
      expect(stderr).toBe('')
      expect(code).toBe(0)
      expectModelMatches((JSON.parse(stdout) as Evidence).candidate, seed)
    }
    const external = (s.manifest.models['work-hours']?.versions ?? []).flatMap((v) => v.onnx.externalData)
    expect(external.length).toBeGreaterThan(0)
  })

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await run(['--tracking-uri', s.uri, '--model', 'credit-risk', '--version', '1'])
    expect(code).toBe(0)
    expect(stdout).toContain('Evidence for models:/credit-risk/1')
    expect(stdout).toContain(byRole(s, 'credit-risk', 'champion').runId)
  })

  it('exits 2 for an unknown model and an unknown alias, naming the fix', async () => {
    const unknownModel = await run(['--tracking-uri', s.uri, '--model', 'no-such-model', '--alias', 'challenger'])
    expect(unknownModel.code).toBe(2)
    expect(unknownModel.stderr).toMatch(
      /registered-models\/get \(name=no-such-model\) → 404 RESOURCE_DOES_NOT_EXIST: .* Fix: /
    )
    expect(unknownModel.stderr.trim().split('\n')).toHaveLength(1)

    const unknownAlias = await run(['--tracking-uri', s.uri, '--model', 'credit-risk', '--alias', 'no-such-alias'])
    expect(unknownAlias.code).toBe(2)
    expect(unknownAlias.stderr).toContain('Model credit-risk has no alias "no-such-alias" (aliases: ')

    const unknownVersion = await run(['--tracking-uri', s.uri, '--model', 'credit-risk', '--version', '999'])
    expect(unknownVersion.code).toBe(2)
    expect(unknownVersion.stderr).toContain('404 RESOURCE_DOES_NOT_EXIST')
  })

  it('reads the same evidence from the server and from its SQLite store directly', async () => {
    const workDir = resolve(workRoot, s.flavour, 'same')
    await mkdir(workDir, { recursive: true })
    const request = {
      model: 'credit-risk',
      alias: 'challenger',
      baselineAlias: 'champion',
      documents: ['impact_assessment.md'],
      downloadModel: true,
      workDir,
      change: {}
    }
    const rest = await new MlflowEvidenceCollector(await openStore(s.uri, {}), clock).collect(request)
    const local = await openStore(`sqlite:///${s.dbPath}`, {}, { sqlite: { artifactsDestination: s.artifactsDir } })
    try {
      const fromFile = await new MlflowEvidenceCollector(local, clock).collect(request)
      expect({ ...fromFile, tracking: undefined }).toEqual({ ...rest, tracking: undefined })
    } finally {
      local.close()
    }
  })
})

describe('unreachable server', () => {
  it('exits 1 within the timeout when nothing listens on the port', async () => {
    const probe = createServer()
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>((done) => probe.close(() => done()))
    const started = Date.now()
    const { code, stderr } = await run(
      [
        '--tracking-uri',
        `http://127.0.0.1:${port}`,
        '--model',
        'credit-risk',
        '--alias',
        'challenger',
        '--timeout',
        '2'
      ],
      {
        MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0'
      }
    )
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(code).toBe(1)
    expect(stderr).toContain(`cannot reach http://127.0.0.1:${port} (ECONNREFUSED)`)
  })
})
