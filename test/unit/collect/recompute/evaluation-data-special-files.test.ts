/**
 * Evaluation data that is not a regular file (a FIFO would block the reader forever, /dev/zero
 * never ends): `--eval-data` is refused with exit 2 before anything runs; a policy path or a
 * dataset source pointing at one is missing evidence (which blocks), never read.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openCsv } from '../../../../src/collect/data/csv-reader.js'
import { resolveEvaluationData } from '../../../../src/collect/recompute/evaluation-data.js'
import { GateError } from '../../../../src/core/errors.js'
import type { RunEvidence } from '../../../../src/core/evidence/types.js'
import { parseGateOptions } from '../../../../src/pipeline/gate-options.js'
import { prepareRun } from '../../../../src/pipeline/stages/prepare.js'

const dir = mkdtempSync(join(tmpdir(), 'aims-gate-evalfifo-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const fifo = join(dir, 'eval.csv')
execFileSync('mkfifo', [fifo])
mkdirSync(join(dir, 'folder.csv'))

const run: RunEvidence = {
  runId: 'r1',
  experimentId: '1',
  status: 'FINISHED',
  startTime: 0,
  artifactUri: 'file:///nowhere',
  metrics: {},
  params: {},
  tags: {},
  datasets: []
}
const store = { readArtifact: () => Promise.reject(new Error('not used')) }

describe('evaluation data that is not a regular file', () => {
  it.each([fifo, join(dir, 'folder.csv'), '/dev/zero'])(
    'a policy path at %s is missing evidence, not read',
    async (path) => {
      const result = await resolveEvaluationData({ kind: 'file', path }, run, store, dir)
      expect(result).toMatchObject({
        kind: 'missing',
        reason: 'invalid',
        detail: expect.stringMatching(
          /is (a named pipe \(FIFO\)|a directory|a character device), not a regular file; fix:/
        ) as string
      })
    }
  )

  it('--eval-data FIFO is exit 2 before the store is opened', { timeout: 10_000 }, async () => {
    const options = parseGateOptions(
      { model: 'm', version: '1', trackingUri: 'sqlite:///nowhere.db', evalDataPath: 'eval.csv' },
      (k) => k
    )
    const error = await prepareRun(options, {}, dir).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(GateError)
    expect((error as GateError).exitCode).toBe(2)
    expect((error as GateError).message).toMatch(
      /--eval-data eval\.csv is a named pipe \(FIFO\), not a regular file; fix: pass a CSV or Parquet file/
    )
  })

  it('the CSV reader refuses a FIFO swapped in after the checks, without blocking', { timeout: 10_000 }, async () => {
    await expect(openCsv(fifo)).rejects.toThrow(/is not a regular file/)
  })
})
