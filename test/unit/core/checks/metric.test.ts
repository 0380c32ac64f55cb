import { describe, expect, it } from 'vitest'
import { checkMetric } from '../../../../src/core/checks/metric.js'
import { missing } from '../../../../src/core/evidence/items.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const ctx = { now: NOW }
const auc = (extra: Record<string, unknown> = {}) =>
  requirement({ check: 'metric', id: 'auc', metric: 'roc_auc', min: 0.8, ...extra })

describe('metric check: absolute bounds', () => {
  it('passes at or above min', () => {
    const result = checkMetric(auc(), EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('pass')
    expect(result.observed).toBe('0.87')
    expect(result.expected).toBe('≥ 0.8')
    expect(result.details).toMatchObject({ value: 0.87, min: 0.8 })
    expect(result.evidence[0]?.provenance.uri).toBe('runs:/run-candidate/metrics/roc_auc')
  })
  it('passes exactly on the bound', () => {
    expect(checkMetric(auc(), EvidenceBuilder.passing().metric('roc_auc', 0.8).build(), ctx).status).toBe('pass')
  })
  it('fails below min and names both numbers', () => {
    const result = checkMetric(auc(), EvidenceBuilder.passing().metric('roc_auc', 0.75).build(), ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('0.75 is below the minimum 0.8')
  })
  it('fails above max', () => {
    const result = checkMetric(
      requirement({ check: 'metric', metric: 'log_loss', max: 0.3 }),
      EvidenceBuilder.passing().metric('log_loss', 0.4).build(),
      ctx
    )
    expect(result.status).toBe('fail')
  })
  it('is missing when the metric is not logged', () => {
    const result = checkMetric(auc(), EvidenceBuilder.passing().withoutMetric('roc_auc').build(), ctx)
    expect(result.status).toBe('missing')
    expect(result.message).toContain('not logged')
  })
  it("suggests the run's nearest metric name and lists what the run logs", () => {
    const result = checkMetric(auc({ metric: 'roc-auc' }), EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('missing')
    expect(result.message).toContain('not logged on the candidate run run-candidate (did you mean "roc_auc"?)')
    expect(result.message).toMatch(/\(the run logs: [^)]*\broc_auc\b[^)]*\)/)
  })
  it("bounds the list of the run's metrics and shows control characters instead of obeying them", () => {
    let builder = EvidenceBuilder.passing().metric('evil\u001b[2J\nRELEASE ALLOWED', 1)
    for (let i = 0; i < 50; i++) builder = builder.metric(`m${String(i).padStart(2, '0')}`, i)
    const result = checkMetric(auc({ metric: 'nothing_like_it' }), builder.build(), ctx)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach the message
    expect(result.message).not.toMatch(/[\u0000-\u001f]/)
    expect(result.message).toContain('evil␛[2J␊RELEASE ALLOWED')
    expect(result.message).toMatch(/… and \d+ more\)/)
    expect(result.message).not.toContain('did you mean')
  })
  it('is missing when the run is unavailable', () => {
    expect(checkMetric(auc(), EvidenceBuilder.passing().noRun().build(), ctx).status).toBe('missing')
  })
  it('is missing when the value is not a finite number', () => {
    expect(checkMetric(auc(), EvidenceBuilder.passing().metric('roc_auc', Number.NaN).build(), ctx).status).toBe(
      'missing'
    )
  })
  it('keeps the requirement fields and location; a control a metric can only support is counted as supported', () => {
    const req = { ...auc({ severity: 'warn', controls: ['A.6.2.4', 'A.6.1.2'] }), location: { file: 'p.yml', line: 7 } }
    const result = checkMetric(req, EvidenceBuilder.passing().build(), ctx)
    expect(result).toMatchObject({
      id: 'auc',
      check: 'metric',
      severity: 'warn',
      controls: ['A.6.2.4'],
      supports: ['A.6.1.2'],
      location: { file: 'p.yml', line: 7 }
    })
    expect(result.claimNotes).toEqual([expect.stringMatching(/^A\.6\.1\.2 is counted as supported, not satisfied: /)])
  })
})

describe('metric check: baseline', () => {
  const vsChampion = (extra: Record<string, unknown> = {}) =>
    requirement({
      check: 'metric',
      id: 'auc-vs-champion',
      metric: 'roc_auc',
      baseline: 'champion',
      maxDecrease: 0.01,
      ...extra
    })
  it('passes when better than the champion', () => {
    const result = checkMetric(vsChampion(), EvidenceBuilder.passing().build(), ctx)
    expect(result.status).toBe('pass')
    expect(result.details).toMatchObject({ baselineValue: 0.865, baselineVersion: '2' })
  })
  it('passes a drop exactly equal to maxDecrease despite float rounding', () => {
    const evidence = EvidenceBuilder.passing().metric('roc_auc', 0.87).metric('roc_auc', 0.88, 'champion').build()
    expect(checkMetric(vsChampion(), evidence, ctx).status).toBe('pass')
  })
  it('fails a larger drop, naming the champion version and numbers', () => {
    const evidence = EvidenceBuilder.passing().metric('roc_auc', 0.85).metric('roc_auc', 0.88, 'champion').build()
    const result = checkMetric(vsChampion(), evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('dropped by 0.03')
    expect(result.message).toContain('version 2')
  })
  it('fails a relative drop beyond maxRelativeDecrease', () => {
    const req = vsChampion({ maxDecrease: undefined, maxRelativeDecrease: 0.01 })
    const evidence = EvidenceBuilder.passing().metric('roc_auc', 0.86).metric('roc_auc', 0.88, 'champion').build()
    expect(checkMetric(req, evidence, ctx).status).toBe('fail')
  })
  it('is missing without a champion', () => {
    const result = checkMetric(vsChampion(), EvidenceBuilder.passing().noChampion().build(), ctx)
    expect(result.status).toBe('missing')
    expect(result.message).toContain('waive')
  })
  it('is missing when the collected baseline does not hold the alias', () => {
    const evidence = EvidenceBuilder.passing()
      .versionFields({ aliases: ['stable'] }, 'champion')
      .build()
    expect(checkMetric(vsChampion(), evidence, ctx).status).toBe('missing')
  })
  it('is missing when the champion did not log the metric', () => {
    expect(
      checkMetric(vsChampion(), EvidenceBuilder.passing().withoutMetric('roc_auc', 'champion').build(), ctx).status
    ).toBe('missing')
  })
  it('fails (not missing) when an absolute bound already fails without a champion', () => {
    const req = vsChampion({ min: 0.9 })
    expect(checkMetric(req, EvidenceBuilder.passing().noChampion().build(), ctx).status).toBe('fail')
  })
})

describe('metric check: recomputed and reconciled', () => {
  it('recomputed reads the recomputed value', () => {
    const req = requirement({ check: 'metric', metric: 'roc_auc', min: 0.8, source: 'recomputed' })
    const result = checkMetric(
      req,
      EvidenceBuilder.passing().metric('roc_auc', 0.5).recomputed({ roc_auc: 0.86 }).build(),
      ctx
    )
    expect(result.status).toBe('pass')
    expect(result.evidence[0]?.provenance.source).toBe('recomputed')
  })
  it('recomputed is missing when no recompute happened or it failed', () => {
    const req = requirement({ check: 'metric', metric: 'roc_auc', min: 0.8, source: 'recomputed' })
    expect(checkMetric(req, EvidenceBuilder.passing().build(), ctx).status).toBe('missing')
    const failed = EvidenceBuilder.passing().recomputed(missing('unsupported', 'no onnxruntime')).build()
    expect(checkMetric(req, failed, ctx).message).toContain('no onnxruntime')
  })
  it('reconciled passes within tolerance and fails outside it naming both numbers', () => {
    const req = requirement({ check: 'metric', metric: 'roc_auc', min: 0.8, source: 'reconciled', tolerance: 0.001 })
    expect(checkMetric(req, EvidenceBuilder.passing().recomputed({ roc_auc: 0.8705 }).build(), ctx).status).toBe('pass')
    const result = checkMetric(req, EvidenceBuilder.passing().recomputed({ roc_auc: 0.86 }).build(), ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('0.87')
    expect(result.message).toContain('0.86')
  })
  it('reconciled is missing when either side is absent', () => {
    const req = requirement({ check: 'metric', metric: 'roc_auc', min: 0.8, source: 'reconciled', tolerance: 0.001 })
    expect(checkMetric(req, EvidenceBuilder.passing().build(), ctx).status).toBe('missing')
    expect(
      checkMetric(req, EvidenceBuilder.passing().withoutMetric('roc_auc').recomputed({ roc_auc: 0.87 }).build(), ctx)
        .status
    ).toBe('missing')
  })
  it('compares recomputed with the champion recomputed, like with like', () => {
    const req = requirement({
      check: 'metric',
      metric: 'roc_auc',
      source: 'recomputed',
      baseline: 'champion',
      maxDecrease: 0.01
    })
    const evidence = EvidenceBuilder.passing()
      .recomputed({ roc_auc: 0.86 })
      .metric('roc_auc', 0.99, 'champion') // a logged number must not be used
      .recomputed({ roc_auc: 0.865 }, 'champion')
      .build()
    const result = checkMetric(req, evidence, ctx)
    expect(result.status).toBe('pass')
    expect(result.details).toMatchObject({ baselineValue: 0.865 })
    expect(checkMetric(req, EvidenceBuilder.passing().recomputed({ roc_auc: 0.86 }).build(), ctx).status).toBe(
      'missing'
    )
  })
})
