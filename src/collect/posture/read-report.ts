/**
 * Turns the bytes of an uploaded report into the facts the posture uses. The report is registry
 * content (anyone with write access to the run's artifacts can replace it): its SHA-256 is taken
 * over the exact bytes, and anything that is not a report the gate writes is `unreadable`.
 */
import { z } from 'zod'
import type { ReportFacts, ReportRead } from '../../core/posture/collected.js'
import { sha256Hex } from '../../hash.js'
import { reportSchema } from '../../render/report-schema.js'

/** What the approval check records of each approval it counted (src/core/checks/approval.ts). */
const countedApprovals = z.object({
  counted: z.array(z.object({ login: z.string(), at: z.string() }).loose())
})

export function reportFacts(bytes: Uint8Array): ReportRead {
  const sha256 = sha256Hex(bytes)
  let data: unknown
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return { kind: 'unreadable', reason: 'the file is not UTF-8 JSON', sha256 }
  }
  const parsed = reportSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue === undefined ? '' : ` (${issue.path.join('.') || 'root'}: ${issue.message})`
    return { kind: 'unreadable', reason: `the file is not an aims-gate report${where}`, sha256 }
  }
  const report = parsed.data
  const facts: ReportFacts = {
    model: report.model.name,
    version: report.model.version,
    verdict: report.verdict,
    policySha256: report.policy.sha256,
    controls: Object.fromEntries(report.controls.map((c) => [c.id, c.status])),
    waivers: report.requirements.flatMap((r) =>
      r.status === 'waived' && r.waiver !== undefined
        ? [{ requirement: r.id, expires: r.waiver.expires, approvedBy: r.waiver.approvedBy }]
        : []
    ),
    approvals: report.requirements.flatMap((r) => {
      if (r.check !== 'approval' || r.status !== 'pass') return []
      const details = countedApprovals.safeParse(r.details)
      return details.success ? details.data.counted.map((a) => ({ requirement: r.id, login: a.login, at: a.at })) : []
    })
  }
  return { kind: 'read', sha256, facts }
}
