/**
 * The subgroup-performance check: `min` on every group's interval and `maxGap` on the gap's, and
 * missing — never pass — for a group without the rate's denominator, too few groups, an
 * undecidable interval, absent statistics or no recompute.
 */
import { describe, expect, test } from 'vitest'
import { checkSubgroupPerformance } from '../../../../src/core/checks/subgroup-performance.js'
import type { Evidence } from '../../../../src/core/evidence/types.js'
import type { GroupCounts, GroupStatistics } from '../../../../src/core/fairness/types.js'
import { EvidenceBuilder } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

/** n rows, `positives` of them positive, recall `tpr`, no false positives. */
const group = (values: string[], n: number, positives: number, tpr: number): GroupCounts => {
  const tp = Math.round(positives * tpr)
  return { values, n, tp, fn: positives - tp, fp: 0, tn: n - positives }
}
const stats = (groups: GroupCounts[]): GroupStatistics => ({
  kind: 'group-statistics',
  features: ['age'],
  rows: groups.reduce((s, g) => s + g.n, 0),
  groups
})
const req = (fields: Record<string, unknown>) =>
  requirement({ check: 'subgroup-performance', metric: 'true_positive_rate', sensitiveFeatures: ['age'], ...fields })
function evidenceWith(s: GroupStatistics | undefined): Evidence {
  const evidence = EvidenceBuilder.passing().recomputed({ roc_auc: 0.8 }).build()
  const recomputed = evidence.candidate.recomputed
  if (recomputed?.kind === 'present' && s !== undefined) recomputed.value.groups = { age: s }
  return evidence
}
const check = (fields: Record<string, unknown>, s: GroupStatistics) =>
  checkSubgroupPerformance(req(fields), evidenceWith(s))

describe('decision', () => {
  const even = stats([group(['young'], 5000, 2000, 0.8), group(['old'], 5000, 2000, 0.79)])
  const uneven = stats([group(['young'], 5000, 2000, 0.9), group(['old'], 5000, 2000, 0.6)])
  test('every group above min and a small gap pass', () => {
    expect(check({ min: 0.7, maxGap: 0.05 }, even).status).toBe('pass')
  })
  test('a group below min fails, naming it', () => {
    const result = check({ min: 0.7 }, uneven)
    expect(result.status).toBe('fail')
    expect(result.message).toMatch(/group "old"/)
  })
  test('a wide gap fails even when every group is above min', () => {
    expect(check({ min: 0.5, maxGap: 0.1 }, uneven).status).toBe('fail')
  })
  test('min or maxGap is required', () => {
    expect(() => req({})).toThrow(/needs min or maxGap/)
  })
})

describe('fail closed', () => {
  test('a group without positives has no recall', () => {
    const s = stats([group(['young'], 500, 200, 0.8), group(['old'], 500, 0, 0)])
    const result = check({ min: 0.5 }, s)
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/no actual positives/)
  })
  test('an interval straddling min', () => {
    expect(check({ min: 0.8 }, stats([group(['young'], 100, 40, 0.8), group(['old'], 100, 40, 0.8)])).status).toBe(
      'missing'
    )
  })
  test('a gap needs two groups large enough', () => {
    expect(check({ maxGap: 0.1 }, stats([group(['young'], 5000, 2000, 0.8), group(['old'], 10, 4, 0.5)])).status).toBe(
      'missing'
    )
  })
  test('no statistics for the features, no recompute', () => {
    expect(checkSubgroupPerformance(req({ min: 0.5 }), evidenceWith(undefined)).status).toBe('missing')
    expect(checkSubgroupPerformance(req({ min: 0.5 }), EvidenceBuilder.passing().build()).status).toBe('missing')
  })
})
