/**
 * The card's fairness section: for every fairness requirement its decision, the per-group table
 * (group, n, positives, the rates the metric compares with their bootstrap intervals, whether the
 * group counted) and the groups left out. Built from the result's `details` only, so a custom
 * check producing the same details renders the same way. Every cell is escaped here.
 */
import type { GroupRow } from '../../core/fairness/assess.js'
import { fairnessGroupTable } from '../../core/fairness/group-table.js'
import {
  DISPARITY_METRICS,
  RATE_METRICS,
  ratesOf,
  type DisparityMetric,
  type RateMetric
} from '../../core/fairness/metrics.js'
import type { RequirementResult } from '../../core/verdict/types.js'
import { cell, REQUIREMENT_ICONS } from './card-tables.js'
import type { FairnessView } from './card-view.js'
import { describeProvenance } from './provenance-text.js'

/** The rate columns a metric is computed from (all of them when the metric is unknown). */
function ratesFor(metric: unknown): readonly RateMetric[] {
  if (typeof metric !== 'string') return RATE_METRICS
  if ((DISPARITY_METRICS as readonly string[]).includes(metric)) return ratesOf(metric as DisparityMetric)
  if ((RATE_METRICS as readonly string[]).includes(metric)) return [metric as RateMetric]
  return metric === 'roc_auc' ? [] : RATE_METRICS
}

const isGroupRows = (value: unknown): value is GroupRow[] =>
  Array.isArray(value) &&
  value.every((row) => typeof row === 'object' && row !== null && typeof (row as GroupRow).group === 'string')

function methodText(details: Record<string, unknown>): string | null {
  const interval = details.interval as { confidence?: number } | null | undefined
  const { nBoot, seed, minGroupSize } = details as { nBoot?: unknown; seed?: unknown; minGroupSize?: unknown }
  if (typeof nBoot !== 'number' || typeof seed !== 'number') return null
  const confidence = typeof interval?.confidence === 'number' ? `${Math.round(interval.confidence * 1000) / 10}% ` : ''
  const size = typeof minGroupSize === 'number' ? `; groups under ${minGroupSize} rows are excluded` : ''
  return `${confidence}percentile bootstrap, ${nBoot} resamples, seed ${seed}${size}.`
}

export function fairnessView(requirements: readonly RequirementResult[]): FairnessView[] {
  return requirements
    .filter((r) => r.check === 'fairness')
    .map((r) => {
      const details = r.details ?? {}
      const groups = isGroupRows(details.groups) ? details.groups : []
      const table = fairnessGroupTable(groups, ratesFor(details.metric))
      const features = Array.isArray(details.sensitiveFeatures)
        ? (details.sensitiveFeatures as unknown[]).map(String).join(' × ')
        : ''
      const provenance = r.evidence.find((e) => e.provenance.source === 'recomputed')?.provenance
      return {
        id: cell(r.id),
        icon: REQUIREMENT_ICONS[r.status],
        status: r.status,
        metric: cell(typeof details.metric === 'string' ? details.metric : r.check),
        features: cell(features === '' ? 'not recorded' : features),
        observed: cell(r.observed),
        expected: cell(r.expected),
        message: cell(r.message),
        method: methodText(details),
        provenance: provenance === undefined ? null : describeProvenance(provenance),
        header: groups.length === 0 ? [] : table.header.map(cell),
        rows: groups.length === 0 ? [] : table.rows.map((row) => row.map(cell)),
        excluded: table.excludedNote === '' ? null : cell(table.excludedNote),
        noTable:
          groups.length === 0
            ? 'No group table: the group statistics could not be computed (see the result above).'
            : null
      }
    })
}
