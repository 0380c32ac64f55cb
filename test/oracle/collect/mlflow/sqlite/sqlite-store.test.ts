/**
 * The local SQLite store against databases written by the real MLflow 2.22.x and 3.17.x, and
 * against what MLflow's own store answers for the same file, serialised as its REST server does
 * and mapped by the REST reader's mappers: the two readers must give equal records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GateError } from '../../../../../src/core/errors.js'
import {
  toLoggedModel,
  toModelVersion,
  toRegisteredModel,
  toRun
} from '../../../../../src/collect/mlflow/rest/mappers.js'
import * as S from '../../../../../src/collect/mlflow/rest/schemas.js'
import { openSqliteStore, type SqliteMlflowStore } from '../../../../../src/collect/mlflow/sqlite/sqlite-store.js'
import {
  dumpWithMlflow,
  EXPECTED_REVISION,
  FLAVOURS,
  type LocalStore,
  makeLocalStore,
  type MlflowDump
} from './local-store-fixture.js'
import { folderFingerprint, makeTemp, removeTemp } from '../../../../support/repo-temp.js'

describe.each(FLAVOURS)('local store written by %s', (flavour) => {
  let temp: string
  let local: LocalStore
  let store: SqliteMlflowStore
  let dump: MlflowDump
  let before: Record<string, string>

  beforeAll(async () => {
    temp = makeTemp(`sqlite-store-${flavour}`)
    local = makeLocalStore(flavour, temp)
    dump = dumpWithMlflow(local)
    before = folderFingerprint(local.dir)
    store = await openSqliteStore(local.uri, { warn: (m) => expect.fail(`unexpected warning: ${m}`) })
  }, 300_000)

  afterAll(() => {
    store?.close()
    if (temp) removeTemp(temp)
  })

  it('recognises the schema revision MLflow wrote', () => {
    expect(store.schema.revision).toBe(EXPECTED_REVISION[flavour])
    expect(store.schema.release).toBe(flavour === 'mlflow2' ? 'MLflow 2.22.x' : 'MLflow 3.17.x')
    expect(store.schema.loggedModels).toBe(flavour === 'mlflow3')
  })

  it('reports itself as a sqlite store', async () => {
    expect(await store.info()).toEqual({ uri: local.uri, kind: 'sqlite' })
  })

  it('answers the registered model exactly as the REST reader maps the server answer', async () => {
    const expected = toRegisteredModel(
      S.getRegisteredModelResponse.parse({ registered_model: dump.registered_model }).registered_model
    )
    const actual = await store.getRegisteredModel(local.manifest.model)
    expect(actual).toEqual(expected)
    expect(actual.aliases).toEqual(local.manifest.aliases)
    expect(actual.tags).toEqual({ owner: 'risk-ml' })
  })

  it('answers every version, by number and by alias, as the server does', async () => {
    for (const version of local.manifest.versions) {
      const expected = toModelVersion(
        S.getModelVersionResponse.parse({ model_version: dump.versions[version] }).model_version
      )
      expect(await store.getModelVersion(local.manifest.model, version)).toEqual(expected)
    }
    for (const [alias, version] of Object.entries(local.manifest.aliases)) {
      const expected = toModelVersion(
        S.getModelVersionResponse.parse({ model_version: dump.aliases[alias] }).model_version
      )
      const actual = await store.getModelVersionByAlias(local.manifest.model, alias)
      expect(actual).toEqual(expected)
      expect(actual?.version).toBe(version)
    }
    const v2 = await store.getModelVersion(local.manifest.model, '2')
    expect(v2).toMatchObject({
      description: 'Second version.',
      aliases: ['challenger'],
      tags: { validation_status: 'pending' }
    })
    expect(v2.source).toMatch(flavour === 'mlflow3' ? /^models:\/m-[0-9a-f]{32}$/ : /\/artifacts\/model$/)
  })

  it('answers every run exactly as runs/get does, with the latest metric per key', async () => {
    for (const [runId, json] of Object.entries(dump.runs)) {
      const expected = toRun(S.getRunResponse.parse({ run: json }).run)
      expect(await store.getRun(runId)).toEqual(expected)
    }
    const run = await store.getRun(local.manifest.runIds[0] as string)
    const metric = (key: string) => run?.metrics.find((m) => m.key === key)
    // Highest step wins over a later timestamp; then the later timestamp; then the higher value.
    expect(metric('roc_auc')).toMatchObject({ value: 0.9, step: 2, timestamp: 1000 })
    expect(metric('loss')).toMatchObject({ value: 0.2, step: 5, timestamp: 2000 })
    expect(metric('tie')?.value).toBe(2)
    expect(metric('nan_metric')?.value).toBeNaN()
    expect(run?.runName).toBe('run-0')
    expect(run?.params).toEqual({ depth: '3', lr: '0.1' })
    expect(run?.datasets.map((d) => [d.name, d.context, d.tags.split])).toEqual(
      expect.arrayContaining([
        ['train-set', 'training', 'train'],
        ['eval-set', 'evaluation', undefined]
      ])
    )
    expect(run?.outputModelIds).toHaveLength(flavour === 'mlflow3' ? 1 : 0)
  })

  it('returns a deleted run like runs/get, and undefined for an unknown run', async () => {
    expect((await store.getRun(local.manifest.deletedRunId))?.runId).toBe(local.manifest.deletedRunId)
    expect(await store.getRun('0'.repeat(32))).toBeUndefined()
  })

  it('answers logged models as logged-models/get does (MLflow 3 only)', async () => {
    const ids = Object.keys(dump.logged_models)
    expect(ids.length).toBe(flavour === 'mlflow3' ? 2 : 0)
    for (const id of ids) {
      const expected = toLoggedModel(S.getLoggedModelResponse.parse({ model: dump.logged_models[id] }).model)
      expect(await store.getLoggedModel(id)).toEqual(expected)
    }
    expect(await store.getLoggedModel(`m-${'0'.repeat(32)}`)).toBeUndefined()
  })

  it('lists and reads run artifacts from the local artifact folder', async () => {
    const run = await store.getRun(local.manifest.runIds[0] as string)
    const root = run?.artifactUri as string
    const top = await store.listArtifacts(root)
    expect(top).toEqual(
      expect.arrayContaining([
        { path: 'docs', isDir: true },
        expect.objectContaining({ path: 'impact_assessment.md', isDir: false })
      ])
    )
    expect(await store.listArtifacts(root, 'docs')).toEqual([{ path: 'docs/sub', isDir: true }])
    expect(await store.listArtifacts(root, 'docs/sub')).toEqual([{ path: 'docs/sub/notes.txt', isDir: false, size: 6 }])
    expect(new TextDecoder().decode(await store.readArtifact(root, 'impact_assessment.md'))).toBe(
      '# Impact assessment\n'
    )
    expect(await store.listArtifacts(root, 'no-such-folder')).toEqual([])
  })

  it('reads the model directory through the version source (models:/m-… on MLflow 3)', async () => {
    const version = await store.getModelVersion(local.manifest.model, '1')
    const files = await store.listArtifacts(version.source)
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['MLmodel', 'model.onnx']))
    const mlmodel = new TextDecoder().decode(await store.readArtifact(version.source, 'MLmodel'))
    expect(mlmodel).toContain('onnx')
  })

  it('refuses artifact paths that leave the artifact root', async () => {
    const run = await store.getRun(local.manifest.runIds[0] as string)
    const root = run?.artifactUri as string
    await expect(store.readArtifact(root, '../../../mlflow.db')).rejects.toThrow(/outside its artifact root/)
    await expect(store.listArtifacts(root, '/etc')).rejects.toThrow(/outside its artifact root/)
    await expect(store.readArtifact('mlflow-artifacts:/../../x', 'y')).rejects.toThrow(/outside its artifact root/)
  })

  it('names a missing version, model or artifact in one line with exit code 2', async () => {
    const cases = [
      () => store.getModelVersion(local.manifest.model, '99'),
      () => store.getRegisteredModel('no-such-model'),
      () => store.getModelVersionByAlias('no-such-model', 'champion'),
      async () =>
        store.readArtifact(
          (await store.getRun(local.manifest.runIds[0] as string))?.artifactUri as string,
          'missing.md'
        )
    ]
    for (const call of cases) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(GateError)
      expect((error as GateError).exitCode).toBe(2)
      expect((error as GateError).message).not.toContain('\n')
      expect((error as GateError).message).toMatch(/Fix: /)
    }
    expect(await store.getModelVersionByAlias(local.manifest.model, 'no-such-alias')).toBeUndefined()
  })

  it('has not written anything to the store folder', () => {
    expect(folderFingerprint(local.dir)).toEqual(before)
  })
})
