/**
 * Counts the approvals a release has (pure): the one rule every approval source (MLflow tags,
 * environment approvals, pull-request reviews) goes through, so the same person approving twice
 * counts once and nobody approves their own work.
 *
 * Separation of duties: whoever trained the run, registered the version or authored the pull
 * request is not independent of the change, so their approval is excluded (and the report says
 * so). People are compared by the identity rule (`core/identity`): case, width, accents,
 * invisible characters, UTS #39 look-alikes and the policy's `identities:` aliases do not make
 * someone else; identities not written as plain logins or e-mails never count. Approvals with a
 * time must fall in the window `approval-time.ts` defines.
 */
import type { EvidenceItem, ExternalApproval, ExternalApprovalSource, Provenance } from '../evidence/types.js'
import { createIdentityDirectory, type IdentityDirectory } from '../identity/identity-directory.js'
import { quoteIdentity } from '../identity/canonical-identity.js'
import { judgeApprover, type NameRoster, type ProtectedIdentity } from '../identity/judge-approver.js'
import { parseRfc3339, timeProblem, type ApprovalWindow } from './approval-time.js'

export type ApprovalSource = ExternalApprovalSource | 'mlflow-tag'

/** One approval from any source: `ExternalApproval`, with the source widened to `mlflow-tag`. */
export interface CountableApproval extends Omit<ExternalApproval, 'source' | 'provenance'> {
  source: ApprovalSource
  provenance?: Provenance
}

/** The people who cannot approve this release (all optional: unknown means no exclusion). */
export interface SeparationOfDuties {
  /** Who trained the run (`RunEvidence.user`). */
  runUser?: string
  /** Who registered the version (`ModelVersionEvidence.userId`). */
  versionCreator?: string
  /** Who authored the pull request (`ChangeContext.prAuthor`). */
  prAuthor?: string
}

export interface CountApprovalsInput {
  /** Per source asked for: what was read, or why it could not be. Sources not asked for are absent. */
  sources: Partial<Record<ApprovalSource, EvidenceItem<readonly CountableApproval[]>>>
  separationOfDuties: SeparationOfDuties
  minApprovals: number
  /** The policy's `identities:` (aliases of one person); none when absent. */
  directory?: IdentityDirectory
  /** Approvers allowed for MLflow-tag approvals, checked by name (GitHub sources are checked by the collector). */
  tagRoster?: NameRoster
  /** When set, approvals must carry a time inside it (environment approvals carry none: see docs/github.md). */
  window?: ApprovalWindow
}

export interface CountedApproval {
  login: string
  /** Every source this person approved through (counted once). */
  sources: ApprovalSource[]
  at?: string
  scope?: string
}

export interface ExcludedApproval {
  login: string
  source: ApprovalSource
  reason: string
}

export interface ApprovalCount {
  /** pass: enough; fail: every source read and not enough; missing: not enough and a source unreadable. */
  status: 'pass' | 'fail' | 'missing'
  counted: CountedApproval[]
  excluded: ExcludedApproval[]
  /** Sources that could not be read, with the reason. */
  unreadable: { source: ApprovalSource; detail: string }[]
  /** One or two sentences for the report. */
  message: string
}

const ROLES: { key: keyof SeparationOfDuties; role: string }[] = [
  { key: 'runUser', role: 'trained the run' },
  { key: 'versionCreator', role: 'registered the version' },
  { key: 'prAuthor', role: 'authored the pull request' }
]

export function protectedIdentities(duties: SeparationOfDuties): ProtectedIdentity[] {
  return ROLES.flatMap(({ key, role }) => (duties[key] === undefined ? [] : [{ identity: duties[key], role }]))
}

/** Why this approval cannot count, or undefined when it counts. */
function exclusionOf(
  approval: CountableApproval,
  input: CountApprovalsInput,
  directory: IdentityDirectory
): string | undefined {
  const judgement = judgeApprover(approval.login, {
    directory,
    protectedIdentities: protectedIdentities(input.separationOfDuties),
    ...(approval.source === 'mlflow-tag' && input.tagRoster !== undefined ? { roster: input.tagRoster } : {})
  })
  if (!judgement.counts) return judgement.reason
  if (approval.excluded !== undefined) return approval.excluded
  if (approval.eligible === 'no') return `${approval.login} is not an eligible approver`
  if (approval.eligible === 'unknown') return `could not verify that ${approval.login} may approve`
  if (input.window !== undefined) {
    if (approval.at === undefined) {
      // GitHub records environment approvals during this workflow run, without a timestamp.
      if (approval.source !== 'github-environment')
        return 'the approval carries no time, so it cannot be shown to follow the version'
    } else {
      const at = parseRfc3339(approval.at)
      if (at === undefined) return `approval time "${approval.at.slice(0, 40)}" is not an RFC 3339 date-time`
      const problem = timeProblem(at, approval.at, input.window)
      if (problem !== undefined) return problem
    }
  }
  return undefined
}

/**
 * Counts distinct eligible approvers across sources. `eligible` absent means the source applied no
 * approver restriction; `excluded` set by a collector (stale, bot, dismissed…) is kept as the reason.
 */
export function countApprovals(input: CountApprovalsInput): ApprovalCount {
  const directory = input.directory ?? createIdentityDirectory()
  const counted: CountedApproval[] = []
  const excluded: ExcludedApproval[] = []
  const unreadable: ApprovalCount['unreadable'] = []

  for (const [source, item] of Object.entries(input.sources) as [
    ApprovalSource,
    EvidenceItem<readonly CountableApproval[]>
  ][]) {
    if (item.kind === 'missing') {
      unreadable.push({ source, detail: item.detail })
      continue
    }
    for (const approval of item.value) {
      const reason = exclusionOf(approval, input, directory)
      if (reason !== undefined) {
        excluded.push({ login: approval.login, source, reason })
        continue
      }
      // The same person (any spelling or alias) counts once, whatever the sources.
      const known = counted.find((entry) => directory.samePerson(entry.login, approval.login))
      if (known === undefined) {
        const entry: CountedApproval = { login: approval.login, sources: [source] }
        if (approval.at !== undefined) entry.at = approval.at
        if (approval.scope !== undefined) entry.scope = approval.scope
        counted.push(entry)
      } else if (!known.sources.includes(source)) {
        known.sources.push(source)
      }
    }
  }

  const approvers = counted
  const need = Math.max(0, input.minApprovals)
  const have = `${approvers.length} of ${need} required approval${need === 1 ? '' : 's'}`
  const who = approvers.length > 0 ? ` (${approvers.map((a) => a.login).join(', ')})` : ''
  const notCounted =
    excluded.length > 0
      ? ` ${excluded.length} not counted: ${excluded.map((e) => `${quoteIdentity(e.login)} (${e.reason})`).join('; ')}.`
      : ''

  if (approvers.length >= need) {
    return { status: 'pass', counted: approvers, excluded, unreadable, message: `${have}${who}.${notCounted}` }
  }
  if (unreadable.length > 0) {
    const why = unreadable.map((u) => `${u.source}: ${u.detail}`).join(' ')
    return {
      status: 'missing',
      counted: approvers,
      excluded,
      unreadable,
      message: `${have}${who}; could not read ${why}${notCounted}`
    }
  }
  return { status: 'fail', counted: approvers, excluded, unreadable, message: `${have}${who}.${notCounted}` }
}
