/**
 * The decision behind `check: selection-rate-ratio`, on group confusion counts alone (pure).
 *
 * Impact ratio of a group = its selection rate / the reference group's selection rate. The
 * reference is fixed on the full evaluation data (the named group, or the group with the highest
 * selection rate), so each group's ratio interval answers "how far below the reference is this
 * group". The headline is the lowest ratio of the other included groups; with `reference:
 * highest` it equals fairlearn's demographic_parity_ratio over the included groups.
 *
 * Rows whose value is an unknown category are counted and left out; groups under minGroupSize or
 * under the excludeBelow share are listed and left out. Any doubt (no reference, a reference rate
 * of 0, too few groups, an interval that straddles the limit) is `missing`, never a pass.
 */
import { bootstrapCounts } from './bootstrap.js'
import { groupRate, packCounts } from './metrics.js'
import { fmt, pct } from './assessment.js'
import { groupLabel, type GroupStatistics, type Interval } from './types.js'
import type { SelectionRateRatioRequirement } from '../policy/selection-rate-schema.js'

export interface ImpactRow {
  group: string
  n: number
  /** Share of all rows (unknown-category rows included). */
  share: number
  selectionRate: number | null
  impactRatio: number | null
  interval: [number, number] | null
  included: boolean
  excludedBecause?: string
  reference: boolean
}

export interface SelectionRateAssessment {
  status: 'pass' | 'fail' | 'missing'
  reason: string
  /** Lowest impact ratio of the included non-reference groups. */
  point: number | null
  interval: Interval | null
  lowestGroup?: string
  referenceGroup?: string
  unknownCount: number
  undefinedResamples: number
  table: ImpactRow[]
  excluded: { group: string; n: number; reason: string }[]
}

type Req = Pick<
  SelectionRateRatioRequirement,
  | 'reference'
  | 'min'
  | 'minGroupSize'
  | 'excludeBelow'
  | 'unknownCategories'
  | 'nBoot'
  | 'seed'
  | 'confidence'
  | 'sensitiveFeatures'
>

function exclusion(req: Req, values: string[], n: number, rows: number): string | undefined {
  if (n === 0) return 'no rows'
  if (values.some((v) => req.unknownCategories?.includes(v))) return 'unknown category'
  if (req.excludeBelow !== undefined && n / rows < req.excludeBelow)
    return `${pct(n / rows)} of rows, under excludeBelow ${pct(req.excludeBelow)}`
  if (n < req.minGroupSize) return `${n} rows, under minGroupSize ${req.minGroupSize}`
  return undefined
}

export function assessSelectionRateRatio(req: Req, stats: GroupStatistics): SelectionRateAssessment {
  const cells = packCounts(stats.groups)
  const unknownCount = stats.groups
    .filter((g) => g.values.some((v) => req.unknownCategories?.includes(v)))
    .reduce((sum, g) => sum + g.n, 0)
  const table: ImpactRow[] = stats.groups.map((g, i) => {
    const why = exclusion(req, g.values, g.n, stats.rows)
    const rate = groupRate('selection_rate', cells, i)
    return {
      group: groupLabel(g.values),
      n: g.n,
      share: stats.rows === 0 ? 0 : g.n / stats.rows,
      selectionRate: Number.isNaN(rate) ? null : rate,
      impactRatio: null,
      interval: null,
      included: why === undefined,
      ...(why === undefined ? {} : { excludedBecause: why }),
      reference: false
    }
  })
  const excluded = table
    .filter((r) => !r.included && r.n > 0)
    .map((r) => ({
      group: r.group,
      n: r.n,
      reason: r.excludedBecause ?? ''
    }))
  const result = (status: SelectionRateAssessment['status'], reason: string, extra = {}): SelectionRateAssessment => ({
    status,
    reason,
    point: null,
    interval: null,
    unknownCount,
    undefinedResamples: 0,
    table,
    excluded,
    ...extra
  })
  const included = table.flatMap((r, i) => (r.included ? [i] : []))
  const features = stats.features.join('×')
  if (included.length < 2) {
    return result(
      'missing',
      `only ${included.length} group(s) of ${features} can be compared ` +
        `(${excluded.map((e) => `${e.group}: ${e.reason}`).join('; ') || 'no other groups in the data'}); ` +
        `collect more evaluation data for these groups or lower minGroupSize`
    )
  }
  let reference: number
  if (req.reference === 'highest') {
    reference = included.reduce((best, i) =>
      (table[i]!.selectionRate ?? 0) > (table[best]!.selectionRate ?? 0) ? i : best
    )
  } else {
    const label = groupLabel(typeof req.reference === 'string' ? [req.reference] : req.reference)
    reference = table.findIndex((r) => r.group === label)
    if (reference < 0 || table[reference]!.n === 0) {
      return result(
        'missing',
        `reference group "${label}" is not in the evaluation data (groups: ` +
          `${table
            .filter((r) => r.n > 0)
            .map((r) => r.group)
            .join(', ')}); fix the reference value or the data`
      )
    }
    if (!table[reference]!.included) {
      return result(
        'missing',
        `reference group "${label}" is excluded (${table[reference]!.excludedBecause}); choose a larger reference group`
      )
    }
  }
  const referenceRow = table[reference]!
  referenceRow.reference = true
  if (!referenceRow.selectionRate) {
    return result(
      'missing',
      `the reference group "${referenceRow.group}" has a selection rate of 0, so no ratio is defined; ` +
        `check the predictions (does the model ever select anyone?)`,
      { referenceGroup: referenceRow.group }
    )
  }
  const others = included.filter((i) => i !== reference)
  const ratio = (c: Float64Array, g: number): number => {
    const base = groupRate('selection_rate', c, reference)
    return base === 0 || Number.isNaN(base) ? Number.NaN : groupRate('selection_rate', c, g) / base
  }
  const lowest = (c: Float64Array): number => Math.min(...others.map((g) => ratio(c, g)))
  const settings = { nBoot: req.nBoot, seed: req.seed, confidence: req.confidence }
  const boot = bootstrapCounts(cells, [lowest, ...others.map((g) => (c: Float64Array) => ratio(c, g))], settings)
  others.forEach((g, k) => {
    const row = table[g]!
    row.impactRatio = ratio(cells, g)
    const iv = boot.statistics[k + 1]!.interval
    if (!Number.isNaN(iv.low)) row.interval = [iv.low, iv.high]
  })
  referenceRow.impactRatio = 1
  const point = lowest(cells)
  const lowestGroup = table[others.reduce((w, g) => (ratio(cells, g) < ratio(cells, w) ? g : w))]!.group
  const { interval, undefinedResamples } = boot.statistics[0]!
  const extra = { point, interval, lowestGroup, referenceGroup: referenceRow.group, undefinedResamples }
  const iv = `${pct(req.confidence)} interval [${fmt(interval.low)}, ${fmt(interval.high)}]`
  if (undefinedResamples > 0) {
    return result(
      'missing',
      `in ${undefinedResamples} of ${req.nBoot} resamples a group lost all its rows or the reference group selected ` +
        `no one, so the interval is not reliable; collect more data for the smallest groups`,
      extra
    )
  }
  if (req.min === undefined) {
    return result(
      'pass',
      `reported, no threshold set: lowest impact ratio "${lowestGroup}" ${fmt(point)}, ${iv}`,
      extra
    )
  }
  if (interval.low >= req.min)
    return result('pass', `the lowest impact ratio's whole ${iv} is at or above ${req.min}`, extra)
  if (interval.high < req.min)
    return result('fail', `group "${lowestGroup}": the lowest impact ratio's whole ${iv} is below ${req.min}`, extra)
  return result(
    'missing',
    `the lowest impact ratio's ${iv} straddles ${req.min}, so the data cannot decide; collect more evaluation data`,
    extra
  )
}
