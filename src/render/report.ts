/**
 * Builds the JSON report from a verdict (pure). The shape is `reportSchema`; consumers can
 * validate against the shipped `schemas/report.schema.json`.
 */
import { crosswalkOf } from '../core/controls/crosswalk.js'
import type { Evidence } from '../core/evidence/types.js'
import { describeGoverning, type PolicyGovernance } from '../core/policy/governance.js'
import type { Verdict } from '../core/verdict/types.js'
import { REPORT_SCHEMA_VERSION, type Report } from './report-schema.js'
import type { Traceability } from './traceability.js'
import { VERSION } from '../version.js'

export interface ReportInput {
  verdict: Verdict
  evidence: Evidence
  profile: string
  policy: { name: string; file: string; sha256: string }
  /** Which policy version governed and what the other changes (always given by the gate). */
  governance?: PolicyGovernance
  /** The evaluation time (from the clock port). */
  now: Date
  /** The target alias of a promotion, as the gate saw it. */
  promotion?: Report['promotion']
  /** Which aims-gate and commit; the tool version alone when not given. */
  trace?: Traceability
}

/** JSON has no Infinity or NaN: write them as null rather than let them vanish silently. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]))
  return value
}

function governanceSections(governance: PolicyGovernance | undefined): Pick<Report['policy'], 'governing' | 'change'> {
  if (governance === undefined) return {}
  const governing = { ...governance.governing, description: describeGoverning(governance.governing) }
  const comparison = governance.comparison
  if (comparison === undefined) return { governing }
  if (comparison.status === 'unavailable') return { governing, change: { ...comparison } }
  const { diff } = comparison
  return {
    governing,
    change: {
      status: 'compared',
      base: { ...comparison.base },
      head: { ...comparison.head },
      weakened: diff.weakened,
      strengthened: diff.strengthened,
      changed: diff.changed,
      entries: diff.entries.map((entry) => ({ ...entry, ...(entry.profiles ? { profiles: [...entry.profiles] } : {}) }))
    }
  }
}

function generatorOf(trace: Traceability): Report['generator'] {
  return {
    name: 'aims-gate',
    version: trace.toolVersion,
    ...(trace.commit !== undefined ? { commit: trace.commit } : {}),
    ...(trace.repository !== undefined ? { repository: trace.repository } : {}),
    ...(trace.policyUrl !== undefined ? { policyUrl: trace.policyUrl } : {})
  }
}

export function buildReport(input: ReportInput): Report {
  const version = input.evidence.candidate.modelVersion.value
  const runId =
    input.evidence.candidate.run.kind === 'present' ? input.evidence.candidate.run.value.runId : version.runId
  const count = (status: 'pass' | 'fail' | 'missing' | 'waived') =>
    input.verdict.requirements.filter((r) => r.status === status).length
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    verdict: input.verdict.verdict,
    evaluatedAt: input.now.toISOString(),
    generator: generatorOf(input.trace ?? { toolVersion: VERSION }),
    model: { name: version.name, version: version.version, ...(runId === undefined ? {} : { runId }) },
    profile: input.profile,
    policy: {
      name: input.policy.name,
      file: input.policy.file,
      sha256: input.policy.sha256,
      ...governanceSections(input.governance)
    },
    blocking: [...input.verdict.blocking],
    summary: { pass: count('pass'), fail: count('fail'), missing: count('missing'), waived: count('waived') },
    requirements: input.verdict.requirements.map((r) => ({
      id: r.id,
      check: r.check,
      status: r.status,
      severity: r.severity,
      controls: [...r.controls],
      supports: [...(r.supports ?? [])],
      ...(r.claimNotes === undefined ? {} : { claimNotes: [...r.claimNotes] }),
      observed: r.observed,
      expected: r.expected,
      message: r.message,
      ...(r.details === undefined ? {} : { details: jsonSafe(r.details) as Record<string, unknown> }),
      ...(r.location === undefined ? {} : { location: { ...r.location } }),
      ...(r.waiver === undefined ? {} : { waiver: { ...r.waiver } }),
      evidence: r.evidence.map((e) => ({ label: e.label, source: e.provenance.source, uri: e.provenance.uri }))
    })),
    controls: input.verdict.controls.map((c) => ({
      id: c.id,
      title: c.title,
      area: c.area,
      status: c.status,
      applicable: c.applicable,
      ...(c.justification === undefined ? {} : { justification: c.justification }),
      requirements: [...c.requirements],
      satisfiedBy: [...c.satisfiedBy],
      waived: [...c.waived],
      crosswalk: crosswalkOf(c.id)
    })),
    ...(input.promotion === undefined ? {} : { promotion: { ...input.promotion } })
  }
}
