/**
 * Builds the ONNX fixture models (test/python/make_onnx_fixtures.py, skl2onnx in the mlflow3
 * venv) into a temp dir, with the reference metrics Python computed on onnxruntime's predictions.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { ModelArtifact } from '../../../../src/core/evidence/types.js'
import { pythonScript, runPython, type Venv } from '../../../support/python.js'
import type { ReferenceResult } from '../../../support/sklearn-reference.js'

export interface Fixtures {
  dir: string
  reference: Record<string, ReferenceResult & { classes?: string[] }>
  /** Exports the Python side could not make, with the converter's error. */
  skipped: Record<string, string>
  model(name: string): ModelArtifact
  csv(name: string): string
}

/** `script` writes `reference.json` ({name: reference}) or, with `skipped`, {cases, skipped}. */
export function buildFixtures(script = 'make_onnx_fixtures.py', venv: Venv = 'mlflow3'): Fixtures {
  const dir = mkdtempSync(join(tmpdir(), 'aims-gate-onnx-'))
  runPython(venv, [pythonScript(script), dir])
  const written = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Record<string, unknown>
  const reference = ('cases' in written ? written.cases : written) as Fixtures['reference']
  const skipped = ('skipped' in written ? written.skipped : {}) as Record<string, string>
  return {
    dir,
    reference,
    skipped,
    csv: (name) => join(dir, name, 'eval.csv'),
    model(name) {
      const localDir = join(dir, name, 'model')
      const files = readdirSync(localDir).map((path) => {
        const bytes = readFileSync(join(localDir, path))
        return { path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
      })
      return {
        sourceUri: `models:/${name}/1`,
        localDir,
        files,
        mlmodel: parse(readFileSync(join(localDir, 'MLmodel'), 'utf8')) as Record<string, unknown>,
        onnxPath: 'model.onnx',
        onnxSha256: files.find((f) => f.path === 'model.onnx')!.sha256
      }
    }
  }
}
