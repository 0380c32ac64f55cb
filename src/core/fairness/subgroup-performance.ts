/**
 * The decision behind `check: subgroup-performance`, on group confusion counts alone (pure): one
 * rate per included group and the gap between the best and the worst, all from the same
 * bootstrap resamples. Any included group whose rate is undefined (no positives for recall …),
 * or any resample in which it becomes undefined, makes the result `missing`.
 */
import { bootstrapCounts } from './bootstrap.js'
import { fmt, pct } from './assessment.js'
import { RATE_DENOMINATOR, groupRate, includeBySize, packCounts, type RateMetric } from './metrics.js'
import { groupLabel, type GroupStatistics } from './types.js'
import type { SubgroupPerformanceRequirement } from '../policy/subgroup-schema.js'

export interface SubgroupRow {
  group: string
  n: number
  value: number | null
  interval: [number, number] | null
  included: boolean
}

export interface SubgroupAssessment {
  status: 'pass' | 'fail' | 'missing'
  reason: string
  gap: { value: number; interval: [number, number] } | null
  table: SubgroupRow[]
  excluded: { group: string; n: number; reason: string }[]
}

type Req = Pick<
  SubgroupPerformanceRequirement,
  'metric' | 'min' | 'maxGap' | 'minGroupSize' | 'nBoot' | 'seed' | 'confidence'
>

export function assessSubgroupPerformance(req: Req, stats: GroupStatistics): SubgroupAssessment {
  const metric: RateMetric = req.metric
  const cells = packCounts(stats.groups)
  const include = includeBySize(stats.groups, req.minGroupSize)
  const table: SubgroupRow[] = stats.groups.map((g, i) => {
    const v = groupRate(metric, cells, i)
    return {
      group: groupLabel(g.values),
      n: g.n,
      value: Number.isNaN(v) ? null : v,
      interval: null,
      included: include[i] === 1
    }
  })
  const excluded = table
    .filter((r) => !r.included && r.n > 0)
    .map((r) => ({ group: r.group, n: r.n, reason: `${r.n} rows, under minGroupSize ${req.minGroupSize}` }))
  const done = (status: SubgroupAssessment['status'], reason: string, gap: SubgroupAssessment['gap'] = null) => ({
    status,
    reason,
    gap,
    table,
    excluded
  })
  const included = table.flatMap((r, i) => (r.included ? [i] : []))
  if (included.length < (req.maxGap === undefined ? 1 : 2)) {
    return done('missing', `too few groups with at least ${req.minGroupSize} rows; collect more evaluation data`)
  }
  const undefinedGroup = included.find((i) => table[i]!.value === null)
  if (undefinedGroup !== undefined) {
    const row = table[undefinedGroup]!
    return done('missing', `group "${row.group}" has no ${RATE_DENOMINATOR[metric]}, so its ${metric} is undefined`)
  }
  const gapOf = (c: Float64Array): number => {
    const values = included.map((g) => groupRate(metric, c, g))
    return Math.max(...values) - Math.min(...values)
  }
  const settings = { nBoot: req.nBoot, seed: req.seed, confidence: req.confidence }
  const boot = bootstrapCounts(
    cells,
    [gapOf, ...included.map((g) => (c: Float64Array) => groupRate(metric, c, g))],
    settings
  )
  const thin = boot.statistics.find((s) => s.undefinedResamples > 0)
  included.forEach((g, k) => {
    const iv = boot.statistics[k + 1]!.interval
    table[g]!.interval = [iv.low, iv.high]
  })
  const gapInterval = boot.statistics[0]!.interval
  const gap = { value: gapOf(cells), interval: [gapInterval.low, gapInterval.high] as [number, number] }
  if (thin !== undefined) {
    return done('missing', `in some resamples a group lost all its ${RATE_DENOMINATOR[metric]}; collect more data`, gap)
  }
  const rows = included.map((g) => table[g]!)
  const iv = (r: [number, number]) => `${pct(req.confidence)} interval [${fmt(r[0])}, ${fmt(r[1])}]`
  const fails: string[] = []
  const undecided: string[] = []
  if (req.min !== undefined) {
    for (const r of rows) {
      if (r.interval![1] < req.min)
        fails.push(`group "${r.group}" is below ${req.min} over its whole ${iv(r.interval!)}`)
      else if (r.interval![0] < req.min)
        undecided.push(`the ${iv(r.interval!)} of group "${r.group}" straddles ${req.min}`)
    }
  }
  if (req.maxGap !== undefined) {
    if (gap.interval[0] > req.maxGap)
      fails.push(`the best-to-worst gap is above ${req.maxGap} over its whole ${iv(gap.interval)}`)
    else if (gap.interval[1] > req.maxGap) undecided.push(`the gap's ${iv(gap.interval)} straddles ${req.maxGap}`)
  }
  if (fails.length > 0) return done('fail', fails.join('; '), gap)
  if (undecided.length > 0) return done('missing', `${undecided.join('; ')}, so the data cannot decide`, gap)
  return done(
    'pass',
    `every group's interval${req.maxGap === undefined ? '' : ' and the gap'} is within the limits`,
    gap
  )
}
