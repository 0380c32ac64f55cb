/**
 * From rows to a verdict without the servers: the groups map the recompute stores, read back by
 * the check through the Evidence shape, and the card's per-group table.
 */
import { describe, expect, test } from 'vitest'
import { checkFairness } from '../../../../src/core/checks/fairness.js'
import type { Evidence } from '../../../../src/core/evidence/types.js'
import type { GroupRow } from '../../../../src/core/fairness/assess.js'
import { buildGroupStatistics } from '../../../../src/core/fairness/build-groups.js'
import { toBinary } from '../../../../src/core/fairness/group-stats.js'
import { fairnessGroupTable } from '../../../../src/core/fairness/group-table.js'
import { fairnessRequirementSchema } from '../../../../src/core/policy/fairness-schema.js'
import { synthetic } from '../../../support/fairness-data.js'

const evidenceWith = (groups: Record<string, unknown>): Evidence =>
  ({
    candidate: {
      recomputed: {
        kind: 'present',
        value: { metrics: {}, dataset: { uri: 'eval.csv', sha256: 'abc', rows: 0 }, modelSha256: 'def', groups },
        provenance: { source: 'recomputed', uri: 'eval.csv' }
      }
    }
  }) as unknown as Evidence

const req = (fields: Record<string, unknown>) =>
  fairnessRequirementSchema.parse({
    id: 'dp',
    check: 'fairness',
    metric: 'demographic_parity_difference',
    sensitiveFeatures: ['f0'],
    max: 0.1,
    controls: ['A.5.4'],
    ...fields
  })

describe('rows → groups → check', () => {
  // A model that selects one group far more often: a real disparity, plenty of rows.
  const biased = synthetic(
    [
      { values: ['F', 'x'], weight: 2, base: 0.3, tpr: 0.45, fpr: 0.03 },
      { values: ['F', 'y'], weight: 1, base: 0.3, tpr: 0.45, fpr: 0.03 },
      { values: ['M', 'x'], weight: 2, base: 0.3, tpr: 0.85, fpr: 0.2 },
      { values: ['M', 'y'], weight: 1, base: 0.3, tpr: 0.85, fpr: 0.2 },
      { values: ['O', 'x'], weight: 0.004, base: 0.3, tpr: 0.85, fpr: 0.2 }
    ],
    6000,
    17
  )
  const requirements = [
    req({}),
    req({ id: 'eo', metric: 'equalized_odds_difference', sensitiveFeatures: ['f0', 'f1'] }),
    req({ id: 'auc', metric: 'roc_auc', max: undefined, min: 0.7, nBoot: 200 })
  ]
  const groups = buildGroupStatistics(biased, requirements)

  test('one entry per feature set; AUC only where asked', () => {
    expect(Object.keys(groups).sort()).toEqual(['f0', 'f0×f1'])
    expect(groups.f0!.kind).toBe('group-statistics')
    expect((groups.f0 as { performance?: Record<string, unknown> }).performance?.roc_auc).toBeDefined()
    expect((groups['f0×f1'] as { performance?: unknown }).performance).toBeUndefined()
  })

  test('the disparity is blocked, and the tiny group is excluded by name', () => {
    const result = checkFairness(requirements[0]!, evidenceWith(groups))
    expect(result.status).toBe('fail')
    expect(result.message).toMatch(/Excluded groups: "O" \(only \d+ rows, below minGroupSize 30\)/)
    const intersectional = checkFairness(requirements[1]!, evidenceWith(groups))
    expect(intersectional.status).toBe('fail')
    expect(intersectional.message).toMatch(/"O×y" \(empty: no rows have this combination of values\)/)
  })

  test('on a small sample the same model is missing, not pass', () => {
    const small = synthetic(
      [
        { values: ['F'], weight: 1, base: 0.3, tpr: 0.6, fpr: 0.05 },
        { values: ['M'], weight: 1, base: 0.3, tpr: 0.7, fpr: 0.08 }
      ],
      80,
      4
    )
    const result = checkFairness(requirements[0]!, evidenceWith(buildGroupStatistics(small, [requirements[0]!])))
    expect(result.status).toBe('missing')
  })

  test('the card table lists every group with n, positives, rates, intervals and exclusions', () => {
    const result = checkFairness(requirements[0]!, evidenceWith(groups))
    const table = fairnessGroupTable((result.details as { groups: GroupRow[] }).groups, [
      'selection_rate',
      'true_positive_rate'
    ])
    expect(table.header).toEqual(['group', 'n', 'positives', 'selection rate', 'TPR', 'used'])
    expect(table.rows.map((r) => r[0])).toEqual(['F', 'M', 'O'])
    expect(table.rows[0]![3]).toMatch(/^0\.\d{3} \[0\.\d{3}, 0\.\d{3}\]$/)
    expect(table.rows[2]![5]).toMatch(/^no: only \d+ rows/)
    expect(table.excludedNote).toMatch(/^Excluded from the metric: O \(only \d+ rows/)
  })

  test('roc_auc without scores is explained', () => {
    const { scores: _ignored, ...labelsOnly } = biased
    const entry = buildGroupStatistics(labelsOnly, [requirements[2]!]).f0!
    expect(entry.kind).toBe('missing')
    expect((entry as { detail: string }).detail).toMatch(/needs prediction scores/)
  })

  test('class indices map to 0/1 with the positive class as 1', () => {
    expect(Array.from(toBinary(Int32Array.of(0, 2, 1, 2), 2))).toEqual([0, 1, 0, 1])
  })
})
