/**
 * The registry-wide roll-up: every model's posture, portfolio totals, the Annex A controls matrix
 * and the findings in one order. Pure: the same collected registry and clock give the same report.
 */
import { CONTROLS } from '../controls/catalog.js'
import type { CollectedModel, PostureContext } from './collected.js'
import { compareFindings, compareText } from './finding.js'
import { modelPosture, type ModelResult } from './model-posture.js'
import type { ControlRollup, PostureReport } from './types.js'

/** A control status that gives no evidence: the model has nothing to show for the control. */
const NO_EVIDENCE = new Set(['missing', 'not-assessed'])

export function controlRollups(results: readonly ModelResult[]): ControlRollup[] {
  return CONTROLS.map((control) => {
    const counts: Record<string, number> = {}
    let withoutEvidence = 0
    for (const result of results) {
      const status = result.controls?.[control.id]
      if (status === undefined || NO_EVIDENCE.has(status)) withoutEvidence++
      if (status !== undefined) counts[status] = (counts[status] ?? 0) + 1
    }
    const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => compareText(a, b)))
    return {
      id: control.id,
      title: control.title,
      area: control.area,
      counts: sorted,
      modelsWithoutEvidence: withoutEvidence
    }
  })
}

export interface RequestTally {
  count: number
  maxInFlight: number
}

/** Builds the report; `results` may come from `modelPosture` page by page (see collect/posture). */
export function postureReport(
  results: readonly ModelResult[],
  ctx: PostureContext,
  requests: RequestTally
): PostureReport {
  const ordered = [...results].sort((a, b) => compareText(a.posture.name, b.posture.name))
  const findings = ordered.flatMap((r) => r.findings).sort(compareFindings)
  const byKind: Record<string, number> = {}
  for (const f of findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1
  const count = (state: string) => ordered.filter((r) => r.posture.state === state).length
  const report: PostureReport = {
    schemaVersion: 1,
    generatedAt: ctx.now.toISOString(),
    trackingUri: ctx.trackingUri,
    toolVersion: ctx.toolVersion,
    aliases: [...ctx.aliases],
    totals: {
      models: ordered.length,
      gated: ordered.length - count('never-gated'),
      passing: count('passing'),
      blocked: count('blocked'),
      neverGated: count('never-gated'),
      findings: findings.length,
      byKind: Object.fromEntries(Object.entries(byKind).sort(([a], [b]) => compareText(a, b)))
    },
    models: ordered.map((r) => r.posture),
    controls: controlRollups(ordered),
    findings,
    requests: { count: requests.count, maxInFlight: requests.maxInFlight }
  }
  if (ctx.policy !== undefined) report.policy = { ...ctx.policy }
  return report
}

export function postureOf(models: readonly CollectedModel[], ctx: PostureContext, requests: RequestTally) {
  return postureReport(
    models.map((m) => modelPosture(m, ctx)),
    ctx,
    requests
  )
}
