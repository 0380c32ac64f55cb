/**
 * The calibration check: decided on every whole interval (overall and per group), and missing —
 * never pass — for absent, invalid or mismatched evidence (labels only, NaN scores, no groups,
 * statistics computed with other settings, no recompute).
 */
import { describe, expect, test } from 'vitest'
import { checkCalibration } from '../../../../src/core/checks/calibration.js'
import type { Evidence } from '../../../../src/core/evidence/types.js'
import { buildGroupStatistics } from '../../../../src/core/fairness/build-groups.js'
import type { GroupStatisticsEntry, GroupStatsInput } from '../../../../src/core/fairness/types.js'
import { groupRequirements } from '../../../../src/core/policy/group-requirements.js'
import { Xoshiro128 } from '../../../../src/core/fairness/random.js'
import { EvidenceBuilder } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const req = (fields: Record<string, unknown> = {}) =>
  requirement({
    check: 'calibration',
    metric: 'expected_calibration_error',
    sensitiveFeatures: ['sex'],
    max: 0.05,
    nBoot: 200,
    ...fields
  })

/** Rows whose label is drawn with probability score (calibrated) or score + shift in group B. */
function rows(n: number, shiftB: number): GroupStatsInput {
  const rng = new Xoshiro128(5)
  const scores = Float64Array.from({ length: n }, () => rng.below(1000) / 1000)
  const sex = Array.from(scores, (_, i) => (i % 2 === 0 ? 'A' : 'B'))
  const y = Uint8Array.from(scores, (s, i) =>
    rng.below(1000) / 1000 < Math.min(1, s + (sex[i] === 'B' ? shiftB : 0)) ? 1 : 0
  )
  return { yTrue: y, yPred: Uint8Array.from(scores, (s) => (s >= 0.5 ? 1 : 0)), scores, sensitive: { sex } }
}

function evidenceWith(groups: Record<string, GroupStatisticsEntry> | undefined): Evidence {
  const evidence = EvidenceBuilder.passing().recomputed({ roc_auc: 0.8 }).build()
  const recomputed = evidence.candidate.recomputed
  if (recomputed?.kind === 'present' && groups !== undefined) recomputed.value.groups = groups
  return evidence
}

const judge = (input: GroupStatsInput, fields: Record<string, unknown> = {}, stored = fields) =>
  checkCalibration(req(fields), evidenceWith(buildGroupStatistics(input, groupRequirements([req(stored)]))))

describe('decision on the intervals', () => {
  test('calibrated scores on plenty of data pass', () => {
    const result = judge(rows(20_000, 0))
    expect(result.status).toBe('pass')
    expect((result.details as { bins: number }).bins).toBe(10)
  })

  test('a group whose scores are off by 0.3 fails, naming the group', () => {
    const result = judge(rows(20_000, 0.3))
    expect(result.status).toBe('fail')
    expect(result.message).toMatch(/group "B"/)
  })

  test('too little data to decide is missing', () => {
    const result = judge(rows(120, 0), { metric: 'brier_score', max: 0.17 })
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/Cannot decide/)
  })
})

describe('forgeries and absent evidence are never a pass', () => {
  test('labels only (no scores)', () => {
    const { scores: _none, ...labels } = rows(2000, 0)
    const result = judge(labels)
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/needs prediction scores/)
  })

  test('NaN or out-of-range scores', () => {
    const input = rows(2000, 0)
    input.scores![7] = Number.NaN
    expect(judge(input).message).toMatch(/not a probability/)
    input.scores![7] = 1.5
    expect(judge(input).status).toBe('missing')
  })

  test('calibration stored with other settings (a looser seed or bins) does not count', () => {
    const result = judge(rows(20_000, 0), { bins: 10 }, { bins: 5 })
    expect(result.status).toBe('missing')
    expect(result.message).toMatch(/not computed with this requirement's bins/)
  })

  test('every group under minGroupSize', () => {
    expect(judge(rows(2000, 0), { minGroupSize: 5000 }).status).toBe('missing')
  })

  test('a sensitive column that is not in the data', () => {
    const input = rows(2000, 0)
    const result = checkCalibration(
      req({ sensitiveFeatures: ['race'] }),
      evidenceWith(buildGroupStatistics(input, groupRequirements([req({ sensitiveFeatures: ['race'] })])))
    )
    expect(result.status).toBe('missing')
  })

  test('no recompute at all', () => {
    expect(checkCalibration(req(), EvidenceBuilder.passing().build()).status).toBe('missing')
  })
})
