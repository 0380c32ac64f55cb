/**
 * A signed payload is this bundle's statement only with the same type, subjects (in any order)
 * and predicate; key order and whitespace do not matter, every value does.
 */
import { describe, expect, it } from 'vitest'
import { canonicalJson, signedStatementFindings } from '../../../../src/core/bundle/signed-statement.js'
import { GATE_PREDICATE_TYPE, STATEMENT_TYPE, type Statement } from '../../../../src/core/bundle/statement.js'

const digest = (c: string) => ({ sha256: c.repeat(64) })
const statement = {
  _type: STATEMENT_TYPE,
  subject: [
    { name: 'models:/m-1/model.onnx', digest: digest('a') },
    { name: 'report.json', digest: digest('b') }
  ],
  predicateType: GATE_PREDICATE_TYPE,
  predicate: { verdict: 'pass', model: { name: 'm', version: '1' } }
} as unknown as Statement

const payload = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))

describe('signedStatementFindings', () => {
  it('accepts the same statement in another key and subject order', () => {
    const reordered = {
      predicate: { model: { version: '1', name: 'm' }, verdict: 'pass' },
      predicateType: GATE_PREDICATE_TYPE,
      subject: [...statement.subject].reverse(),
      _type: STATEMENT_TYPE
    }
    expect(signedStatementFindings(payload(reordered), statement)).toEqual([])
  })

  it('names what differs: digests, artifacts, predicate, type, extra fields, non-JSON', () => {
    const message = (value: unknown) => signedStatementFindings(payload(value), statement)[0]?.message ?? ''
    const subject = [statement.subject[0], { name: 'report.json', digest: digest('c') }]
    expect(message({ ...statement, subject })).toMatch(/digests of report\.json .*changed after signing/)
    expect(message({ ...statement, subject: [{ name: 'x', digest: digest('a') }] })).toMatch(/other artifacts \(x\)/)
    expect(message({ ...statement, predicate: { ...statement.predicate, verdict: 'fail' } })).toMatch(
      /a different statement/
    )
    expect(message({ ...statement, predicateType: 'https://slsa.dev/provenance/v1' })).toMatch(/another type/)
    expect(message({ ...statement, extra: 1 })).toMatch(/fields statement\.json does not: extra/)
    expect(signedStatementFindings(Buffer.from('not json'), statement)[0]?.message).toMatch(/not a JSON/)
  })

  it('canonicalises key order only', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: 'x' })).toBe('{"a":"x","b":[1,{"c":3,"d":2}]}')
  })
})
