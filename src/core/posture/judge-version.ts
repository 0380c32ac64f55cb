/**
 * Judges one considered version: what its gate tags say, whether the uploaded report backs them
 * (digest, model, version, verdict and policy all agree), and what the report shows. A version
 * passes only when the tags say pass AND the report they name was read and agrees: a hand-written
 * `aims.gate.verdict=pass`, a replaced report or another version's report never counts.
 */
import type { ConsideredVersion, PostureContext, ReportFacts } from './collected.js'
import { finding, versionLinks } from './finding.js'
import { readGateRecord } from './gate-record.js'
import { approvalFindings, waiverFindings } from './report-findings.js'
import type { GateRecord, PostureFinding } from './types.js'

export interface VersionJudgement {
  gated: boolean
  passing: boolean
  record?: GateRecord
  /** From the report, when it was read and agrees with the tags. */
  controls?: Record<string, string>
  findings: PostureFinding[]
}

/** Why the report does not back the tags, or undefined when it does. */
function reportDisagreement(facts: ReportFacts, record: GateRecord, model: string, version: string) {
  if (facts.model !== model || facts.version !== version)
    return { observed: `report of ${facts.model} version ${facts.version}`, expected: `${model} version ${version}` }
  if (facts.verdict !== record.verdict)
    return { observed: `report verdict ${facts.verdict}`, expected: `tag verdict ${record.verdict}` }
  if (facts.policySha256 !== record.policySha256)
    return { observed: `report policy ${facts.policySha256}`, expected: `tag policy_sha256 ${record.policySha256}` }
  return undefined
}

export function judgeVersion(model: string, considered: ConsideredVersion, ctx: PostureContext): VersionJudgement {
  const v = considered.version
  const alias = considered.aliases[0]
  const where =
    alias === undefined ? `${model} version ${v.version} (latest)` : `${model}@${alias} (version ${v.version})`
  const read = readGateRecord(v.tags)
  const runUrl = read.kind === 'record' ? read.record.runUrl : undefined
  const subject = {
    model,
    version: v.version,
    ...(alias === undefined ? {} : { alias }),
    links: versionLinks(ctx, model, v.version, runUrl)
  }
  const findings: PostureFinding[] = []
  if (read.kind === 'none') {
    const reason = `${where} has no aims.gate.* tags: the gate never decided on it.`
    const severity = alias === undefined ? 'medium' : 'high'
    return { gated: false, passing: false, findings: [finding({ ...subject, kind: 'never-gated', severity, reason })] }
  }
  if (read.kind === 'malformed') {
    const reason =
      `The gate's tags on ${where} are not what the gate writes (${read.reason}); they cannot be ` +
      'trusted, so the version counts as not passing. Fix: gate the version again.'
    findings.push(finding({ ...subject, kind: 'report-unreadable', severity: 'high', detail: 'tags', reason }))
    return { gated: true, passing: false, findings }
  }
  const record = read.record
  if (record.verdict === 'fail') {
    const blocking = record.blocking.join(', ') || '(none named)'
    const reason = `The last verdict on ${where} (${record.checkedAt}, policy ${record.policy}) blocked the release.`
    findings.push(
      finding({
        ...subject,
        kind: 'blocked',
        severity: 'high',
        reason,
        observed: `blocking: ${blocking}`,
        expected: 'pass'
      })
    )
  }
  if (ctx.policy !== undefined && record.policySha256 !== ctx.policy.sha256) {
    const reason =
      `${where} was decided under policy ${record.policy} with another digest than ${ctx.policy.name} now in ` +
      'force: the verdict says nothing about the current policy. Fix: gate the version again.'
    findings.push(
      finding({
        ...subject,
        kind: 'stale-policy',
        severity: 'medium',
        reason,
        observed: record.policySha256,
        expected: ctx.policy.sha256
      })
    )
  }
  let agrees = false
  let controls: Record<string, string> | undefined
  const report = v.artifacts?.report ?? { kind: 'absent', reason: 'the version has no run to hold the report' }
  if (report.kind !== 'read') {
    const reason = `The report the tags of ${where} name could not be read: ${report.reason}. The verdict is unbacked.`
    findings.push(finding({ ...subject, kind: 'report-unreadable', severity: 'high', reason }))
  } else if (report.sha256 !== record.reportSha256) {
    const reason =
      `The report uploaded for ${where} does not have the SHA-256 its report_sha256 tag names: it was ` +
      'tampered with or replaced after the gate ran.'
    findings.push(
      finding({
        ...subject,
        kind: 'report-mismatch',
        severity: 'high',
        reason,
        observed: report.sha256,
        expected: record.reportSha256 ?? ''
      })
    )
  } else {
    const disagreement = reportDisagreement(report.facts, record, model, v.version)
    if (disagreement !== undefined) {
      const reason = `The report uploaded for ${where} does not back its tags: it was replaced or the tags were edited.`
      findings.push(finding({ ...subject, kind: 'report-mismatch', severity: 'high', reason, ...disagreement }))
    } else {
      agrees = true
      controls = report.facts.controls
      findings.push(...waiverFindings(report.facts, ctx, subject), ...approvalFindings(report.facts, ctx, subject))
    }
  }
  if (v.artifacts !== undefined && !v.artifacts.cardPresent) {
    const reason = `No model card was found in the write-back folder of ${where}'s run.`
    findings.push(finding({ ...subject, kind: 'card-missing', severity: 'low', reason }))
  }
  const out: VersionJudgement = { gated: true, passing: record.verdict === 'pass' && agrees, record, findings }
  if (controls !== undefined) out.controls = controls
  return out
}
