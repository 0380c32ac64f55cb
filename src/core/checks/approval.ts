/**
 * `check: approval` — a release needs `minApprovals` distinct approvers. From MLflow, approvals
 * are the model version's tags `<tagPrefix>.approved_by` (one login or e-mail, or several
 * separated by commas, each validated on its own) and `<tagPrefix>.approved_at` (strict RFC 3339,
 * after the version was registered and its run finished, not in the future). Other sources
 * (GitHub) arrive in `evidence.externalApprovals`. Counting, the identity rule, separation of
 * duties, the roster and the time window are the shared rule in `core/approvals`.
 */
import { countApprovals, type ApprovalSource, type CountableApproval } from '../approvals/count-approvals.js'
import { parseRfc3339, type ApprovalWindow } from '../approvals/approval-time.js'
import { rosterBuilders, withRosterClaim } from '../approvals/roster-claim.js'
import type { Evidence, EvidenceItem } from '../evidence/types.js'
import { missing, present } from '../evidence/items.js'
import { createIdentityDirectory } from '../identity/identity-directory.js'
import type { ApprovalRequirement } from '../policy/approval-schema.js'
import type { EvidenceRef } from '../verdict/types.js'
import { resultFor, type Check } from './check.js'

/** The approvals recorded as MLflow version tags, or why they are unusable. */
export function mlflowTagApprovals(evidence: Evidence, tagPrefix: string): EvidenceItem<CountableApproval[]> {
  const version = evidence.candidate.modelVersion
  const where = `models:/${version.value.name}/${version.value.version}`
  const byKey = `${tagPrefix}.approved_by`
  const atKey = `${tagPrefix}.approved_at`
  const provenance = { ...version.provenance, uri: `${where}#tags/${byKey}` }
  const written = version.value.tags[byKey]
  if (written === undefined) return present([], provenance)
  // Every entry is kept, even an empty one, so junk is reported by the identity rule instead of
  // silently dropped; the same person written twice counts once later.
  const logins = written.split(',').map((name) => name.trim())
  const approvedAt = version.value.tags[atKey]
  if (approvedAt === undefined || approvedAt.trim() === '') {
    return missing(
      'not-logged',
      `tag ${byKey} is set on ${where} but ${atKey} is not; set it to the approval ` +
        `time (RFC 3339, e.g. 2026-11-03T10:15:00Z)`
    )
  }
  if (parseRfc3339(approvedAt) === undefined) {
    return missing(
      'invalid',
      `tag ${atKey} = "${approvedAt.slice(0, 40)}" on ${where} is not a real RFC 3339 ` +
        `date-time; write e.g. 2026-11-03T10:15:00Z`
    )
  }
  return present(
    logins.map((login) => ({ source: 'mlflow-tag' as const, login, at: approvedAt.trim(), provenance })),
    provenance
  )
}

export const checkApproval: Check<ApprovalRequirement> = (req, evidence, ctx) => {
  const expected =
    `${req.minApprovals} approval${req.minApprovals === 1 ? '' : 's'} ` +
    `from ${req.sources.join(', ')}${req.separationOfDuties ? ' (separation of duties)' : ''}` +
    `${req.maxAgeDays === undefined ? '' : `, at most ${req.maxAgeDays} days old`}`
  const run = evidence.candidate.run
  if (req.separationOfDuties && run.kind === 'missing') {
    return resultFor(req, {
      status: 'missing',
      observed: 'unknown trainer',
      expected,
      message: `Cannot check separation of duties: the candidate run is unavailable (${run.detail}).`
    })
  }
  const sources: Partial<Record<ApprovalSource, EvidenceItem<readonly CountableApproval[]>>> = {}
  for (const source of req.sources) {
    sources[source] =
      source === 'mlflow-tag'
        ? mlflowTagApprovals(evidence, req.tagPrefix)
        : (evidence.externalApprovals?.[source] ?? missing('not-found', `${source} approvals were not collected`))
  }
  const version = evidence.candidate.modelVersion.value
  const window: ApprovalWindow = {
    now: ctx.now,
    versionCreated: version.creationTimestamp,
    runEnded: run.kind === 'missing' ? 'unknown' : (run.value.endTime ?? 'unfinished'),
    ...(req.maxAgeDays === undefined ? {} : { maxAgeDays: req.maxAgeDays })
  }
  const directory = createIdentityDirectory(ctx.identities)
  const duties = {
    ...(run.kind === 'present' && run.value.user !== undefined ? { runUser: run.value.user } : {}),
    ...(version.userId === undefined ? {} : { versionCreator: version.userId }),
    ...(evidence.change.prAuthor === undefined ? {} : { prAuthor: evidence.change.prAuthor })
  }
  const count = countApprovals({
    sources,
    minApprovals: req.minApprovals,
    directory,
    window,
    ...(req.approvers === undefined ? {} : { tagRoster: req.approvers }),
    separationOfDuties: req.separationOfDuties ? duties : {}
  })
  const refs: EvidenceRef[] = Object.entries(sources).flatMap(([source, item]) =>
    item.kind === 'present' ? [{ label: `${source} approvals`, provenance: item.provenance }] : []
  )
  // Separation of duties cannot be verified without knowing who trained the model: fail closed
  // rather than let the trainer approve their own model unnoticed.
  const noTrainer = req.separationOfDuties && run.kind === 'present' && (run.value.user ?? '').trim() === ''
  const status = noTrainer && count.status === 'pass' ? 'missing' : count.status
  const note = noTrainer
    ? ' Separation of duties cannot be checked: the run records no user ' +
      '(mlflow.user), so the trainer cannot be excluded. Fix: log runs with a user ' +
      'identity, or set separationOfDuties: false with a justification.'
    : ''
  const hint =
    count.status === 'pass'
      ? ''
      : req.sources.includes('mlflow-tag')
        ? ` To approve, an independent ` +
          `reviewer${req.approvers?.users === undefined ? '' : ` (${req.approvers.users.join(', ')})`} sets tags ` +
          `${req.tagPrefix}.approved_by (their login) and ${req.tagPrefix}.approved_at (now, RFC 3339) on the version.`
        : ''
  const result = resultFor(req, {
    status,
    observed:
      `${count.counted.length} ` +
      `approval${count.counted.length === 1 ? '' : 's'}` +
      `${count.counted.length > 0 ? ` (${count.counted.map((a) => a.login).join(', ')})` : ''}`,
    expected,
    message: `${count.message}${note}${hint}`,
    evidence: refs,
    details: {
      minApprovals: req.minApprovals,
      counted: count.counted,
      excluded: count.excluded,
      unreadable: count.unreadable
    }
  })
  return withRosterClaim(result, rosterBuilders(req, duties, directory))
}
