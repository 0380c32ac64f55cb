/**
 * The shape of a fairness assessment (status, point, interval, per-group table) and the pieces
 * both the overall and the per-group decision use: limits, wording, the base table, the reference.
 */
import {
  DISPARITY_METRICS,
  groupRates,
  packCounts,
  RATE_METRICS,
  type DisparityMetric,
  type RateMetric
} from './metrics.js'
import { groupLabel, type GroupStatistics, type Interval } from './types.js'
import type { FairnessRequirement } from '../policy/fairness-schema.js'

export type FairnessStatus = 'pass' | 'fail' | 'missing'

export interface GroupRow {
  group: string
  values: string[]
  n: number
  positives: number
  negatives: number
  predictedPositives: number
  included: boolean
  /** Why an excluded group was left out. */
  excludedBecause?: string
  rates: Record<RateMetric, number | null>
  /** Percentile interval per rate ([low, high]); null where the rate is undefined. */
  intervals: Record<RateMetric, [number, number] | null>
  rocAuc?: { value: number | null; interval?: [number, number] }
}

export interface FairnessAssessment {
  status: FairnessStatus
  /** Why (one or two sentences, naming groups and the fix). */
  reason: string
  point: number | null
  interval: Interval | null
  /** For per-group metrics: the group the decision rests on (failing, undecided, or worst). */
  decidingGroup?: string
  undefinedResamples: number
  table: GroupRow[]
  excluded: { group: string; n: number; reason: string }[]
}

export const isDisparity = (m: string): m is DisparityMetric => (DISPARITY_METRICS as readonly string[]).includes(m)
/** 0.95 → "95%" (rounded so 0.57 does not print as 56.99999999999999%). */
export const pct = (c: number): string => `${Math.round(c * 1000) / 10}%`
export const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(4).replace(/\.?0+$/, ''))

/** Where the interval lies relative to the limits. */
export function decide(low: number, high: number, req: FairnessRequirement): 'inside' | 'outside' | 'straddles' {
  if ((req.min !== undefined && high < req.min) || (req.max !== undefined && low > req.max)) return 'outside'
  if ((req.min === undefined || low >= req.min) && (req.max === undefined || high <= req.max)) return 'inside'
  return 'straddles'
}

export function baseRows(stats: GroupStatistics, include: Uint8Array, minGroupSize: number): GroupRow[] {
  const cells = packCounts(stats.groups)
  return stats.groups.map((g, i) => {
    const row: GroupRow = {
      group: groupLabel(g.values),
      values: g.values,
      n: g.n,
      positives: g.tp + g.fn,
      negatives: g.fp + g.tn,
      predictedPositives: g.tp + g.fp,
      included: include[i] === 1,
      rates: groupRates(cells, i),
      intervals: Object.fromEntries(RATE_METRICS.map((m) => [m, null])) as GroupRow['intervals']
    }
    if (g.n === 0) row.excludedBecause = 'empty: no rows have this combination of values'
    else if (include[i] === 0) row.excludedBecause = `only ${g.n} rows, below minGroupSize ${minGroupSize}`
    return row
  })
}

export function findReference(stats: GroupStatistics, req: FairnessRequirement): number | string {
  if (req.referenceGroup === undefined) return -1
  const wanted = typeof req.referenceGroup === 'string' ? [req.referenceGroup] : req.referenceGroup
  const index = stats.groups.findIndex((g) => groupLabel(g.values) === groupLabel(wanted))
  if (index < 0) {
    return (
      `reference group "${groupLabel(wanted)}" does not occur ` +
      `in ${stats.features.join('×')}; groups ` +
      `are ${stats.groups.map((g) => `"${groupLabel(g.values)}"`).join(', ')}`
    )
  }
  return index
}

export const missingResult = (
  reason: string,
  table: GroupRow[],
  excluded: FairnessAssessment['excluded']
): FairnessAssessment => ({
  status: 'missing',
  reason,
  point: null,
  interval: null,
  undefinedResamples: 0,
  table,
  excluded
})
