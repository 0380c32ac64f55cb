/**
 * One model's posture: its considered versions judged, aliases checked against the gate's record,
 * the what-if re-evaluation under `--policy`, and the model's state and timeline.
 */
import type { CollectedModel, ConsideredVersion, PostureContext } from './collected.js'
import { aliasMovedFindings } from './alias-findings.js'
import { consideredAliases, consideredVersions } from './considered.js'
import { compareText, compareVersions, finding, versionLinks } from './finding.js'
import { readGateRecord } from './gate-record.js'
import { judgeVersion, type VersionJudgement } from './judge-version.js'
import type { ModelPosture, ModelState, PostureFinding, VersionPosture } from './types.js'

export interface ModelResult {
  posture: ModelPosture
  findings: PostureFinding[]
  /** Controls of the first considered version whose report was read, for the roll-up. */
  controls?: Record<string, string>
}

function whatIfFinding(model: string, c: ConsideredVersion, ctx: PostureContext): PostureFinding | undefined {
  const result = c.version.whatIf
  const alias = c.aliases[0]
  if (ctx.policy === undefined || result === undefined || alias === undefined) return undefined
  if ('verdict' in result && result.verdict === 'pass') return undefined
  const observed = 'error' in result ? `not evaluable: ${result.error}` : `blocking: ${result.blocking.join(', ')}`
  return finding({
    kind: 'what-if-blocked',
    severity: 'medium',
    model,
    version: c.version.version,
    alias,
    reason:
      `Re-evaluated from MLflow's evidence under ${ctx.policy.name}` +
      `${ctx.policy.profile === undefined ? '' : ` (profile ${ctx.policy.profile})`}, ${model}@${alias} ` +
      'would be blocked if that policy were adopted today.',
    observed,
    expected: 'pass',
    links: versionLinks(ctx, model, c.version.version)
  })
}

function stateOf(judged: readonly VersionJudgement[]): ModelState {
  if (judged.every((j) => !j.gated)) return 'never-gated'
  return judged.every((j) => j.passing) ? 'passing' : 'blocked'
}

export function modelPosture(model: CollectedModel, ctx: PostureContext): ModelResult {
  const considered = consideredVersions(model, ctx.aliases)
  const judged = considered.map((c) => judgeVersion(model.name, c, ctx))
  const passing = new Set(considered.filter((_, i) => judged[i]?.passing).map((c) => c.version.version))
  const findings = [
    ...judged.flatMap((j) => j.findings),
    ...aliasMovedFindings(model, consideredAliases(model, ctx.aliases), passing, ctx),
    ...considered.flatMap((c) => whatIfFinding(model.name, c, ctx) ?? [])
  ]
  const versions: VersionPosture[] = [...model.versions]
    .sort((a, b) => compareVersions(b.version, a.version))
    .map((v) => {
      const index = considered.findIndex((c) => c.version.version === v.version)
      const judgement = judged[index]
      const read = readGateRecord(v.tags)
      const out: VersionPosture = {
        version: v.version,
        createdAt: new Date(v.createdAt).toISOString(),
        aliases: [...v.aliases].sort(compareText),
        considered: index >= 0
      }
      if (read.kind === 'record') out.gate = read.record
      if (judgement?.controls !== undefined) out.controls = judgement.controls
      const whatIf = v.whatIf
      if (whatIf !== undefined && ctx.policy !== undefined)
        out.whatIf = 'error' in whatIf ? { verdict: 'fail', blocking: [], error: whatIf.error } : whatIf
      return out
    })
  const timeline = versions
    .flatMap((v) => (v.gate === undefined ? [] : [{ version: v.version, ...v.gate }]))
    .sort((a, b) => Date.parse(a.checkedAt) - Date.parse(b.checkedAt) || compareVersions(a.version, b.version))
  const aliases = Object.fromEntries(Object.entries(model.aliases).sort(([a], [b]) => compareText(a, b)))
  const posture: ModelPosture = {
    name: model.name,
    aliases,
    state: stateOf(judged),
    versions,
    timeline,
    findings: findings.map((f) => f.id).sort(compareText)
  }
  const controls = judged.find((j) => j.controls !== undefined)?.controls
  return controls === undefined ? { posture, findings } : { posture, findings, controls }
}
