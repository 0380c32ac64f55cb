/**
 * Metric requirements a starter policy proposes from what a run logged: a floor (or ceiling) per
 * metric for every profile, and a comparison with the champion for staging. Thresholds come from
 * the champion's values when there is a champion, else from the version's own, so the version
 * `init` read passes the pull-request profile and a clearly worse one does not.
 */
import { knownDirection } from '../metrics/direction.js'
import type { LoggedMetric, Present } from '../evidence/types.js'
import { requirementIds } from './requirement-ids.js'

/** Counts, not quality: a threshold on them says nothing about the model. */
const COUNTS = new Set(['example_count', 'true_positives', 'true_negatives', 'false_positives', 'false_negatives'])

/** A floor this far below the reference value (relative): catches a broken model, not noise. */
export const FLOOR_MARGIN = 0.1
/** The largest worsening versus the champion staging allows (relative, 0.05 = 5 %). */
export const CHAMPION_MARGIN = 0.05

export interface MetricProposal {
  metric: string
  id: string
  /** Known from the metric's name; `guessed` when the gate does not know the metric. */
  higherIsBetter: boolean
  guessed: boolean
  /** The value the threshold was proposed from and where it came from. */
  reference: { value: number; from: 'champion' | 'candidate' }
  bound: { min: number } | { max: number }
  /** Present when the champion logged the metric too. */
  championValue?: number
}

type Metrics = Record<string, Present<LoggedMetric>>

/** `x` rounded to 4 significant digits towards `down` (floor) or up (ceiling), never past it. */
export function roundTowards(x: number, down: boolean): number {
  if (x === 0 || !Number.isFinite(x)) return x
  // 0.865 - 0.0865 is 0.77849999… in binary: round away that noise first, or the floor loses a digit.
  const value = Number(x.toPrecision(12))
  const step = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 3)
  const scaled = Number((value / step).toPrecision(12))
  const rounded = (down ? Math.floor(scaled) : Math.ceil(scaled)) * step
  // Binary floating point: 0.8124 * 10 may read 0.81240000001; 4 digits is what was meant.
  return Number(rounded.toPrecision(4))
}

function boundFrom(value: number, higherIsBetter: boolean): MetricProposal['bound'] {
  const slack = Math.abs(value) * FLOOR_MARGIN
  return higherIsBetter ? { min: roundTowards(value - slack, true) } : { max: roundTowards(value + slack, false) }
}

export function proposeMetrics(
  candidate: Metrics,
  champion: Metrics | undefined,
  reserved: string[]
): MetricProposal[] {
  const names = Object.keys(candidate)
    .filter((name) => !COUNTS.has(name) && Number.isFinite(candidate[name]?.value.value))
    .sort()
  const ids = requirementIds(names, 'metric', reserved)
  return names.map((metric, index) => {
    const direction = knownDirection(metric)
    const higherIsBetter = direction !== 'lower-is-better'
    const championValue = champion?.[metric]?.value.value
    const usable = championValue !== undefined && Number.isFinite(championValue)
    const reference = usable
      ? { value: championValue, from: 'champion' as const }
      : { value: candidate[metric]?.value.value ?? 0, from: 'candidate' as const }
    return {
      metric,
      id: ids[index] ?? `metric-${index + 1}`,
      higherIsBetter,
      guessed: direction === undefined,
      reference,
      bound: boundFrom(reference.value, higherIsBetter),
      ...(usable ? { championValue } : {})
    }
  })
}
