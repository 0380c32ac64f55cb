import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { localStoreRefusal } from '../../../../../src/collect/mlflow/sqlite/file-store.js'
import { classifyTrackingUri } from '../../../../../src/collect/mlflow/tracking-uri.js'

const temp = mkdtempSync(join(tmpdir(), 'aims-file-store-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

function folder(name: string, files: Record<string, string>): string {
  const root = join(temp, name)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe('what a folder passed as the tracking URI is', () => {
  it('reads a bare path to a .db file as the sqlite store it is', () => {
    expect(classifyTrackingUri('/data/project/mlflow.db')).toEqual({
      kind: 'sqlite',
      path: '/data/project/mlflow.db',
      display: '/data/project/mlflow.db'
    })
    expect(classifyTrackingUri('store.sqlite')).toMatchObject({ kind: 'sqlite', path: 'store.sqlite' })
  })

  it('says a path that does not exist does not exist, without telling to migrate', () => {
    const message = localStoreRefusal('./nowhere', join(temp, 'nowhere')).message
    expect(message).toContain('does not exist')
    expect(message).not.toMatch(/migrate-filestore|legacy/)
  })

  it("gives the sqlite URI for MLflow 3's default layout (mlflow.db beside mlruns/), not a migration", () => {
    const root = folder('mlflow3', { 'mlflow.db': '', 'mlruns/1/abc/artifacts/model.onnx': '' })
    for (const path of [root, join(root, 'mlruns')]) {
      const error = localStoreRefusal(path, path)
      expect(error.exitCode).toBe(2)
      expect(error.message).toContain(`Fix: pass --tracking-uri sqlite:///${join(root, 'mlflow.db')}.`)
      expect(error.message).not.toMatch(/migrate-filestore|legacy/)
    }
  })

  it('names the exact migration command for a legacy file store', () => {
    const root = folder('legacy', { 'mlruns/0/meta.yaml': 'name: Default\n', 'mlruns/0/run/meta.yaml': '' })
    const message = localStoreRefusal(`file://${join(root, 'mlruns')}`, join(root, 'mlruns')).message
    expect(message).toContain('is a legacy MLflow file store')
    expect(message).toContain(`mlflow migrate-filestore --source ${root} --target sqlite:///${join(root, 'mlflow.db')}`)
  })

  it('says a folder without a store holds none, and a plain file is not a folder', () => {
    const root = folder('empty', { 'notes.txt': '' })
    expect(localStoreRefusal(root, root).message).toMatch(/holds no MLflow store/)
    expect(localStoreRefusal('notes.txt', join(root, 'notes.txt')).message).toMatch(
      /is a file, not an MLflow store folder/
    )
  })
})
