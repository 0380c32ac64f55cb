/**
 * The decode worker's client fails closed and never waits forever: a worker that throws, exits
 * early, exits after a few batches, or sends a malformed message ends the batches with an error
 * naming the decoder thread (the recompute turns it into `missing` with that reason), and the
 * file's hash is never reported for data that was not read to the end. The real worker runs in
 * the bundled dist (test/oracle/dist/dist-decode-worker.test.ts); here stand-in workers misbehave.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeBatches } from '../../../../src/collect/recompute/decoded-batches.js'
import { GateError } from '../../../../src/core/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'aims-gate-decoder-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const data = join(dir, 'eval.csv')
writeFileSync(data, 'x,label\n1,a\n2,b\n3,a\n')

function stub(name: string, body: string): URL {
  const path = join(dir, `${name}.mjs`)
  writeFileSync(path, `import { parentPort } from 'node:worker_threads'\n${body}\n`)
  return pathToFileURL(path)
}
const batch =
  `parentPort.postMessage({ t: 'batch', rows: 2, columns: { x: new ` +
  `Float64Array([1, 2]), label: { codes: new Int32Array([0, 1]), values: ['a', 'b'] } } })`
const job = {
  path: data,
  format: 'csv' as const,
  columns: [
    { name: 'x', kind: 'number' as const },
    { name: 'label', kind: 'string' as const }
  ],
  batchSize: 2
}

async function drain(
  url: URL | undefined
): Promise<{ rows: number; error?: unknown; sha256: PromiseSettledResult<string> }> {
  const decoded = decodeBatches(job, url)
  let rows = 0
  let error: unknown
  try {
    for await (const b of decoded.batches) rows += b.rows
  } catch (e) {
    error = e
  }
  return { rows, error, sha256: (await Promise.allSettled([decoded.sha256]))[0]! }
}

describe('decode worker failures end the recompute with a reason', () => {
  it.each([
    [
      'throws on start',
      stub('throws', `throw new Error('decoder exploded')`),
      /data decoder thread failed \(decoder exploded\)/,
      0
    ],
    [
      'exits without a word',
      stub('exits', 'process.exit(3)'),
      /data decoder thread stopped \(exit code 3\) before the end of the data/,
      0
    ],
    [
      'exits after one batch',
      stub('early', `${batch}\nsetTimeout(() => process.exit(0), 10)`),
      /stopped \(exit code 0\) before the end/,
      2
    ],
    [
      'sends a malformed batch',
      stub('malformed', `parentPort.postMessage({ t: 'batch', rows: 5, columns: { x: new Float64Array(2) } })`),
      /sent a malformed message/,
      0
    ],
    [
      'sends a forged hash',
      stub('forged', `parentPort.postMessage({ t: 'end', sha256: 'not-a-digest' })`),
      /sent a malformed message/,
      0
    ],
    [
      'reports a bad file',
      stub(
        'bad-file',
        `parentPort.postMessage({ t: 'error', gate: true, message: "evaluation data eval.csv: line 3 is malformed" })`
      ),
      /line 3 is malformed/,
      0
    ]
  ])('a worker that %s', { timeout: 10_000 }, async (_name, url, reason, rows) => {
    const result = await drain(url)
    expect(result.rows).toBe(rows)
    expect(result.error).toBeInstanceOf(GateError)
    expect((result.error as Error).message).toMatch(reason)
    expect(result.sha256.status).toBe('rejected')
  })

  it('a Node error from the worker keeps its code (ENOENT becomes not-found upstream)', {
    timeout: 10_000
  }, async () => {
    const url = stub(
      'enoent',
      `parentPort.postMessage({ t: 'error', gate: false, code: 'ENOENT', message: 'no such file' })`
    )
    const { error } = await drain(url)
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT')
  })

  it('a worker that follows the protocol gives its batches and hash', { timeout: 10_000 }, async () => {
    const url = stub('good', `${batch}\nparentPort.postMessage({ t: 'end', sha256: '${'a'.repeat(64)}' })`)
    const result = await drain(url)
    expect(result.error).toBeUndefined()
    expect(result.rows).toBe(2)
    expect(result.sha256).toEqual({ status: 'fulfilled', value: 'a'.repeat(64) })
  })

  it('without an installed worker the calling thread decodes and hashes', async () => {
    const decoded = decodeBatches(job, undefined)
    expect(decoded.inWorker).toBe(false)
    let rows = 0
    for await (const b of decoded.batches) rows += b.rows
    expect(rows).toBe(3)
    expect(await decoded.sha256).toMatch(/^[0-9a-f]{64}$/)
  })
})
