/**
 * `check: calibration` — Brier score or ECE, overall and in every group large enough to judge,
 * read from the calibration the recompute stored with the group statistics. The decision is on
 * the bootstrap intervals: pass when every whole interval is at or below `max`, fail when one
 * lies wholly above it, missing otherwise (and whenever the evidence is absent or was computed
 * with other settings).
 */
import type { CalibrationFigure } from '../fairness/group-calibration.js'
import { groupsKey, type GroupStatistics } from '../fairness/types.js'
import type { Evidence } from '../evidence/types.js'
import type { CalibrationRequirement } from '../policy/calibration-schema.js'
import type { LocatedRequirement } from '../policy/types.js'
import type { EvidenceRef, RequirementResult } from '../verdict/types.js'
import { formatNumber, resultFor } from './check.js'

type Located = Extract<LocatedRequirement, { check: 'calibration' }>

const pct = (c: number): string => `${Math.round(c * 1000) / 10}%`

function expectedText(req: CalibrationRequirement): string {
  const bins = req.metric === 'expected_calibration_error' ? `, ${req.bins} equal-width bins` : ''
  return (
    `${req.metric} ≤ ${req.max} over the whole ${pct(req.confidence)} interval, overall and in every ` +
    `${req.sensitiveFeatures.join('×')} group with ≥ ${req.minGroupSize} rows${bins}`
  )
}

function missing(req: Located, message: string, evidence: EvidenceRef[] = []): RequirementResult {
  return resultFor(req, {
    status: 'missing',
    observed: 'no calibration',
    expected: expectedText(req),
    message,
    evidence
  })
}

const isStatistics = (entry: unknown): entry is GroupStatistics =>
  typeof entry === 'object' && entry !== null && (entry as { kind?: unknown }).kind === 'group-statistics'

interface Judged {
  label: string
  value: number
  low: number
  high: number
}

function judged(label: string, figure: CalibrationFigure, metric: CalibrationRequirement['metric']): Judged | string {
  const value = metric === 'brier_score' ? figure.brier : figure.ece
  const interval = metric === 'brier_score' ? figure.brierInterval : figure.eceInterval
  if (value === null || interval === undefined || Number.isNaN(interval.low))
    return `${label} has no ${metric} (no usable rows)`
  return { label, value, low: interval.low, high: interval.high }
}

export function checkCalibration(req: Located, evidence: Evidence): RequirementResult {
  const recomputed = evidence.candidate.recomputed
  if (recomputed === undefined)
    return missing(req, 'No recomputed evaluation: calibration needs the model run on the evaluation data.')
  if (recomputed.kind === 'missing')
    return missing(req, `The recompute could not run, so there is no calibration: ${recomputed.detail}`)
  const key = groupsKey(req.sensitiveFeatures)
  const refs: EvidenceRef[] = [{ label: `recomputed groups ${key}`, provenance: recomputed.provenance }]
  const entry: unknown = recomputed.value.groups?.[key]
  if (!isStatistics(entry)) {
    const detail = (entry as { detail?: unknown } | undefined)?.detail
    return missing(req, `No calibration for ${key}${detail === undefined ? '' : `: ${String(detail)}`}.`, refs)
  }
  const c = entry.calibration
  if (
    c === undefined ||
    c.bins !== req.bins ||
    c.nBoot !== req.nBoot ||
    c.seed !== req.seed ||
    c.confidence !== req.confidence
  ) {
    return missing(
      req,
      `The stored calibration of ${key} was not computed with this requirement's bins/nBoot/seed/confidence ` +
        `(two calibration requirements on the same features must share them).`,
      refs
    )
  }
  const excluded = Object.entries(c.byGroup)
    .filter(([, f]) => f.n < req.minGroupSize)
    .map(([group, f]) => ({ group, n: f.n, reason: `${f.n} rows, under minGroupSize ${req.minGroupSize}` }))
  const candidates = [
    judged('overall', c.overall, req.metric),
    ...Object.entries(c.byGroup)
      .filter(([, f]) => f.n >= req.minGroupSize)
      .map(([group, f]) => judged(`group "${group}"`, f, req.metric))
  ]
  const problem = candidates.find((x): x is string => typeof x === 'string')
  if (problem !== undefined) return missing(req, `Cannot judge calibration: ${problem}.`, refs)
  const figures = candidates as Judged[]
  if (figures.length < 2)
    return missing(req, `No group of ${key} has at least ${req.minGroupSize} rows; collect more evaluation data.`, refs)
  const worst = (list: Judged[]): Judged | undefined =>
    list.reduce<Judged | undefined>((w, f) => (w === undefined || f.value > w.value ? f : w), undefined)
  const failing = worst(figures.filter((f) => f.low > req.max))
  const undecided = figures.find((f) => f.high > req.max)
  const shown = failing ?? undecided ?? figures.reduce((w, f) => (f.value > w.value ? f : w))
  const iv = `${pct(req.confidence)} interval [${formatNumber(shown.low)}, ${formatNumber(shown.high)}]`
  const status = failing ? 'fail' : undecided ? 'missing' : 'pass'
  const reason = failing
    ? `Fails: ${shown.label} is above ${req.max} over its whole ${iv}`
    : undecided
      ? `Cannot decide: the ${iv} of ${shown.label} reaches above ${req.max}; collect more evaluation data`
      : `Passes: every whole interval is at or below ${req.max} (worst: ${shown.label} at ${formatNumber(shown.value)})`
  const note =
    excluded.length === 0 ? '' : ` Excluded: ${excluded.map((e) => `"${e.group}" (${e.reason})`).join('; ')}.`
  return resultFor(req, {
    status,
    observed: `${formatNumber(shown.value)} (${shown.label}), ${iv}`,
    expected: expectedText(req),
    message: `${reason}.${note}`,
    evidence: refs,
    details: {
      metric: req.metric,
      sensitiveFeatures: req.sensitiveFeatures,
      bins: c.bins,
      binning: "equal-width bins of [0, 1], as sklearn calibration_curve(strategy='uniform')",
      max: req.max,
      seed: req.seed,
      nBoot: req.nBoot,
      confidence: req.confidence,
      method: 'percentile bootstrap; resamples rows (group sizes multinomial, rows uniform within a group)',
      overall: c.overall,
      groups: c.byGroup,
      excludedGroups: excluded
    }
  })
}
