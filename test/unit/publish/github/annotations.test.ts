import { describe, expect, it } from 'vitest'
import { planAnnotations } from '../../../../src/publish/github/annotations.js'
import type { RequirementResult } from '../../../../src/core/verdict/types.js'

function result(
  id: string,
  status: RequirementResult['status'],
  severity: RequirementResult['severity'],
  line?: number
): RequirementResult {
  const base: RequirementResult = {
    id,
    check: 'metric',
    status,
    severity,
    controls: ['A.6.2.4'],
    observed: '0.71',
    expected: '≥ 0.80',
    message: 'roc_auc is below the threshold.',
    evidence: []
  }
  return line === undefined ? base : { ...base, location: { file: 'policies/production.yml', line } }
}

describe('planAnnotations', () => {
  it('annotates failing and missing requirements on their policy line', () => {
    const plan = planAnnotations([
      result('auc', 'fail', 'block', 12),
      result('card', 'missing', 'warn', 30),
      result('ok', 'pass', 'block', 5)
    ])
    expect(plan.annotations).toEqual([
      {
        level: 'error',
        title: 'auc: failed (blocks release)',
        message: 'roc_auc is below the threshold. Observed: 0.71. Expected: ≥ 0.80.',
        file: 'policies/production.yml',
        startLine: 12
      },
      {
        level: 'warning',
        title: 'card: evidence missing',
        message: 'roc_auc is below the threshold. Observed: 0.71. Expected: ≥ 0.80.',
        file: 'policies/production.yml',
        startLine: 30
      }
    ])
    expect(plan.folded).toEqual([])
    expect(plan.foldedNote).toBeUndefined()
  })

  it('stays within 10 errors and 10 warnings per step and folds the rest into one sentence', () => {
    const results = [
      ...Array.from({ length: 12 }, (_, i) => result(`block-${i}`, 'fail', 'block', i + 1)),
      ...Array.from({ length: 11 }, (_, i) => result(`warn-${i}`, 'missing', 'warn', i + 100))
    ]
    const plan = planAnnotations(results)
    expect(plan.annotations.filter((a) => a.level === 'error')).toHaveLength(10)
    expect(plan.annotations.filter((a) => a.level === 'warning')).toHaveLength(10)
    expect(plan.foldedNote).toBe('3 more not annotated: block-10 (fail), block-11 (fail), warn-10 (missing).')
  })

  it('respects what is left of the job budget and folds requirements without a location', () => {
    const plan = planAnnotations(
      [result('a', 'fail', 'block', 1), result('b', 'fail', 'block', 2), result('c', 'fail', 'block')],
      {
        remainingInJob: 1
      }
    )
    expect(plan.annotations.map((a) => a.startLine)).toEqual([1])
    expect(plan.folded).toEqual([
      { id: 'b', status: 'fail', level: 'error', why: 'limit' },
      { id: 'c', status: 'fail', level: 'error', why: 'no-location' }
    ])
  })
})
