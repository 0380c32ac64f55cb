/**
 * The decision behind `check: fairness`, on group statistics alone (pure; the check in
 * src/core/checks/fairness.ts only finds the statistics in the evidence and words the result).
 *
 * Rules: groups below minGroupSize (and empty intersections) are reported and excluded; a rate
 * that is undefined for an included group (no positives for TPR…) makes the result missing, naming
 * the group; the decision is on the bootstrap interval: pass when it lies wholly inside the limit,
 * fail when wholly outside, missing when it straddles it or when any resample was undefined.
 */
import { bootstrapCounts, type CountStatistic } from './bootstrap.js'
import {
  RATE_DENOMINATOR,
  RATE_METRICS,
  disparity,
  groupRate,
  includeBySize,
  packCounts,
  ratesOf,
  type DisparityMetric,
  type RateMetric
} from './metrics.js'
import type { GroupStatistics, Interval } from './types.js'
import {
  baseRows,
  decide,
  type FairnessAssessment,
  type FairnessStatus,
  findReference,
  fmt,
  type GroupRow,
  isDisparity,
  missingResult,
  pct
} from './assessment.js'
import type { FairnessRequirement } from '../policy/fairness-schema.js'

export type { FairnessAssessment, FairnessStatus, GroupRow } from './assessment.js'

/** Decides one fairness requirement on one set of group statistics. */
export function assessFairness(req: FairnessRequirement, stats: GroupStatistics): FairnessAssessment {
  const include = includeBySize(stats.groups, req.minGroupSize)
  const table = baseRows(stats, include, req.minGroupSize)
  const excluded = table
    .filter((r) => !r.included)
    .map((r) => ({ group: r.group, n: r.n, reason: r.excludedBecause ?? '' }))
  const featureText = stats.features.join('×')
  const nonEmpty = table.filter((r) => r.n > 0)
  const included = table.filter((r) => r.included)
  const comparing = isDisparity(req.metric)

  if (comparing && nonEmpty.length === 1) {
    return missingResult(
      `${featureText} has a single group ("${nonEmpty[0]!.group}") in ` +
        `all ${stats.rows} rows, so there is nothing to compare; check that the column ` +
        `is the right one and that the evaluation data is not filtered to one group`,
      table,
      excluded
    )
  }
  if (included.length < (comparing ? 2 : 1)) {
    return missingResult(
      `only ${included.length} group(s) of ${featureText} have at ` +
        `least ${req.minGroupSize} rows ` +
        `(${excluded.map((e) => `${e.group}: ${e.n}`).join(', ')}); collect more ` +
        `evaluation data for these groups or lower minGroupSize`,
      table,
      excluded
    )
  }

  let reference = -1
  if (req.metric === 'disparate_impact_ratio') {
    const found = findReference(stats, req)
    if (typeof found === 'string') return missingResult(found, table, excluded)
    if (found >= 0 && include[found] === 0) {
      return missingResult(
        `reference group "${table[found]!.group}" has only ${table[found]!.n} rows ` +
          `(minGroupSize ${req.minGroupSize}); choose a larger reference group or collect ` +
          `more data`,
        table,
        excluded
      )
    }
    reference = found
  }

  const cells = packCounts(stats.groups)
  const rates: readonly RateMetric[] = comparing
    ? ratesOf(req.metric as DisparityMetric)
    : req.metric === 'roc_auc'
      ? []
      : [req.metric as RateMetric]
  for (const rate of rates) {
    const bad = included.find((r) => r.rates[rate] === null)
    if (bad !== undefined) {
      return missingResult(
        `group "${bad.group}" has no ${RATE_DENOMINATOR[rate]} (n = ${bad.n}), so ` +
          `its ${rate} is undefined; collect more such rows for this group, or raise ` +
          `minGroupSize to exclude it`,
        table,
        excluded
      )
    }
  }

  // One set of resamples for the headline statistic and every rate in the table.
  const statistics: CountStatistic[] = []
  if (comparing) statistics.push((c) => disparity(req.metric as DisparityMetric, c, include, reference))
  const rateSlots: { row: number; rate: RateMetric }[] = []
  table.forEach((row, i) => {
    if (row.n === 0) return
    for (const rate of RATE_METRICS) {
      rateSlots.push({ row: i, rate })
      statistics.push((c) => groupRate(rate, c, i))
    }
  })
  const settings = { nBoot: req.nBoot, seed: req.seed, confidence: req.confidence }
  const boot = bootstrapCounts(cells, statistics, settings)
  const offset = comparing ? 1 : 0
  rateSlots.forEach(({ row, rate }, k) => {
    const s = boot.statistics[k + offset]!
    if (table[row]!.rates[rate] !== null && !Number.isNaN(s.interval.low))
      table[row]!.intervals[rate] = [s.interval.low, s.interval.high]
  })

  if (comparing) {
    const point = disparity(req.metric as DisparityMetric, cells, include, reference)
    if (Number.isNaN(point)) {
      const denominator =
        req.metric === 'disparate_impact_ratio' && reference >= 0
          ? "the reference group's selection rate"
          : 'the largest group rate'
      return missingResult(
        `${req.metric} is undefined on this data: ${denominator} is 0, so the ratio ` +
          `divides by zero; check the predictions (does the model ever predict the ` +
          `positive class?)`,
        table,
        excluded
      )
    }
    const { interval, undefinedResamples } = boot.statistics[0]!
    const where = decide(interval.low, interval.high, req)
    const status: FairnessStatus =
      undefinedResamples > 0 ? 'missing' : where === 'inside' ? 'pass' : where === 'outside' ? 'fail' : 'missing'
    const reason =
      undefinedResamples > 0
        ? `in ${undefinedResamples} of ${req.nBoot} resamples a group lost all ` +
          `its ${rates.map((r) => RATE_DENOMINATOR[r]).join('/')}, so the interval is not ` +
          `reliable; collect more data for the smallest groups or raise minGroupSize`
        : where === 'inside'
          ? `the whole ${pct(req.confidence)} interval ` +
            `[${fmt(interval.low)}, ${fmt(interval.high)}] is within the limit`
          : where === 'outside'
            ? `the whole ${pct(req.confidence)} interval ` +
              `[${fmt(interval.low)}, ${fmt(interval.high)}] is outside the limit`
            : `the ${pct(req.confidence)} interval ` +
              `[${fmt(interval.low)}, ${fmt(interval.high)}] straddles the limit, so the data ` +
              `cannot decide; collect more evaluation data (the interval narrows with more rows)`
    return { status, reason, point, interval, undefinedResamples, table, excluded }
  }
  return assessPerGroup(req, stats, table, excluded, boot.statistics.slice(offset), rateSlots)
}

/** "Every included group" thresholds (rates or ROC AUC): the worst group decides. */
function assessPerGroup(
  req: FairnessRequirement,
  stats: GroupStatistics,
  table: GroupRow[],
  excluded: FairnessAssessment['excluded'],
  rateBoot: { interval: Interval; undefinedResamples: number }[],
  rateSlots: { row: number; rate: RateMetric }[]
): FairnessAssessment {
  const perGroup: { row: GroupRow; value: number; interval: Interval; undefinedResamples: number }[] = []
  if (req.metric === 'roc_auc') {
    const auc = stats.performance?.roc_auc
    if (auc === undefined) {
      return missingResult(
        'the recompute did not compute per-group roc_auc for these groups; it needs ' +
          'prediction scores and a roc_auc fairness requirement when the model is run',
        table,
        excluded
      )
    }
    for (const row of table.filter((r) => r.n > 0)) {
      const entry = auc[row.group]
      if (entry !== undefined)
        row.rocAuc = {
          value: entry.value,
          ...(entry.interval ? { interval: [entry.interval.low, entry.interval.high] as [number, number] } : {})
        }
      if (!row.included) continue
      if (entry === undefined || entry.value === null) {
        return missingResult(
          `group "${row.group}" has only one class (positives ${row.positives}, ` +
            `negatives ${row.negatives}), so its roc_auc is undefined; collect both classes ` +
            `for this group or raise minGroupSize to exclude it`,
          table,
          excluded
        )
      }
      const iv = entry.interval
      if (iv === undefined || iv.nBoot !== req.nBoot || iv.seed !== req.seed || iv.confidence !== req.confidence) {
        return missingResult(
          `the stored roc_auc interval for "${row.group}" was not made with this ` +
            `requirement's nBoot/seed/confidence; rerun the recompute with them`,
          table,
          excluded
        )
      }
      perGroup.push({ row, value: entry.value, interval: iv, undefinedResamples: 0 })
    }
  } else {
    rateSlots.forEach(({ row, rate }, k) => {
      const r = table[row]!
      if (rate !== req.metric || !r.included) return
      perGroup.push({
        row: r,
        value: r.rates[rate]!,
        interval: rateBoot[k]!.interval,
        undefinedResamples: rateBoot[k]!.undefinedResamples
      })
    })
  }
  // Worst = farthest on the wrong side: lowest value under a min, highest under a max.
  const worse = (a: number, b: number): boolean => (req.min !== undefined ? a < b : a > b)
  const worst = perGroup.reduce((w, g) => (worse(g.value, w.value) ? g : w))
  const failing = perGroup.find(
    (g) => g.undefinedResamples === 0 && decide(g.interval.low, g.interval.high, req) === 'outside'
  )
  const thin = perGroup.find((g) => g.undefinedResamples > 0)
  const straddling = perGroup.find((g) => decide(g.interval.low, g.interval.high, req) !== 'inside')
  const shown = failing ?? thin ?? straddling ?? worst
  const iv = `${pct(req.confidence)} interval [${fmt(shown.interval.low)}, ${fmt(shown.interval.high)}]`
  const status: FairnessStatus = failing ? 'fail' : thin || straddling ? 'missing' : 'pass'
  const reason = failing
    ? `group "${failing.row.group}" is outside the limit over its whole ${iv}`
    : thin
      ? `in ${thin.undefinedResamples} of ${req.nBoot} resamples group ` +
        `"${thin.row.group}" lost all its ${RATE_DENOMINATOR[req.metric as RateMetric]}; ` +
        `collect more data for it or raise minGroupSize`
      : straddling
        ? `the ${iv} of group "${straddling.row.group}" straddles the limit, so the data ` +
          `cannot decide; collect more evaluation data for this group`
        : `every included group's ${pct(req.confidence)} interval is within the limit ` +
          `(worst: "${worst.row.group}" at ${fmt(worst.value)})`
  return {
    status,
    reason,
    point: shown.value,
    interval: shown.interval,
    decidingGroup: shown.row.group,
    undefinedResamples: shown.undefinedResamples,
    table,
    excluded
  }
}
