import nock from 'nock'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MlflowEvidenceCollector } from '../../../../../src/collect/mlflow/assemble-evidence.js'
import { openStore } from '../../../../../src/collect/mlflow/open-store.js'
import type { RestMlflowStore } from '../../../../../src/collect/mlflow/rest/rest-store.js'
import { GateError } from '../../../../../src/core/errors.js'

// A path prefix on the tracking URI must be kept for every call, the artifact proxy included.
const HOST = 'http://mlflow.test:5000'
const PREFIX = '/team'
const API = `${PREFIX}/api/2.0/mlflow`
const RUN = '4f1c0b00000000000000000000000000'

const noWait = async () => {}

async function store(version = '3.6.0'): Promise<RestMlflowStore> {
  nock(HOST).get(`${PREFIX}/version`).reply(200, version, { 'content-type': 'text/plain' })
  return (await openStore(`${HOST}${PREFIX}`, {}, { maxRetries: 0, sleep: noWait })) as RestMlflowStore
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('registry lookups', () => {
  it('names the model and the fix when the candidate model does not exist (exit 2)', async () => {
    const s = await store()
    nock(HOST).get(`${API}/registered-models/get`).query({ name: 'credit-risk' }).reply(404, {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Registered Model with name=credit-risk not found'
    })
    const error = await s.getRegisteredModel('credit-risk').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GateError)
    expect((error as GateError).exitCode).toBe(2)
    expect((error as GateError).message).toMatch(
      new RegExp(
        String.raw`^GET registered-models\/get \(name=credit-risk\) → 404 RESOURCE_DOES_NOT_EXIST:` +
          String.raw` Registered Model with name=credit-risk not found\. Fix: `
      )
    )
  })

  it('treats an unset alias (400 INVALID_PARAMETER_VALUE) as undefined, and the collector as exit 2', async () => {
    const s = await store()
    const aliasMissing = { error_code: 'INVALID_PARAMETER_VALUE', message: 'Registered model alias nope not found.' }
    nock(HOST)
      .get(`${API}/registered-models/alias`)
      .query({ name: 'credit-risk', alias: 'nope' })
      .times(2)
      .reply(400, aliasMissing)
    await expect(s.getModelVersionByAlias('credit-risk', 'nope')).resolves.toBeUndefined()

    nock(HOST)
      .get(`${API}/registered-models/get`)
      .query({ name: 'credit-risk' })
      .reply(200, { registered_model: { name: 'credit-risk', aliases: [{ alias: 'champion', version: '1' }] } })
    const collector = new MlflowEvidenceCollector(s, { now: () => new Date(0) })
    const error = await collector
      .collect({
        model: 'credit-risk',
        alias: 'nope',
        documents: [],
        downloadModel: false,
        workDir: '/nonexistent',
        change: {}
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GateError)
    expect((error as GateError).exitCode).toBe(2)
    expect((error as GateError).message).toBe(
      'Model credit-risk has no alias "nope" (aliases: champion→1). Fix: set the ' +
        'alias in the MLflow registry or pass --version N.'
    )
  })

  it('parses versions with omitted fields and sorts tags and aliases', async () => {
    const s = await store()
    nock(HOST)
      .get(`${API}/model-versions/get`)
      .query({ name: 'm', version: '3' })
      .reply(200, {
        model_version: { name: 'm', version: '3', aliases: ['b', 'a'], tags: [{ key: 'z', value: '1' }, { key: 'a' }] }
      })
    await expect(s.getModelVersion('m', '3')).resolves.toEqual({
      name: 'm',
      version: '3',
      aliases: ['a', 'b'],
      description: '',
      source: '',
      status: 'READY',
      creationTimestamp: 0,
      tags: { a: '', z: '1' }
    })
  })
})

describe('runs', () => {
  it('reads metrics (NaN/Infinity strings), datasets and 3.x model outputs', async () => {
    const s = await store()
    nock(HOST)
      .get(`${API}/runs/get`)
      .query({ run_id: RUN })
      .reply(200, {
        run: {
          info: {
            run_id: RUN,
            experiment_id: '1',
            user_id: 'ci',
            status: 'FINISHED',
            start_time: 5,
            artifact_uri: 'mlflow-artifacts:/1/r/artifacts'
          },
          data: {
            metrics: [
              { key: 'loss', value: 'NaN', timestamp: 1, step: 0 },
              { key: 'auc', value: 'Infinity', timestamp: 1, step: 0 }
            ]
          },
          inputs: {
            dataset_inputs: [
              {
                tags: [{ key: 'mlflow.data.context', value: 'evaluation' }],
                dataset: {
                  name: 'eval',
                  digest: 'a1b2c3d4',
                  source_type: 'local',
                  source: '{"uri": "/data/eval.csv"}',
                  profile: '{"num_rows": 20}'
                }
              }
            ]
          },
          outputs: { model_outputs: [{ model_id: 'm-1', step: 0 }] }
        }
      })
    const run = await s.getRun(RUN)
    expect(run?.metrics.map((m) => [m.key, m.value])).toEqual([
      ['auc', Infinity],
      ['loss', NaN]
    ])
    expect(run?.params).toEqual({})
    expect(run?.user).toBe('ci')
    expect(run?.datasets[0]).toMatchObject({
      digest: 'a1b2c3d4',
      context: 'evaluation',
      sourceUri: '/data/eval.csv',
      profile: '{"num_rows": 20}'
    })
    expect(run?.outputModelIds).toEqual(['m-1'])
  })

  it('answers undefined for a deleted run and skips logged models on a 2.x server', async () => {
    const s = await store('2.22.4')
    nock(HOST)
      .get(`${API}/runs/get`)
      .query(true)
      .reply(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run with id=${RUN} not found` })
    await expect(s.getRun(RUN)).resolves.toBeUndefined()
    // No interceptor for logged-models: a request would fail the test.
    await expect(s.getLoggedModel('m-6c1f0e2a9b7d4e44a4f0a1b2c3d4e5f6')).resolves.toBeUndefined()
    expect((await s.info()).serverVersion).toBe('2.22.4')
  })
})

describe('artifacts', () => {
  it('pages through artifacts/list for run roots the proxy cannot serve, paths relative to the root', async () => {
    const s = await store()
    nock(HOST)
      .get(`${API}/runs/get`)
      .query(true)
      .reply(200, {
        run: { info: { run_id: RUN, experiment_id: '1', artifact_uri: `s3://bucket/1/${RUN}/artifacts` } }
      })
    await s.getRun(RUN)
    nock(HOST)
      .get(`${API}/artifacts/list`)
      .query({ run_id: RUN, path: 'model' })
      .reply(200, {
        root_uri: 's3://…',
        files: [{ path: 'model/MLmodel', is_dir: false, file_size: 10 }],
        next_page_token: 'p2'
      })
    nock(HOST)
      .get(`${API}/artifacts/list`)
      .query({ run_id: RUN, path: 'model', page_token: 'p2' })
      .reply(200, {
        files: [
          { path: 'model/data', is_dir: true },
          { path: 'model/a.onnx', is_dir: false, file_size: 5 }
        ]
      })
    const files = await s.listArtifacts(`s3://bucket/1/${RUN}/artifacts/model`)
    expect(files).toEqual([
      { path: 'MLmodel', isDir: false, size: 10 },
      { path: 'a.onnx', isDir: false, size: 5 },
      { path: 'data', isDir: true }
    ])
    // runs/get + two pages (/version is only asked when needed).
    expect(s.requestCount).toBe(3)
  })

  it('lists and downloads mlflow-artifacts roots through the proxy, keeping the tracking prefix', async () => {
    const s = await store()
    nock(HOST)
      .get(`${PREFIX}/api/2.0/mlflow-artifacts/artifacts`)
      .query({ path: '1/models/m-1/artifacts/sub dir' })
      .reply(200, { files: [{ path: 'x.data', is_dir: false, file_size: 3 }] })
    expect(await s.listArtifacts('mlflow-artifacts:/1/models/m-1/artifacts', 'sub dir')).toEqual([
      { path: 'sub dir/x.data', isDir: false, size: 3 }
    ])
    nock(HOST)
      .get(`${PREFIX}/api/2.0/mlflow-artifacts/artifacts/1/models/m-1/artifacts/sub%20dir/x.data`)
      .reply(200, Buffer.from([1, 2, 3]))
    expect([...(await s.readArtifact('mlflow-artifacts:/1/models/m-1/artifacts', 'sub dir/x.data'))]).toEqual([1, 2, 3])
  })

  it('refuses roots it cannot reach with a fix', async () => {
    const s = await store()
    await expect(s.readArtifact('s3://bucket/elsewhere', 'MLmodel')).rejects.toThrow(
      /not served by this tracking server's artifact proxy\. Fix: /
    )
  })
})

describe('paged reads and idempotent writes', () => {
  it('follows metric-history and version-search pages', async () => {
    const s = await store()
    nock(HOST)
      .get(`${API}/metrics/get-history`)
      .query((q) => q.page_token === undefined)
      .reply(200, { metrics: [{ key: 'l', value: 1, step: 1, timestamp: 2 }], next_page_token: 't' })
    nock(HOST)
      .get(`${API}/metrics/get-history`)
      .query((q) => q.page_token === 't')
      .reply(200, { metrics: [{ key: 'l', value: 2, step: 0, timestamp: 1 }] })
    expect((await s.getMetricHistory(RUN, 'l')).map((m) => m.step)).toEqual([0, 1])
    nock(HOST)
      .get(`${API}/model-versions/search`)
      .query((q) => q.page_token === undefined)
      .reply(200, { model_versions: [{ name: 'm', version: '10' }], next_page_token: 'n' })
    nock(HOST)
      .get(`${API}/model-versions/search`)
      .query((q) => q.page_token === 'n')
      .reply(200, {})
    expect((await s.searchModelVersions("name='m'")).map((v) => v.version)).toEqual(['10'])
  })

  it('sets a version tag and uploads a run artifact through the proxy', async () => {
    const s = await store()
    const tag = nock(HOST)
      .post(`${API}/model-versions/set-tag`, { name: 'm', version: '2', key: 'gate.verdict', value: 'pass' })
      .matchHeader('content-type', 'application/json')
      .reply(200, {})
    await s.setModelVersionTag('m', '2', 'gate.verdict', 'pass')
    tag.done()
    const put = nock(HOST)
      .put(`${PREFIX}/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/gate/report.json`, '{}')
      .reply(200, {})
    await s.uploadArtifact(
      'mlflow-artifacts:/1/r/artifacts',
      'gate/report.json',
      new TextEncoder().encode('{}'),
      'application/json'
    )
    put.done()
  })
})
