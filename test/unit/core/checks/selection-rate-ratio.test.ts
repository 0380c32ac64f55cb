/**
 * The selection-rate-ratio check: the four-fifths screen on the interval, reporting without a
 * threshold, exclusions (size, share, unknown categories) and every way evidence can be absent
 * or forged into a pass (a reference group that is not there, no selections, one group left,
 * a policy without the evaluation data).
 */
import { describe, expect, test } from 'vitest'
import { checkSelectionRateRatio } from '../../../../src/core/checks/selection-rate-ratio.js'
import type { Evidence } from '../../../../src/core/evidence/types.js'
import type { GroupCounts, GroupStatistics } from '../../../../src/core/fairness/types.js'
import { EvidenceBuilder } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

/** A group of n rows of which `selected` are predicted positive (half of each actually positive). */
function group(values: string[], n: number, selected: number): GroupCounts {
  const tp = Math.floor(selected / 2)
  const fn = Math.floor((n - selected) / 2)
  return { values, n, tp, fp: selected - tp, fn, tn: n - selected - fn }
}

const stats = (features: string[], groups: GroupCounts[]): GroupStatistics => ({
  kind: 'group-statistics',
  features,
  rows: groups.reduce((s, g) => s + g.n, 0),
  groups
})

const req = (fields: Record<string, unknown> = {}) =>
  requirement({ check: 'selection-rate-ratio', sensitiveFeatures: ['sex'], controls: ['A.6.2.4'], ...fields })

function evidenceWith(groups: Record<string, GroupStatistics> | undefined): Evidence {
  const evidence = EvidenceBuilder.passing().recomputed({ roc_auc: 0.8 }).build()
  const recomputed = evidence.candidate.recomputed
  if (recomputed?.kind === 'present' && groups !== undefined) recomputed.value.groups = groups
  return evidence
}

const check = (fields: Record<string, unknown>, s: GroupStatistics) =>
  checkSelectionRateRatio(req(fields), evidenceWith({ [s.features.join('×')]: s }))

describe('four-fifths screen', () => {
  test('a clear adverse impact fails, and says it is a screen', () => {
    const result = check({ min: 0.8 }, stats(['sex'], [group(['F'], 4000, 400), group(['M'], 4000, 1200)]))
    expect(result.status).toBe('fail')
    expect(result.message).toMatch(/screen .* not a proof of fairness/)
    expect((result.details as { referenceGroup: string }).referenceGroup).toBe('M')
  })

  test('near-equal rates on plenty of data pass', () => {
    const result = check({ min: 0.8 }, stats(['sex'], [group(['F'], 4000, 1150), group(['M'], 4000, 1200)]))
    expect(result.status).toBe('pass')
  })

  test('an interval straddling 0.8 cannot decide: missing, not pass', () => {
    const result = check({ min: 0.8 }, stats(['sex'], [group(['F'], 60, 8), group(['M'], 60, 10)]))
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/straddles/)
  })

  test('without min the ratios are reported (no threshold), with each group listed', () => {
    const result = check({}, stats(['sex'], [group(['F'], 4000, 400), group(['M'], 4000, 1200)]))
    expect(result.status).toBe('pass')
    expect(result.message).toMatch(/no threshold set/)
    const rows = (result.details as { groups: { group: string; impactRatio: number }[] }).groups
    expect(rows.find((r) => r.group === 'F')!.impactRatio).toBeCloseTo(1 / 3, 12)
  })
})

describe('exclusions are listed, with the justification', () => {
  test('unknown categories are counted and left out; small shares are excluded with the reason', () => {
    const s = stats(
      ['race'],
      [group(['A'], 1000, 300), group(['B'], 1000, 290), group(['C'], 15, 1), group(['?'], 40, 5)]
    )
    const result = check(
      {
        sensitiveFeatures: ['race'],
        excludeBelow: 0.02,
        exclusionJustification: 'fewer than 2 % of applicants',
        unknownCategories: ['?']
      },
      s
    )
    expect(result.status).toBe('pass')
    const d = result.details as { unknownCount: number; excludedGroups: { group: string; reason: string }[] }
    expect(d.unknownCount).toBe(40)
    expect(d.excludedGroups.map((e) => e.group)).toEqual(['C', '?'])
    expect(result.message).toMatch(/justification: fewer than 2 % of applicants/)
    expect(result.message).toMatch(/Unknown-category individuals: 40/)
  })

  test('excludeBelow without a justification is a policy error', () => {
    expect(() => req({ excludeBelow: 0.02 })).toThrow(/exclusionJustification/)
  })
})

describe('forgeries and absent evidence are never a pass', () => {
  const fine = stats(['sex'], [group(['F'], 4000, 1150), group(['M'], 4000, 1200)])

  test('a reference group that is not in the data', () => {
    const result = check({ min: 0.8, reference: 'X' }, fine)
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/reference group "X" is not in the evaluation data/)
  })

  test('a reference group too small to judge', () => {
    const s = stats(['sex'], [group(['F'], 4000, 1150), group(['M'], 10, 3)])
    expect(check({ min: 0.8, reference: 'M' }, s).status).toBe('missing')
  })

  test('groups too small: only one left to compare', () => {
    const s = stats(['sex'], [group(['F'], 4000, 1150), group(['M'], 12, 3)])
    const result = check({ min: 0.8 }, s)
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/only 1 group/)
  })

  test('a model that selects no one has no ratio', () => {
    const s = stats(['sex'], [group(['F'], 4000, 0), group(['M'], 4000, 0)])
    expect(check({}, s).status).toBe('missing')
  })

  test('a group missing from the data (statistics for other features only)', () => {
    const result = checkSelectionRateRatio(req({ sensitiveFeatures: ['race'], min: 0.8 }), evidenceWith({ sex: fine }))
    expect(result.status).toBe('missing')
  })

  test('no recomputed evaluation (a policy without the evaluation data)', () => {
    const evidence = EvidenceBuilder.passing().build()
    expect(checkSelectionRateRatio(req({ min: 0.8 }), evidence).status).toBe('missing')
  })

  test('statistics replaced by a missing entry (a bad column)', () => {
    const evidence = evidenceWith(undefined)
    const recomputed = evidence.candidate.recomputed
    if (recomputed?.kind === 'present')
      recomputed.value.groups = { sex: { kind: 'missing', reason: 'invalid', detail: 'blank values' } }
    const result = checkSelectionRateRatio(req({ min: 0.8 }), evidence)
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/blank values/)
  })
})
