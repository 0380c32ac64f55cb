/**
 * The store-independent assembler over an in-memory `MlflowStore`: source resolution (2.x run
 * artifacts, `runs:/`, 3.x logged models), missing evidence with reasons, provenance and ordering.
 */
import { createHash, randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CollectRequest } from '../../../../src/collect/collector.js'
import { MlflowEvidenceCollector } from '../../../../src/collect/mlflow/assemble-evidence.js'
import type { LoggedModelRecord, MlflowStore, RunRecord } from '../../../../src/collect/mlflow/store.js'
import type {
  ArtifactFile,
  ModelVersionEvidence,
  RegisteredModelEvidence
} from '../../../../src/core/evidence/types.js'
import { evidenceError, GateError } from '../../../../src/core/errors.js'

const workRoot = resolve('.tmp', `assemble-${randomUUID()}`)
afterAll(() => rm(workRoot, { recursive: true, force: true }))
const clock = { now: () => new Date('2026-03-04T05:06:07.000Z') }
const sha = (text: string) => createHash('sha256').update(text).digest('hex')
const MLMODEL = 'flavors:\n  onnx:\n    data: model.onnx\nrun_id: r1\n'

interface FakeData {
  versions: ModelVersionEvidence[]
  aliases: Record<string, string>
  runs: RunRecord[]
  loggedModels?: LoggedModelRecord[]
  /** Artifact URI → file text (directories are implied by paths). */
  files: Record<string, string>
  failListing?: boolean
  reverse?: boolean
}

/** A store over plain data; `reverse` lists everything backwards to prove ordering is ours. */
function fakeStore(data: FakeData): MlflowStore {
  const order = <T>(xs: T[]) => (data.reverse ? [...xs].reverse() : xs)
  return {
    writable: false,
    requestCount: undefined,
    close: () => undefined,
    info: async () => ({ uri: 'memory://', kind: 'rest' }),
    getRegisteredModel: async (name): Promise<RegisteredModelEvidence> => {
      if (name !== 'm') throw new GateError('invalid', `no model ${name}`)
      return { name, description: '', tags: {}, aliases: data.aliases }
    },
    getModelVersion: async (_name, version) => {
      const found = data.versions.find((v) => v.version === version)
      if (!found) throw new GateError('invalid', `no version ${version}`)
      return found
    },
    getModelVersionByAlias: async (_name, alias) => data.versions.find((v) => v.version === data.aliases[alias]),
    getRun: async (id) => {
      const run = data.runs.find((r) => r.runId === id)
      return run && { ...run, metrics: order(run.metrics), datasets: order(run.datasets) }
    },
    getLoggedModel: async (id) => data.loggedModels?.find((m) => m.modelId === id),
    listArtifacts: async (root, rel = '') => {
      if (data.failListing) throw Object.assign(evidenceError('GET artifacts → 503. Fix: retry.'), { status: 503 })
      const prefix = rel ? `${root}/${rel}/` : `${root}/`
      const entries = new Map<string, ArtifactFile>()
      for (const [uri, text] of Object.entries(data.files)) {
        if (!uri.startsWith(prefix)) continue
        const [head, ...rest] = uri.slice(prefix.length).split('/')
        const path = rel ? `${rel}/${head}` : (head as string)
        entries.set(
          path,
          rest.length > 0 ? { path, isDir: true } : { path, isDir: false, size: Buffer.byteLength(text) }
        )
      }
      return order([...entries.values()])
    },
    readArtifact: async (root, rel) => {
      const text = data.files[`${root}/${rel}`]
      if (text === undefined) throw Object.assign(new GateError('invalid', `no artifact ${rel}`), { status: 404 })
      return new TextEncoder().encode(text)
    }
  }
}

const run = (id: string, extra: Partial<RunRecord> = {}): RunRecord => ({
  runId: id,
  experimentId: '1',
  user: 'trainer',
  status: 'FINISHED',
  startTime: 1,
  artifactUri: `mlflow-artifacts:/1/${id}/artifacts`,
  metrics: [
    { key: 'roc_auc', value: 0.9, step: 0, timestamp: 5 },
    { key: 'accuracy_score', value: 0.8, step: 0, timestamp: 5 }
  ],
  params: { C: '1.0' },
  tags: {},
  datasets: [
    { name: 'train', digest: 'aaaa1111', sourceType: 'local', source: '{}', context: 'training', tags: {} },
    { name: 'eval', digest: 'bbbb2222', sourceType: 'local', source: '{}', context: 'evaluation', tags: {} }
  ],
  outputModelIds: [],
  ...extra
})

const version = (
  v: string,
  runId: string | undefined,
  source: string,
  aliases: string[] = []
): ModelVersionEvidence => ({
  name: 'm',
  version: v,
  aliases,
  description: '',
  source,
  status: 'READY',
  creationTimestamp: 1,
  tags: {},
  ...(runId ? { runId } : {})
})

/** A 2.x-style store: the model lives in the run's artifacts (`model/`). */
function v2Data(reverse = false): FakeData {
  const root = 'mlflow-artifacts:/1/r1/artifacts'
  return {
    versions: [version('1', 'r1', `${root}/model`, ['champion', 'challenger'])],
    aliases: { challenger: '1', champion: '1' },
    runs: [run('r1')],
    files: {
      [`${root}/model/MLmodel`]: MLMODEL,
      [`${root}/model/model.onnx`]: 'graph',
      [`${root}/model/weights/side.bin`]: 'weights',
      [`${root}/impact_assessment.md`]: '# Impact\n',
      [`${root}/eval/evaluation.csv`]: 'a,b\n'
    },
    reverse
  }
}

const request = (workDir: string, extra: Partial<CollectRequest> = {}): CollectRequest => ({
  model: 'm',
  alias: 'challenger',
  baselineAlias: 'champion',
  documents: ['impact_assessment.md', 'missing.md'],
  downloadModel: true,
  workDir,
  change: {},
  ...extra
})

describe('assembling evidence from any store', () => {
  it(
    'collects a 2.x run-artifact model with provenance, hashes and sorted items; ' + 'reuses a shared baseline',
    async () => {
      const workDir = join(workRoot, 'v2')
      const evidence = await new MlflowEvidenceCollector(fakeStore(v2Data()), clock).collect(request(workDir))
      expect(evidence.collectedAt).toBe('2026-03-04T05:06:07.000Z')
      const c = evidence.candidate
      expect(c.modelVersion.provenance).toEqual({ source: 'mlflow-registry', uri: 'models:/m/1', runId: 'r1' })
      if (c.run.kind !== 'present') throw new Error('run missing')
      expect(Object.keys(c.run.value.metrics)).toEqual(['accuracy_score', 'roc_auc'])
      expect(c.run.value.metrics.roc_auc?.provenance).toEqual({
        source: 'mlflow-run',
        uri: 'runs:/r1/metrics/roc_auc',
        runId: 'r1'
      })
      expect(c.run.value.datasets.map((d) => d.value.context)).toEqual(['evaluation', 'training'])
      expect(c.run.value.datasets[0]?.provenance).toMatchObject({ datasetDigest: 'bbbb2222', runId: 'r1' })
      expect(c.documents['impact_assessment.md']).toMatchObject({
        kind: 'present',
        value: { text: '# Impact\n', sha256: sha('# Impact\n') }
      })
      expect(c.documents['missing.md']).toMatchObject({ kind: 'missing', reason: 'not-found' })
      if (c.model.kind !== 'present') throw new Error(`model missing: ${JSON.stringify(c.model)}`)
      expect(c.model.value.files).toEqual([
        { path: 'MLmodel', size: MLMODEL.length, sha256: sha(MLMODEL) },
        { path: 'model.onnx', size: 5, sha256: sha('graph') },
        { path: 'weights/side.bin', size: 7, sha256: sha('weights') }
      ])
      expect(c.model.value).toMatchObject({
        onnxPath: 'model.onnx',
        onnxSha256: sha('graph'),
        sourceUri: 'mlflow-artifacts:/1/r1/artifacts/model'
      })
      expect(c.model.value.loggedModelId).toBeUndefined()
      expect(c.model.value.mlmodel).toMatchObject({ flavors: { onnx: { data: 'model.onnx' } } })
      expect(await readFile(join(c.model.value.localDir, 'weights/side.bin'), 'utf8')).toBe('weights')
      expect(evidence.champion.kind === 'present' && evidence.champion.value).toBe(c)
    }
  )

  it('gives equal evidence whatever order the store answers in', async () => {
    const a = await new MlflowEvidenceCollector(fakeStore(v2Data(false)), clock).collect(
      request(join(workRoot, 'order'))
    )
    const b = await new MlflowEvidenceCollector(fakeStore(v2Data(true)), clock).collect(
      request(join(workRoot, 'order'))
    )
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
  })

  it('finds a 3.x logged model from the run outputs and copies metric dataset links', async () => {
    const data = v2Data()
    data.runs = [run('r1', { outputModelIds: ['m-other', 'm-mine'] })]
    data.loggedModels = [
      {
        modelId: 'm-other',
        experimentId: '1',
        name: 'x',
        artifactUri: 'mlflow-artifacts:/1/models/m-other/artifacts',
        tags: {}
      },
      {
        modelId: 'm-mine',
        experimentId: '1',
        name: 'model',
        artifactUri: 'mlflow-artifacts:/1/models/m-mine/artifacts',
        tags: { 'mlflow.modelVersions': '[{"name": "m", "version": 1}]' },
        metrics: [{ key: 'roc_auc', value: 0.9, step: 0, timestamp: 5, datasetName: 'eval', datasetDigest: 'bbbb2222' }]
      }
    ]
    const evidence = await new MlflowEvidenceCollector(fakeStore(data), clock).collect(
      request(join(workRoot, 'v3'), { baselineAlias: undefined })
    )
    const c = evidence.candidate
    expect(c.model.kind === 'present' && c.model.value.loggedModelId).toBe('m-mine')
    if (c.run.kind !== 'present') throw new Error('run missing')
    expect(c.run.value.metrics.roc_auc?.value).toMatchObject({ datasetName: 'eval', datasetDigest: 'bbbb2222' })
    expect(c.run.value.metrics.roc_auc?.provenance.datasetDigest).toBe('bbbb2222')
    expect(c.run.value.metrics.accuracy_score?.value.datasetDigest).toBeUndefined()
    expect(evidence.champion).toMatchObject({ kind: 'missing', reason: 'not-found' })
  })

  it(
    'resolves runs:/ sources and reports a deleted run, an unset baseline and a ' + 'failing listing as missing',
    async () => {
      const data = v2Data()
      data.versions = [version('1', 'r1', 'runs:/r1/model', ['challenger']), version('2', 'gone', 'runs:/gone/model')]
      data.aliases = { challenger: '1', old: '2' }
      data.failListing = false
      const ok = await new MlflowEvidenceCollector(fakeStore(data), clock).collect(
        request(join(workRoot, 'runs'), { documents: [] })
      )
      expect(ok.candidate.model).toMatchObject({
        kind: 'present',
        value: { sourceUri: 'runs:/r1/model', onnxSha256: sha('graph') }
      })
      expect(ok.champion).toMatchObject({ kind: 'missing', reason: 'not-found' })
      expect(ok.champion.kind === 'missing' && ok.champion.detail).toMatch(/has no "champion" alias.*Fix: /)

      const deleted = await new MlflowEvidenceCollector(fakeStore(data), clock).collect(
        request(join(workRoot, 'gone'), { alias: 'old' })
      )
      expect(deleted.candidate.run).toMatchObject({ kind: 'missing', reason: 'not-found' })
      expect(deleted.candidate.documents['impact_assessment.md']).toMatchObject({
        kind: 'missing',
        reason: 'not-logged'
      })
      expect(deleted.candidate.model).toMatchObject({ kind: 'missing', reason: 'not-found' })

      const failing = await new MlflowEvidenceCollector(fakeStore({ ...data, failListing: true }), clock).collect(
        request(join(workRoot, 'fail'))
      )
      expect(failing.candidate.artifacts).toMatchObject({ kind: 'missing', reason: 'unreachable' })
      expect(failing.candidate.model).toMatchObject({ kind: 'missing', reason: 'unreachable' })
    }
  )

  it('refuses model directories that escape the download folder or lack the ONNX file', async () => {
    const data = v2Data()
    const root = 'mlflow-artifacts:/1/r1/artifacts/model'
    data.files = { [`${root}/MLmodel`]: MLMODEL, [`${root}/../evil`]: 'x' }
    const evil = await new MlflowEvidenceCollector(fakeStore(data), clock).collect(
      request(join(workRoot, 'evil'), { documents: [] })
    )
    expect(evil.candidate.model).toMatchObject({ kind: 'missing', reason: 'invalid' })
    data.files = { [`${root}/MLmodel`]: MLMODEL }
    const noOnnx = await new MlflowEvidenceCollector(fakeStore(data), clock).collect(
      request(join(workRoot, 'no-onnx'), { documents: [] })
    )
    expect(noOnnx.candidate.model).toMatchObject({ kind: 'missing', reason: 'invalid' })
    expect(noOnnx.candidate.model.kind === 'missing' && noOnnx.candidate.model.detail).toContain(
      'names ONNX file "model.onnx"'
    )
  })

  it('fails the whole collection (exit 2) when the candidate version does not exist', async () => {
    const error = await new MlflowEvidenceCollector(fakeStore(v2Data()), clock)
      .collect(request(workRoot, { alias: 'nope' }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GateError)
    expect((error as GateError).exitCode).toBe(2)
    expect((error as GateError).message).toBe(
      'Model m has no alias "nope" (aliases: challenger→1, champion→1). Fix: set the ' +
        'alias in the MLflow registry or pass --version N.'
    )
  })
})
