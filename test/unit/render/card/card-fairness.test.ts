import { describe, expect, it } from 'vitest'
import { checkFairnessOnStatistics } from '../../../../src/core/checks/fairness.js'
import type { GroupStatistics } from '../../../../src/core/fairness/types.js'
import type { RequirementResult } from '../../../../src/core/verdict/types.js'
import { fairnessView } from '../../../../src/render/card/card-fairness.js'
import { metricRows } from '../../../../src/render/card/card-tables.js'
import { EvidenceBuilder } from '../../../support/evidence-builder.js'

const req = {
  id: 'eo-sex',
  check: 'fairness' as const,
  metric: 'equal_opportunity_difference' as const,
  sensitiveFeatures: ['sex'],
  max: 0.35,
  minGroupSize: 30,
  confidence: 0.95,
  nBoot: 200,
  seed: 7,
  controls: ['A.5.4'],
  severity: 'block' as const
}

const stats = (small: number): GroupStatistics => ({
  kind: 'group-statistics',
  features: ['sex'],
  rows: 2000 + small,
  groups: [
    { values: ['Female'], n: 648, tp: 28, fn: 33, fp: 8, tn: 579 },
    { values: ['Male'], n: 1352, tp: 251, fn: 170, fp: 69, tn: 862 },
    { values: ['X|<i>'], n: small, tp: 1, fn: 1, fp: 0, tn: small - 2 }
  ]
})
const provenance = { source: 'recomputed' as const, uri: 'runs:/r1/eval/evaluation.csv', sha256: 'ab'.repeat(32) }

describe('the card fairness view', () => {
  it("shows each group with n, positives and the metric's rate with its interval, and names excluded groups", () => {
    const [view] = fairnessView([checkFairnessOnStatistics(req, stats(5), provenance)])
    expect(view).toMatchObject({
      id: 'eo-sex',
      status: 'pass',
      features: 'sex',
      excluded: expect.stringContaining('X\\|&lt;i&gt;')
    })
    expect(view!.header).toEqual(['group', 'n', 'positives', 'TPR', 'used'])
    expect(view!.rows[0]!.slice(0, 3)).toEqual(['Female', '648', '61'])
    expect(view!.rows[0]![3]).toMatch(/^0\.459 \\\[0\.\d{3}, 0\.\d{3}\\\]$/)
    expect(view!.rows[2]![4]).toMatch(/^no: /)
    expect(view!.method).toBe('95% percentile bootstrap, 200 resamples, seed 7; groups under 30 rows are excluded.')
    expect(view!.provenance).toBe(`recomputed on runs:/r1/eval/evaluation.csv (sha256 ${'ab'.repeat(32)})`)
    expect(view!.noTable).toBeNull()
  })

  it('says why there is no table when the statistics are missing', () => {
    const [view] = fairnessView([
      checkFairnessOnStatistics(req, { kind: 'missing', reason: 'not-found', detail: 'no column sex' })
    ])
    expect(view).toMatchObject({ status: 'missing', header: [], rows: [], provenance: null })
    expect(view!.noTable).toContain('could not be computed')
  })

  it('links a recomputed metric row to the requirement that judged it', () => {
    const evidence = EvidenceBuilder.passing().recomputed({ roc_auc: 0.87 }).build()
    const judged: RequirementResult = {
      id: 'auc-reconciled',
      check: 'metric',
      status: 'pass',
      severity: 'block',
      controls: ['A.6.2.4'],
      observed: '0.87',
      expected: '≥ 0.8',
      message: 'ok',
      evidence: [{ label: 'recomputed roc_auc', provenance: { source: 'recomputed', uri: 'data/adult-test.csv' } }]
    }
    // One row per metric: the logged and the recomputed number side by side.
    const row = metricRows(evidence.candidate, undefined, [judged]).find((r) => r.metric === 'roc\\_auc')
    expect(row?.recomputed).toBe('0.87')
    expect(row?.threshold).toBe('≥ 0.8 (auc-reconciled)')
  })
})
