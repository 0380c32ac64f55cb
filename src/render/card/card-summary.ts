/**
 * The first screen of a card: what blocks and why (requirement, observed, expected, the fix),
 * the metrics the policy judges beside their thresholds and the champion, the fairness
 * headline and the approvals, so an auditor has the decision before scrolling.
 */
import type { RequirementResult } from '../../core/verdict/types.js'
import { cell, REQUIREMENT_ICONS } from './card-tables.js'
import type { MetricRow, SummaryView } from './card-view.js'

const NO_THRESHOLD = 'no threshold in the policy'
const isApproval = (r: RequirementResult): boolean => /approv|sign[-_ ]?off|review/i.test(`${r.check} ${r.id}`)
const headline = (r: RequirementResult): string =>
  `${REQUIREMENT_ICONS[r.status]} ${cell(r.id)} ${r.status}: ${cell(r.observed)} (expected ${cell(r.expected)})`

/** Checks judged on groups of the evaluation data: the summary's fairness line lists them all. */
const GROUP_CHECKS: readonly string[] = ['fairness', 'selection-rate-ratio', 'calibration', 'subgroup-performance']

export function summaryView(
  requirements: RequirementResult[],
  blocking: string[],
  performance: MetricRow[],
  objectives: readonly string[] = []
): SummaryView {
  const blocked = requirements.filter((r) => blocking.includes(r.id))
  const warnings = requirements.filter(
    (r) => !blocking.includes(r.id) && r.severity === 'warn' && (r.status === 'fail' || r.status === 'missing')
  )
  const fairness = requirements.filter((r) => GROUP_CHECKS.includes(r.check))
  const approvals = requirements.filter(isApproval)
  return {
    reasons: [...blocked, ...warnings].map((r) => ({
      icon: REQUIREMENT_ICONS[r.status],
      id: cell(r.id),
      status: r.status,
      severity: r.severity === 'block' ? 'blocks' : 'warning',
      observed: cell(r.observed),
      expected: cell(r.expected),
      message: cell(r.message)
    })),
    keyMetrics: performance.filter((row) => row.threshold !== NO_THRESHOLD),
    fairness: fairness.length === 0 ? null : fairness.map(headline).join('; '),
    approvals: approvals.length === 0 ? null : approvals.map(headline).join('; '),
    objectives: objectives.length === 0 ? null : objectives.map(cell).join(', ')
  }
}
