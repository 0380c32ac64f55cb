/**
 * `check: approval` — a release needs `minApprovals` distinct approvers. From MLflow, approvals
 * are the model version's tags `<tagPrefix>.approved_by` (comma-separated logins) and
 * `<tagPrefix>.approved_at` (a date, not in the future); other sources (GitHub) arrive in
 * `evidence.externalApprovals`. Counting and separation of duties (the run's user, the version's
 * creator and the PR author do not count) are the shared rule in `core/approvals`.
 */
import { countApprovals, type ApprovalSource, type CountableApproval } from '../approvals/count-approvals.js'
import type { Evidence, EvidenceItem } from '../evidence/types.js'
import { missing, present } from '../evidence/items.js'
import type { ApprovalRequirement } from '../policy/schema.js'
import type { EvidenceRef } from '../verdict/types.js'
import { resultFor, type Check } from './check.js'

/** Parses `approved_at`: an ISO date or date-time, or epoch milliseconds as MLflow timestamps are. */
export function parseApprovalTime(text: string): Date | undefined {
  const trimmed = text.trim()
  const date = /^\d{12,14}$/.test(trimmed) ? new Date(Number(trimmed)) : /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? new Date(trimmed) : undefined
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date
}

/** The approvals recorded as MLflow version tags, or why they are unusable. */
export function mlflowTagApprovals(evidence: Evidence, tagPrefix: string, now: Date): EvidenceItem<CountableApproval[]> {
  const version = evidence.candidate.modelVersion
  const where = `models:/${version.value.name}/${version.value.version}`
  const byKey = `${tagPrefix}.approved_by`
  const atKey = `${tagPrefix}.approved_at`
  const provenance = { ...version.provenance, uri: `${where}#tags/${byKey}` }
  const logins = [...new Set((version.value.tags[byKey] ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''))]
  if (logins.length === 0) return present([], provenance)
  const approvedAt = version.value.tags[atKey]
  if (approvedAt === undefined || approvedAt.trim() === '') {
    return missing('not-logged', `tag ${byKey} is set on ${where} but ${atKey} is not; set it to the approval date (YYYY-MM-DD)`)
  }
  const at = parseApprovalTime(approvedAt)
  if (at === undefined) return missing('invalid', `tag ${atKey} = "${approvedAt}" on ${where} is not a date; write YYYY-MM-DD or an ISO date-time`)
  const future = at.getTime() > now.getTime()
  return present(
    logins.map((login) => ({
      source: 'mlflow-tag' as const,
      login,
      at: at.toISOString(),
      provenance,
      ...(future ? { excluded: `${atKey} "${approvedAt}" is in the future; correct the date` } : {})
    })),
    provenance
  )
}

export const checkApproval: Check<ApprovalRequirement> = (req, evidence, ctx) => {
  const expected = `${req.minApprovals} approval${req.minApprovals === 1 ? '' : 's'} from ${req.sources.join(', ')}${req.separationOfDuties ? ' (separation of duties)' : ''}`
  const run = evidence.candidate.run
  if (req.separationOfDuties && run.kind === 'missing') {
    return resultFor(req, { status: 'missing', observed: 'unknown trainer', expected, message: `Cannot check separation of duties: the candidate run is unavailable (${run.detail}).` })
  }
  const sources: Partial<Record<ApprovalSource, EvidenceItem<readonly CountableApproval[]>>> = {}
  for (const source of req.sources) {
    sources[source] =
      source === 'mlflow-tag'
        ? mlflowTagApprovals(evidence, req.tagPrefix, ctx.now)
        : (evidence.externalApprovals?.[source] ?? missing('not-found', `${source} approvals were not collected`))
  }
  const version = evidence.candidate.modelVersion.value
  const count = countApprovals({
    sources,
    minApprovals: req.minApprovals,
    separationOfDuties: req.separationOfDuties
      ? {
          ...(run.kind === 'present' && run.value.user !== undefined ? { runUser: run.value.user } : {}),
          ...(version.userId === undefined ? {} : { versionCreator: version.userId }),
          ...(evidence.change.prAuthor === undefined ? {} : { prAuthor: evidence.change.prAuthor })
        }
      : {}
  })
  const refs: EvidenceRef[] = Object.entries(sources).flatMap(([source, item]) =>
    item.kind === 'present' ? [{ label: `${source} approvals`, provenance: item.provenance }] : []
  )
  // Separation of duties cannot be verified without knowing who trained the model: fail closed
  // rather than let the trainer approve their own model unnoticed.
  const noTrainer = req.separationOfDuties && run.kind === 'present' && (run.value.user ?? '').trim() === ''
  const status = noTrainer && count.status === 'pass' ? 'missing' : count.status
  const note = noTrainer
    ? ' Separation of duties cannot be checked: the run records no user (mlflow.user), so the trainer cannot be excluded. Fix: log runs with a user identity, or set separationOfDuties: false with a justification.'
    : ''
  const hint = count.status === 'pass' ? '' : req.sources.includes('mlflow-tag') ? ` To approve, an independent reviewer sets tags ${req.tagPrefix}.approved_by and ${req.tagPrefix}.approved_at on the version.` : ''
  return resultFor(req, {
    status,
    observed: `${count.counted.length} approval${count.counted.length === 1 ? '' : 's'}${count.counted.length > 0 ? ` (${count.counted.map((a) => a.login).join(', ')})` : ''}`,
    expected,
    message: `${count.message}${note}${hint}`,
    evidence: refs,
    details: { minApprovals: req.minApprovals, counted: count.counted, excluded: count.excluded, unreadable: count.unreadable }
  })
}
