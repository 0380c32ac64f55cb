/**
 * `check: selection-rate-ratio` — impact ratios against a reference group, read from the group
 * statistics the recompute stored (as for `check: fairness`). A ratio at or above 0.8 is the
 * four-fifths *screen* of 29 CFR 1607.4(D): a rule of thumb for adverse impact, not a proof of
 * fairness; every message says so. Missing evidence is `missing`, never a pass.
 */
import { assessSelectionRateRatio } from '../fairness/selection-rate-ratio.js'
import { groupsKey, type GroupStatistics } from '../fairness/types.js'
import type { Evidence } from '../evidence/types.js'
import type { SelectionRateRatioRequirement } from '../policy/selection-rate-schema.js'
import type { LocatedRequirement } from '../policy/types.js'
import type { EvidenceRef, RequirementResult } from '../verdict/types.js'
import { formatNumber, resultFor } from './check.js'

type Located = Extract<LocatedRequirement, { check: 'selection-rate-ratio' }>

export const SCREEN_NOTE =
  'A selection-rate ratio is a screen for adverse impact (four-fifths rule, 29 CFR 1607.4(D)), not a proof of fairness.'

function expectedText(req: SelectionRateRatioRequirement): string {
  const reference = req.reference === 'highest' ? 'the highest-rate group' : `"${[req.reference].flat().join('×')}"`
  const limit =
    req.min === undefined
      ? 'reported (no threshold set)'
      : `lowest ratio ≥ ${req.min} over the whole ${Math.round(req.confidence * 100)}% interval`
  return (
    `selection rate of each ${req.sensitiveFeatures.join('×')} group / that of ${reference}: ${limit} ` +
    '(a screen for adverse impact, not a proof of fairness)'
  )
}

function missing(req: Located, message: string, evidence: EvidenceRef[] = []): RequirementResult {
  return resultFor(req, {
    status: 'missing',
    observed: 'no group statistics',
    expected: expectedText(req),
    message: `${message} ${SCREEN_NOTE}`,
    evidence
  })
}

const isStatistics = (entry: unknown): entry is GroupStatistics =>
  typeof entry === 'object' && entry !== null && (entry as { kind?: unknown }).kind === 'group-statistics'

export function checkSelectionRateRatio(req: Located, evidence: Evidence): RequirementResult {
  const recomputed = evidence.candidate.recomputed
  if (recomputed === undefined)
    return missing(req, 'No recomputed evaluation: configure the evaluation data for the recompute.')
  if (recomputed.kind === 'missing')
    return missing(req, `The recompute could not run, so there are no group statistics: ${recomputed.detail}`)
  const key = groupsKey(req.sensitiveFeatures)
  const refs: EvidenceRef[] = [{ label: `recomputed groups ${key}`, provenance: recomputed.provenance }]
  const entry: unknown = recomputed.value.groups?.[key]
  if (entry === undefined)
    return missing(req, `No group statistics for ${key}: the evaluation data has no such columns computed.`, refs)
  if (!isStatistics(entry)) {
    const detail = (entry as { detail?: unknown }).detail
    return missing(req, `Group statistics for ${key} could not be computed: ${String(detail)}.`, refs)
  }
  const a = assessSelectionRateRatio(req, entry)
  const observed =
    a.point === null || a.interval === null
      ? 'undecided'
      : `${formatNumber(a.point)} (group "${a.lowestGroup}" vs "${a.referenceGroup}"), ` +
        `CI [${formatNumber(a.interval.low)}, ${formatNumber(a.interval.high)}]`
  const excluded =
    a.excluded.length === 0
      ? ''
      : ` Excluded: ${a.excluded.map((e) => `"${e.group}" (${e.reason})`).join('; ')}` +
        `${req.exclusionJustification === undefined ? '' : ` — justification: ${req.exclusionJustification}`}.`
  const unknown = req.unknownCategories === undefined ? '' : ` Unknown-category individuals: ${a.unknownCount}.`
  const verb = a.status === 'pass' ? 'Passes' : a.status === 'fail' ? 'Fails' : 'Cannot decide'
  return resultFor(req, {
    status: a.status,
    observed,
    expected: expectedText(req),
    message: `${verb}: ${a.reason}.${excluded}${unknown} ${SCREEN_NOTE}`,
    evidence: refs,
    details: {
      screen: SCREEN_NOTE,
      sensitiveFeatures: req.sensitiveFeatures,
      reference: req.reference,
      ...(a.referenceGroup === undefined ? {} : { referenceGroup: a.referenceGroup }),
      ...(req.min === undefined ? {} : { min: req.min }),
      point: a.point,
      interval: a.interval,
      seed: req.seed,
      nBoot: req.nBoot,
      method: 'percentile bootstrap; resamples rows as a multinomial over group × confusion-cell counts',
      minGroupSize: req.minGroupSize,
      ...(req.excludeBelow === undefined ? {} : { excludeBelow: req.excludeBelow }),
      ...(req.exclusionJustification === undefined ? {} : { exclusionJustification: req.exclusionJustification }),
      unknownCount: a.unknownCount,
      undefinedResamples: a.undefinedResamples,
      groups: a.table,
      excludedGroups: a.excluded
    }
  })
}
