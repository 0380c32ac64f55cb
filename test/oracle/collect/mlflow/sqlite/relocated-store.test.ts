/**
 * A local store moved to another folder: the absolute artifact paths MLflow recorded no longer
 * exist, and artifacts are found again below the store's new folder (docs/local-store.md).
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqliteStore, type SqliteMlflowStore } from '../../../../../src/collect/mlflow/sqlite/sqlite-store.js'
import { FLAVOURS, type LocalStore, makeLocalStore } from './local-store-fixture.js'
import { makeTemp, removeTemp } from '../../../../support/repo-temp.js'

describe.each(FLAVOURS)('store written by %s, then moved', (flavour) => {
  let temp: string
  let local: LocalStore
  let moved: string
  let store: SqliteMlflowStore

  beforeAll(async () => {
    temp = makeTemp(`relocated-${flavour}`)
    local = makeLocalStore(flavour, join(temp, 'original'))
    moved = join(temp, 'copied', 'somewhere-else')
    mkdirSync(join(temp, 'copied'))
    renameSync(local.dir, moved)
    store = await openSqliteStore(`sqlite:///${join(moved, 'mlflow.db')}`)
  }, 300_000)

  afterAll(() => {
    store?.close()
    if (temp) removeTemp(temp)
  })

  it('finds run artifacts below the new folder', async () => {
    const run = await store.getRun(local.manifest.runIds[1] as string)
    expect(existsSync(run?.artifactUri as string)).toBe(false)
    const text = new TextDecoder().decode(await store.readArtifact(run?.artifactUri as string, 'impact_assessment.md'))
    expect(text).toBe('# Impact assessment\n')
  })

  it('finds the model directory of every version below the new folder', async () => {
    for (const version of local.manifest.versions) {
      const mv = await store.getModelVersion(local.manifest.model, version)
      const files = await store.listArtifacts(mv.source)
      expect(files.map((f) => f.path)).toContain('MLmodel')
    }
  })
})
