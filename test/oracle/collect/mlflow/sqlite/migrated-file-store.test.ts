/**
 * The legacy-file-store path end to end: MLflow 2.22 writes a ./mlruns file store, the gate refuses
 * it with the migration command, MLflow 3's `mlflow migrate-filestore` converts it (leaving a
 * WAL-mode database that points at file:/// artifacts), and the gate reads the result without
 * creating any side file.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GateError } from '../../../../../src/core/errors.js'
import { openSqliteStore } from '../../../../../src/collect/mlflow/sqlite/sqlite-store.js'
import { runPython, venvProgram } from '../../../../support/python.js'
import { folderFingerprint, makeTemp, removeTemp } from '../../../../support/repo-temp.js'

const WRITE_FILE_STORE = `
import os, sys, warnings
warnings.filterwarnings("ignore")
import mlflow
os.chdir(sys.argv[1])
mlflow.set_tracking_uri("file:" + os.path.abspath("mlruns"))
mlflow.set_experiment("legacy")
with mlflow.start_run(run_name="legacy-run") as run:
    mlflow.log_metric("accuracy_score", 0.5, step=0)
    mlflow.log_metric("accuracy_score", 0.8, step=1)
    mlflow.log_param("lr", "0.1")
    mlflow.log_text("# Impact assessment", "impact_assessment.md")
print(run.info.run_id)
`

let temp: string
let runId: string

beforeAll(() => {
  temp = makeTemp('migrated-file-store')
  runId = runPython('mlflow2', ['-c', WRITE_FILE_STORE, temp], { timeout: 240_000 }).trim().split('\n').pop() ?? ''
}, 300_000)

afterAll(() => {
  if (temp) removeTemp(temp)
})

describe('a legacy ./mlruns file store', () => {
  it('is refused with the exact migration command', async () => {
    const error = await openSqliteStore(`file://${join(temp, 'mlruns')}`).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(GateError)
    expect((error as GateError).exitCode).toBe(2)
    expect((error as GateError).message).toContain(
      `mlflow migrate-filestore --source ${temp} --target sqlite:///${join(temp, 'mlflow.db')}`
    )
  })

  it('is read after mlflow migrate-filestore, without side files', async () => {
    execFileSync(
      venvProgram('mlflow3', 'mlflow'),
      ['migrate-filestore', '--source', temp, '--target', `sqlite:///${join(temp, 'mlflow.db')}`, '--no-progress'],
      {
        stdio: 'ignore',
        timeout: 240_000
      }
    )
    const before = folderFingerprint(temp)
    const store = await openSqliteStore(`sqlite:///${join(temp, 'mlflow.db')}`, { warn: (m) => expect.fail(m) })
    try {
      const run = await store.getRun(runId)
      expect(run?.artifactUri).toMatch(/^file:\/\/\//)
      expect(run?.metrics).toEqual([expect.objectContaining({ key: 'accuracy_score', value: 0.8, step: 1 })])
      expect(run?.params).toEqual({ lr: '0.1' })
      expect(
        new TextDecoder().decode(await store.readArtifact(run?.artifactUri as string, 'impact_assessment.md'))
      ).toBe('# Impact assessment')
    } finally {
      store.close()
    }
    expect(folderFingerprint(temp)).toEqual(before)
  })
})
