import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveEvaluationData } from '../../../../src/collect/recompute/evaluation-data.js'
import type { DatasetInput, RunEvidence } from '../../../../src/core/evidence/types.js'

const dir = mkdtempSync(join(tmpdir(), 'aims-gate-evaldata-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const dataset = (fields: Partial<DatasetInput>) => ({
  kind: 'present' as const,
  value: {
    name: 'adult-eval',
    digest: 'abc123',
    sourceType: 'local',
    source: '{}',
    tags: {},
    context: 'evaluation',
    ...fields
  },
  provenance: { source: 'mlflow-run' as const, uri: 'runs:/r1' }
})
const run = (datasets: ReturnType<typeof dataset>[] = []): RunEvidence => ({
  runId: 'r1',
  experimentId: '1',
  status: 'FINISHED',
  startTime: 0,
  artifactUri: 'mlflow-artifacts:/1/r1/artifacts',
  metrics: {},
  params: {},
  tags: {},
  datasets
})
const store = {
  async readArtifact(root: string, rel: string): Promise<Uint8Array> {
    if (rel !== 'eval/evaluation.csv') throw new Error(`404 ${root}/${rel}`)
    return new TextEncoder().encode('a,label\n1,0\n')
  }
}

describe('resolveEvaluationData', () => {
  it('uses a file path as given, and says when it does not exist', async () => {
    const path = join(dir, 'given.csv')
    writeFileSync(path, 'a\n1\n')
    expect(await resolveEvaluationData({ kind: 'file', path }, run(), store, dir)).toEqual({ path, uri: path })
    expect(await resolveEvaluationData({ kind: 'file', path: join(dir, 'nope.csv') }, run(), store, dir)).toMatchObject(
      { kind: 'missing', reason: 'not-found' }
    )
  })

  it('downloads a run artifact and quotes it as runs:/', async () => {
    const local = await resolveEvaluationData({ kind: 'artifact', path: 'eval/evaluation.csv' }, run(), store, dir)
    expect(local).toMatchObject({ uri: 'runs:/r1/eval/evaluation.csv' })
    expect(readFileSync((local as { path: string }).path, 'utf8')).toBe('a,label\n1,0\n')
    expect(await resolveEvaluationData({ kind: 'artifact', path: 'eval/other.csv' }, run(), store, dir)).toMatchObject({
      kind: 'missing',
      reason: 'not-found'
    })
  })

  it('follows the evaluation dataset input to a run artifact or a local file, keeping its digest', async () => {
    const viaRun = await resolveEvaluationData(
      { kind: 'dataset-input' },
      run([dataset({ sourceUri: 'runs:/r1/eval/evaluation.csv' })]),
      store,
      dir
    )
    expect(viaRun).toMatchObject({ uri: 'runs:/r1/eval/evaluation.csv', digest: 'abc123' })
    const path = join(dir, 'local.csv')
    writeFileSync(path, 'a\n1\n')
    expect(
      await resolveEvaluationData(
        { kind: 'dataset-input' },
        run([dataset({ sourceUri: `file://${path}` })]),
        store,
        dir
      )
    ).toMatchObject({ path, digest: 'abc123' })
  })

  it('is missing with the fix when there is no usable evaluation input', async () => {
    expect(await resolveEvaluationData({ kind: 'dataset-input' }, run(), store, dir)).toMatchObject({
      kind: 'missing',
      reason: 'not-logged'
    })
    const s3 = await resolveEvaluationData(
      { kind: 'dataset-input' },
      run([dataset({ sourceUri: 's3://bucket/eval.csv' })]),
      store,
      dir
    )
    expect(s3).toMatchObject({ kind: 'missing', reason: 'unsupported' })
    expect('kind' in s3 && s3.detail).toMatch(/log the evaluation file as a run artifact/)
  })
})
