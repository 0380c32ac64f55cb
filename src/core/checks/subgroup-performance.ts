/**
 * `check: subgroup-performance` — one performance figure in every group, and the gap between the
 * best and the worst, each on its bootstrap interval, from the group statistics the recompute
 * stored. Missing evidence is `missing`, never a pass.
 */
import { assessSubgroupPerformance } from '../fairness/subgroup-performance.js'
import { groupsKey, type GroupStatistics } from '../fairness/types.js'
import type { Evidence } from '../evidence/types.js'
import type { SubgroupPerformanceRequirement } from '../policy/subgroup-schema.js'
import type { LocatedRequirement } from '../policy/types.js'
import type { EvidenceRef, RequirementResult } from '../verdict/types.js'
import { formatNumber, resultFor } from './check.js'

type Located = Extract<LocatedRequirement, { check: 'subgroup-performance' }>

function expectedText(req: SubgroupPerformanceRequirement): string {
  const limits = [
    req.min === undefined ? '' : `≥ ${req.min} in every group`,
    req.maxGap === undefined ? '' : `best − worst ≤ ${req.maxGap}`
  ].filter(Boolean)
  return `${req.metric} ${limits.join(' and ')} over the whole interval (groups of ${req.sensitiveFeatures.join('×')})`
}

const isStatistics = (entry: unknown): entry is GroupStatistics =>
  typeof entry === 'object' && entry !== null && (entry as { kind?: unknown }).kind === 'group-statistics'

export function checkSubgroupPerformance(req: Located, evidence: Evidence): RequirementResult {
  const missing = (message: string, refs: EvidenceRef[] = []) =>
    resultFor(req, {
      status: 'missing',
      observed: 'no group statistics',
      expected: expectedText(req),
      message,
      evidence: refs
    })
  const recomputed = evidence.candidate.recomputed
  if (recomputed === undefined) return missing('No recomputed evaluation: configure the evaluation data.')
  if (recomputed.kind === 'missing') return missing(`The recompute could not run: ${recomputed.detail}`)
  const key = groupsKey(req.sensitiveFeatures)
  const refs: EvidenceRef[] = [{ label: `recomputed groups ${key}`, provenance: recomputed.provenance }]
  const entry: unknown = recomputed.value.groups?.[key]
  if (!isStatistics(entry)) {
    const detail = (entry as { detail?: unknown } | undefined)?.detail
    return missing(`No group statistics for ${key}${detail === undefined ? '' : `: ${String(detail)}`}.`, refs)
  }
  const a = assessSubgroupPerformance(req, entry)
  const worst = a.table
    .filter((r) => r.included && r.value !== null)
    .reduce<(typeof a.table)[number] | undefined>((w, r) => (w === undefined || r.value! < w.value! ? r : w), undefined)
  const observed =
    worst === undefined
      ? 'undecided'
      : `worst "${worst.group}" ${formatNumber(worst.value!)}` +
        (a.gap === null ? '' : `, gap ${formatNumber(a.gap.value)}`)
  const verb = a.status === 'pass' ? 'Passes' : a.status === 'fail' ? 'Fails' : 'Cannot decide'
  const note =
    a.excluded.length === 0 ? '' : ` Excluded: ${a.excluded.map((e) => `"${e.group}" (${e.reason})`).join('; ')}.`
  return resultFor(req, {
    status: a.status,
    observed,
    expected: expectedText(req),
    message: `${verb}: ${a.reason}.${note}`,
    evidence: refs,
    details: {
      metric: req.metric,
      sensitiveFeatures: req.sensitiveFeatures,
      ...(req.min === undefined ? {} : { min: req.min }),
      ...(req.maxGap === undefined ? {} : { maxGap: req.maxGap }),
      seed: req.seed,
      nBoot: req.nBoot,
      confidence: req.confidence,
      method: 'percentile bootstrap; resamples rows as a multinomial over group × confusion-cell counts',
      gap: a.gap,
      groups: a.table,
      excludedGroups: a.excluded
    }
  })
}
