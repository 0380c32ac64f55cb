/**
 * `check: fairness` — bias requirements over the evaluation data. Finds the group statistics the
 * recompute stored under `candidate.recomputed.value.groups[<features joined by '×'>]`, lets
 * assessFairness decide on the bootstrap interval, and words the result for the report and card.
 * Missing evidence (no recompute, no statistics for these features, a bad column) is `missing`,
 * never a pass.
 */
import { assessFairness, type FairnessAssessment } from '../fairness/assess.js'
import { groupsKey, type GroupStatistics, type GroupStatisticsEntry } from '../fairness/types.js'
import { claimFields } from '../controls/claim-fields.js'
import type { Evidence, Provenance } from '../evidence/types.js'
import type { FairnessRequirement } from '../policy/fairness-schema.js'
import type { SourceLocation } from '../policy/types.js'
import type { EvidenceRef, RequirementResult } from '../verdict/types.js'
import { formatNumber, type CheckContext } from './check.js'

/** A fairness requirement as the policy loader hands it over (with where it is written). */
export type LocatedFairnessRequirement = FairnessRequirement & { location?: SourceLocation }

/** 0.95 → "95%" (rounded so 0.57 does not print as 56.99999999999999%). */
const pct = (c: number): string => `${Math.round(c * 1000) / 10}%`
const fmt = (x: number | null): string => (x === null || Number.isNaN(x) ? 'undefined' : formatNumber(x))

function expectedText(req: FairnessRequirement): string {
  const bounds = [req.min !== undefined ? `≥ ${req.min}` : '', req.max !== undefined ? `≤ ${req.max}` : '']
    .filter(Boolean)
    .join(' and ')
  const scope =
    req.metric.endsWith('_difference') || req.metric.endsWith('_ratio')
      ? `${req.metric}`
      : `${req.metric} in every group`
  return (
    `${scope} ${bounds} over the whole ${pct(req.confidence)} interval (groups ` +
    `of ${req.sensitiveFeatures.join('×')} with ≥ ${req.minGroupSize} rows)`
  )
}

function baseResult(
  req: LocatedFairnessRequirement
): Omit<RequirementResult, 'status' | 'observed' | 'message' | 'evidence'> {
  return {
    id: req.id,
    check: 'fairness',
    severity: req.severity,
    ...claimFields(req),
    expected: expectedText(req),
    ...(req.location === undefined ? {} : { location: req.location })
  }
}

function missingEvidence(
  req: LocatedFairnessRequirement,
  message: string,
  evidence: EvidenceRef[] = []
): RequirementResult {
  return { ...baseResult(req), status: 'missing', observed: 'no group statistics', message, evidence }
}

/** Words an assessment as a RequirementResult (details carry every number the card shows). */
export function fairnessResult(
  req: LocatedFairnessRequirement,
  assessment: FairnessAssessment,
  evidence: EvidenceRef[] = []
): RequirementResult {
  const { point, interval } = assessment
  const where = assessment.decidingGroup === undefined ? '' : ` (group "${assessment.decidingGroup}")`
  const observed =
    point === null || interval === null
      ? 'undecided'
      : `${fmt(point)}${where}, ${pct(interval.confidence)} CI [${fmt(interval.low)}, ${fmt(interval.high)}]`
  const excludedNote =
    assessment.excluded.length === 0
      ? ''
      : ` Excluded groups: ${assessment.excluded.map((e) => `"${e.group}" (${e.reason})`).join('; ')}.`
  const verb = assessment.status === 'pass' ? 'Passes' : assessment.status === 'fail' ? 'Fails' : 'Cannot decide'
  return {
    ...baseResult(req),
    status: assessment.status,
    observed,
    message: `${verb}: ${assessment.reason}.${excludedNote}`,
    evidence,
    details: {
      metric: req.metric,
      sensitiveFeatures: req.sensitiveFeatures,
      point,
      interval: interval === null ? null : { low: interval.low, high: interval.high, confidence: interval.confidence },
      seed: req.seed,
      nBoot: req.nBoot,
      method: 'percentile bootstrap; resamples rows as a multinomial over group × confusion-cell counts',
      minGroupSize: req.minGroupSize,
      ...(req.min !== undefined ? { min: req.min } : {}),
      ...(req.max !== undefined ? { max: req.max } : {}),
      ...(req.referenceGroup !== undefined ? { referenceGroup: req.referenceGroup } : {}),
      ...(assessment.decidingGroup !== undefined ? { decidingGroup: assessment.decidingGroup } : {}),
      undefinedResamples: assessment.undefinedResamples,
      groups: assessment.table,
      excludedGroups: assessment.excluded
    }
  }
}

const isStatistics = (entry: unknown): entry is GroupStatistics =>
  typeof entry === 'object' && entry !== null && (entry as { kind?: unknown }).kind === 'group-statistics'

/** Decides a fairness requirement from group statistics directly (no Evidence around them). */
export function checkFairnessOnStatistics(
  req: LocatedFairnessRequirement,
  entry: GroupStatisticsEntry | undefined,
  provenance?: Provenance
): RequirementResult {
  const key = groupsKey(req.sensitiveFeatures)
  const evidence: EvidenceRef[] = provenance === undefined ? [] : [{ label: `recomputed groups ${key}`, provenance }]
  if (entry === undefined) {
    return missingEvidence(
      req,
      `No group statistics for ${key}: the recompute did not compute them; make sure ` +
        `the fairness requirement reaches the recompute step and the evaluation data has ` +
        `these columns.`,
      evidence
    )
  }
  if (!isStatistics(entry)) {
    const detail = entry.kind === 'missing' ? entry.detail : `unexpected entry under groups["${key}"]`
    return missingEvidence(req, `Group statistics for ${key} could not be computed: ${detail}.`, evidence)
  }
  return fairnessResult(req, assessFairness(req, entry), evidence)
}

/**
 * The registry entry, shaped like `Check` in check.ts: (requirement, evidence, ctx) → result.
 * The clock in `ctx` is not needed: intervals come from the recorded seed, not from time.
 */
export function checkFairness(
  req: LocatedFairnessRequirement,
  evidence: Evidence,
  _ctx?: CheckContext
): RequirementResult {
  const recomputed = evidence.candidate.recomputed
  if (recomputed === undefined) {
    return missingEvidence(
      req,
      'No recomputed evaluation: the fairness check needs the model run on the ' +
        'evaluation data (or a predictionColumn); configure the evaluation data for the ' +
        'recompute.'
    )
  }
  if (recomputed.kind === 'missing') {
    return missingEvidence(req, `The recompute could not run, so there are no group statistics: ${recomputed.detail}`)
  }
  const entry = recomputed.value.groups?.[groupsKey(req.sensitiveFeatures)] as GroupStatisticsEntry | undefined
  return checkFairnessOnStatistics(req, entry, recomputed.provenance)
}
