/** A hostile store cannot make the model download write or read outside its folders. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ArtifactFile } from '../../../../src/core/evidence/types.js'
import { downloadModelDirectory, type ArtifactReader } from '../../../../src/collect/mlflow/model-download.js'

const temp = mkdtempSync(join(tmpdir(), 'download-containment-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

function storeListing(files: ArtifactFile[]): ArtifactReader {
  const reads: string[] = []
  return {
    listArtifacts: async (_root: string, dir = '') => (dir === '' ? files : []),
    readArtifact: async (_root: string, path: string) => {
      reads.push(path)
      return new TextEncoder().encode(path === 'MLmodel' ? 'flavors: {}\n' : 'x')
    }
  }
}

describe('model download containment', () => {
  it.each(['../../escape.txt', 'sub/../../escape.txt', '..\\..\\escape.txt'])(
    'refuses a listed path "%s" and writes nothing',
    async (path) => {
      const dir = join(temp, 'model', 'v1')
      const result = await downloadModelDirectory(
        storeListing([
          { path: 'MLmodel', isDir: false, size: 12 },
          { path, isDir: false, size: 1 }
        ]),
        'runs:/r/model',
        dir
      )
      expect(result).toMatchObject({
        ok: false,
        reason: 'invalid',
        detail: expect.stringContaining('points outside the directory')
      })
      expect(existsSync(join(temp, 'escape.txt'))).toBe(false)
      expect(existsSync(join(temp, 'model', 'escape.txt'))).toBe(false)
    }
  )
  it('refuses a model directory holding an entry that leads out of the store', async () => {
    const files: ArtifactFile[] = [
      { path: 'MLmodel', isDir: false, size: 12 },
      {
        path: 'model.onnx',
        isDir: false,
        outside: 'it is a symbolic link to "/etc/passwd", outside the store\'s artifact folder'
      }
    ]
    const result = await downloadModelDirectory(storeListing(files), 'runs:/r/model', join(temp, 'model', 'v2'))
    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid',
      detail: expect.stringContaining('"model.onnx": it is a symbolic link to "/etc/passwd"')
    })
  })
})
