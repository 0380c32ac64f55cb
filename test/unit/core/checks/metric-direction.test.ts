import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkMetric } from '../../../../src/core/checks/metric.js'
import { knownDirection } from '../../../../src/core/metrics/direction.js'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { PolicyError } from '../../../../src/core/policy/policy-problems.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const ctx = { now: NOW }
const LOWER = [
  'log_loss',
  'brier_score',
  'mean_absolute_error',
  'mean_squared_error',
  'root_mean_squared_error',
  'max_error',
  'mean_absolute_percentage_error',
  'mean_poisson_deviance',
  'training_log_loss'
]
const HIGHER = [
  'roc_auc',
  'accuracy_score',
  'f1_score',
  'f1_score_macro',
  'precision_score',
  'recall_score',
  'r2_score',
  'precision_recall_auc',
  'training_roc_auc',
  'score'
]

const vsChampion = (metric: string, extra: Record<string, unknown> = {}) =>
  requirement({ check: 'metric', id: 'vs-champion', metric, baseline: 'champion', maxDecrease: 0.01, ...extra })

describe('metric directions', () => {
  it('knows the MLflow and scikit-learn names in both directions', () => {
    for (const name of LOWER) expect([name, knownDirection(name)]).toEqual([name, 'lower-is-better'])
    for (const name of HIGHER) expect([name, knownDirection(name)]).toEqual([name, 'higher-is-better'])
    for (const name of ['example_count', 'sum_on_target', 'mean_on_target', 'my_custom_kpi'])
      expect(knownDirection(name)).toBeUndefined()
  })

  it('blocks a log_loss rising from 0.30 to 0.50 against maxDecrease 0.01, saying "increased"', () => {
    const evidence = EvidenceBuilder.passing().metric('log_loss', 0.5).metric('log_loss', 0.3, 'champion').build()
    const result = checkMetric(vsChampion('log_loss'), evidence, ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('log_loss increased by 0.2')
    expect(result.message).toContain('lower log_loss is better')
    expect(result.expected).toContain('increase ≤ 0.01')
    expect(result.details).toMatchObject({ direction: 'lower-is-better', worsening: expect.closeTo(0.2, 12) })
  })

  it('passes a falling RMSE and blocks a relative rise beyond maxRelativeDecrease', () => {
    const better = EvidenceBuilder.passing()
      .metric('root_mean_squared_error', 1.0)
      .metric('root_mean_squared_error', 2.0, 'champion')
      .build()
    expect(checkMetric(vsChampion('root_mean_squared_error'), better, ctx).status).toBe('pass')
    const req = vsChampion('brier_score', { maxDecrease: undefined, maxRelativeDecrease: 0.05 })
    const worse = EvidenceBuilder.passing().metric('brier_score', 0.22).metric('brier_score', 0.2, 'champion').build()
    const result = checkMetric(req, worse, ctx)
    expect(result.status).toBe('fail')
    expect(result.message).toContain('brier_score increased by 10%')
  })

  it('uses higherIsBetter for a metric it does not know', () => {
    const evidence = EvidenceBuilder.passing().metric('my_cost', 12).metric('my_cost', 10, 'champion').build()
    expect(checkMetric(vsChampion('my_cost', { higherIsBetter: false }), evidence, ctx).status).toBe('fail')
    expect(checkMetric(vsChampion('my_cost', { higherIsBetter: true }), evidence, ctx).status).toBe('pass')
  })

  it('property: for every metric with a known direction, a worsening beyond maxDecrease never passes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOWER, ...HIGHER),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        (metric, baseline, maxDecrease, excess) => {
          const worsening = maxDecrease + excess
          const candidate = knownDirection(metric) === 'higher-is-better' ? baseline - worsening : baseline + worsening
          const evidence = EvidenceBuilder.passing()
            .metric(metric, candidate)
            .metric(metric, baseline, 'champion')
            .build()
          const result = checkMetric(vsChampion(metric, { maxDecrease }), evidence, ctx)
          expect(result.status).toBe('fail')
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('metric directions in the policy', () => {
  const policy = (req: string) => `version: 1\nname: p\nprofiles:\n  production:\n    requirements:\n      - ${req}\n`
  const problems = (text: string) => {
    try {
      parsePolicy(text, 'p.yml')
    } catch (error) {
      if (error instanceof PolicyError) return error.message
      throw error
    }
    return ''
  }
  it('refuses a baseline on an unknown metric without higherIsBetter, naming the path and the fix', () => {
    const message = problems(
      policy('{ id: kpi, check: metric, metric: my_kpi, baseline: champion, maxDecrease: 0.1, controls: [A.6.2.4] }')
    )
    expect(message).toMatch(/^p\.yml:\d+: profiles\.production\.requirements\[0\]\.higherIsBetter: /)
    expect(message).toContain('fix: add higherIsBetter: true')
  })
  it('refuses a higherIsBetter that contradicts a known direction', () => {
    const message = problems(
      policy(
        '{ id: ll, check: metric, metric: log_loss, baseline: champion, maxDecrease: ' +
          '0.1, higherIsBetter: true, controls: [A.6.2.4] }'
      )
    )
    expect(message).toContain('log_loss is lower is better')
  })
  it('accepts a known metric, and an unknown one with higherIsBetter or without a baseline', () => {
    expect(
      problems(
        policy('{ id: ll, check: metric, metric: log_loss, baseline: champion, maxDecrease: 0.1, controls: [A.6.2.4] }')
      )
    ).toBe('')
    expect(
      problems(
        policy(
          '{ id: kpi, check: metric, metric: my_kpi, baseline: champion, maxDecrease: ' +
            '0.1, higherIsBetter: true, controls: [A.6.2.4] }'
        )
      )
    ).toBe('')
    expect(problems(policy('{ id: kpi, check: metric, metric: my_kpi, min: 1, controls: [A.6.2.4] }'))).toBe('')
  })
})
