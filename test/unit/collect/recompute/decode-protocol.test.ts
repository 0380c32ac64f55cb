/**
 * What the recompute accepts from its decode worker: a message of any other shape means the
 * worker failed, and the recompute fails closed on it rather than score half a batch.
 */
import { describe, expect, it } from 'vitest'
import { readWorkerMessage } from '../../../../src/collect/recompute/decode-protocol.js'

const columns = { x: new Float64Array([1, 2]), label: { codes: new Int32Array([1, 0]), values: ['a', 'b'] } }
const outputs = {
  label: { type: 'int64', data: new BigInt64Array([0n, 1n]), dims: [2] },
  probabilities: { type: 'float32', data: new Float32Array([0.2, 0.8, 0.6, 0.4]), dims: [2, 2] }
}

describe('decode worker messages', () => {
  it('reads a batch, a scored batch, the end and an error', () => {
    expect(readWorkerMessage({ t: 'batch', rows: 2, columns })?.t).toBe('batch')
    expect(readWorkerMessage({ t: 'scored', rows: 2, columns, outputs })).toEqual({
      t: 'scored',
      rows: 2,
      columns,
      outputs
    })
    expect(readWorkerMessage({ t: 'end', sha256: 'a'.repeat(64) })?.t).toBe('end')
    expect(readWorkerMessage({ t: 'error', message: 'x', gate: true })?.t).toBe('error')
  })

  it.each([
    ['a scored batch without outputs', { t: 'scored', rows: 2, columns }],
    [
      'an output with a negative dimension',
      { t: 'scored', rows: 2, columns, outputs: { p: { ...outputs.label, dims: [-1] } } }
    ],
    [
      'an output whose data is not an array',
      { t: 'scored', rows: 2, columns, outputs: { p: { type: 'float32', data: 3, dims: [2] } } }
    ],
    [
      'an output without a type',
      { t: 'scored', rows: 2, columns, outputs: { p: { data: new Float32Array(2), dims: [2] } } }
    ],
    ['a column shorter than the rows', { t: 'scored', rows: 3, columns, outputs }],
    [
      'an output for fewer rows than the batch',
      { t: 'scored', rows: 2, columns, outputs: { p: { type: 'float32', data: new Float32Array(2), dims: [1, 2] } } }
    ],
    [
      'an output whose data does not fill its dimensions',
      { t: 'scored', rows: 2, columns, outputs: { p: { type: 'float32', data: new Float32Array(3), dims: [2, 2] } } }
    ],
    [
      'a text column holding a number',
      { t: 'batch', rows: 2, columns: { label: { codes: new Int32Array(2), values: ['a', 2] } } }
    ],
    [
      'a text code naming no value',
      { t: 'batch', rows: 2, columns: { label: { codes: new Int32Array([0, 2]), values: ['a', 'b'] } } }
    ],
    [
      'a negative text code',
      { t: 'batch', rows: 2, columns: { label: { codes: new Int32Array([-1, 0]), values: ['a'] } } }
    ],
    ['text as a plain array (no codes)', { t: 'batch', rows: 2, columns: { label: ['a', 'b'] } }],
    ['an unknown kind', { t: 'scores', rows: 2, columns, outputs }],
    ['a digest that is not SHA-256', { t: 'end', sha256: 'abc' }]
  ])('refuses %s', (_why, message) => {
    expect(readWorkerMessage(message)).toBeUndefined()
  })
})
