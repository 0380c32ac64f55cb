import { describe, expect, it } from 'vitest'
import { controlStatus } from '../../../../src/core/verdict/evaluate.js'
import type { RequirementResult, RequirementStatus } from '../../../../src/core/verdict/types.js'

const C = 'A.6.2.4'
function result(
  id: string,
  status: RequirementStatus,
  level: 'satisfies' | 'supports',
  severity = 'block'
): RequirementResult {
  return {
    id,
    check: 'metric',
    status,
    severity: severity as RequirementResult['severity'],
    controls: level === 'satisfies' ? [C] : [],
    supports: level === 'supports' ? [C] : [],
    observed: '',
    expected: '',
    message: '',
    evidence: []
  }
}

describe('control roll-up', () => {
  it('is satisfied only when every mapped requirement passed and one satisfies the control', () => {
    expect(controlStatus([result('a', 'pass', 'satisfies'), result('b', 'pass', 'supports')], C)).toBe('satisfied')
  })
  it('is supported when all passed but none can satisfy it: one narrow requirement is partial evidence', () => {
    expect(controlStatus([result('a', 'pass', 'supports')], C)).toBe('supported')
  })
  it('is failed when any mapped requirement failed, warn severity included, whatever else passed', () => {
    expect(controlStatus([result('a', 'pass', 'satisfies'), result('b', 'fail', 'supports', 'warn')], C)).toBe('failed')
    expect(controlStatus([result('a', 'missing', 'satisfies'), result('b', 'fail', 'satisfies')], C)).toBe('failed')
  })
  it('is missing when evidence is absent', () => {
    expect(controlStatus([result('a', 'pass', 'satisfies'), result('b', 'missing', 'satisfies')], C)).toBe('missing')
  })
  it('never reads satisfied because of a waiver: waived beside a pass is supported, waived alone is missing', () => {
    expect(controlStatus([result('a', 'pass', 'satisfies'), result('b', 'waived', 'satisfies')], C)).toBe('supported')
    expect(controlStatus([result('a', 'waived', 'satisfies')], C)).toBe('missing')
    expect(controlStatus([result('a', 'waived', 'satisfies'), result('b', 'waived', 'supports')], C)).toBe('missing')
  })
})
