/**
 * The per-group table of a fairness result as plain cells, for the report and the model card:
 * group, n, positives, each rate with its interval, and whether the group was excluded (and why).
 * Renderers only lay the cells out (markdown, HTML, terminal) and escape them.
 */
import type { GroupRow } from './assess.js'
import { RATE_METRICS, type RateMetric } from './metrics.js'

export interface GroupTable {
  header: string[]
  rows: string[][]
  /** One sentence naming the excluded groups, or '' when none was excluded. */
  excludedNote: string
}

const SHORT: Record<RateMetric, string> = {
  selection_rate: 'selection rate',
  true_positive_rate: 'TPR',
  false_positive_rate: 'FPR',
  false_negative_rate: 'FNR',
  precision_score: 'precision',
  accuracy_score: 'accuracy'
}

const num = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(3))

function cell(value: number | null, interval: [number, number] | null | undefined): string {
  if (value === null) return '—'
  return interval ? `${num(value)} [${num(interval[0])}, ${num(interval[1])}]` : num(value)
}

/** Cells for `details.groups` of a fairness result (`rates` limits the rate columns shown). */
export function fairnessGroupTable(
  groups: readonly GroupRow[],
  rates: readonly RateMetric[] = RATE_METRICS
): GroupTable {
  const withAuc = groups.some((g) => g.rocAuc !== undefined)
  const header = ['group', 'n', 'positives', ...rates.map((r) => SHORT[r]), ...(withAuc ? ['ROC AUC'] : []), 'used']
  const rows = groups.map((g) => [
    g.group,
    String(g.n),
    String(g.positives),
    ...rates.map((r) => cell(g.rates[r], g.intervals[r])),
    ...(withAuc ? [g.rocAuc ? cell(g.rocAuc.value, g.rocAuc.interval) : '—'] : []),
    g.included ? 'yes' : `no: ${g.excludedBecause ?? 'excluded'}`
  ])
  const excluded = groups.filter((g) => !g.included)
  const excludedNote =
    excluded.length === 0
      ? ''
      : `Excluded from the ` +
        `metric: ${excluded.map((g) => `${g.group} (${g.excludedBecause ?? 'excluded'})`).join('; ')}.`
  return { header, rows, excludedNote }
}
