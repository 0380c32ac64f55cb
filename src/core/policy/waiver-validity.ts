/**
 * Whether a waiver may be honoured at all (pure). A waiver lets a failing requirement through,
 * so it is held to the rules an approval is held to, and to limits of its own:
 *
 * - the requirement must not be marked `waivable: false` (integrity requirements: a tampered
 *   metric or a missing approval cannot be waived away);
 * - `approvedBy` passes the identity rule and separation of duties (not the trainer, the
 *   registrant or the PR author, nor a look-alike or alias of them) and, when the policy has
 *   `waiverApprovers`, is written exactly as one of them; an unknown trainer fails closed;
 * - `approved` is not in the future and not before the version was registered, and `expires`
 *   is at most `maxWaiverDays` after it.
 */
import { protectedIdentities, type SeparationOfDuties } from '../approvals/count-approvals.js'
import { daysBetween, isoDay } from '../checks/check.js'
import { createIdentityDirectory, type IdentityDirectory } from '../identity/identity-directory.js'
import { judgeApprover } from '../identity/judge-approver.js'
import type { LocatedWaiver, WaiverRules } from './types.js'

export const DEFAULT_MAX_WAIVER_DAYS = 90

export interface WaiverJudgeContext {
  now: Date
  /** The requirement's `waivable` (absent = true). */
  waivable?: boolean
  rules?: WaiverRules
  duties?: SeparationOfDuties
  directory?: IdentityDirectory
  /** When the version was registered (ms since the epoch). */
  versionCreated?: number
}

const dayOf = (text: string): Date => new Date(`${text}T00:00:00Z`)

/** Why this waiver cannot be honoured, or undefined when it is valid (expiry is judged apart). */
export function waiverProblem(waiver: LocatedWaiver, ctx: WaiverJudgeContext): string | undefined {
  if (ctx.waivable === false) {
    return (
      `requirement ${waiver.requirement} is marked waivable: false (an integrity ` +
      `requirement); fix the cause instead of waiving it`
    )
  }
  const duties = ctx.duties ?? {}
  if ((duties.runUser ?? '').trim() === '') {
    return 'who trained the run is unknown, so the waiver approver cannot be shown to be independent of it'
  }
  const judgement = judgeApprover(waiver.approvedBy, {
    directory: ctx.directory ?? createIdentityDirectory(),
    protectedIdentities: protectedIdentities(duties),
    ...(ctx.rules?.approvers === undefined ? {} : { roster: { users: ctx.rules.approvers } })
  })
  if (!judgement.counts) return judgement.reason.replace(/^approver /, 'waiver approver ')
  const maxDays = ctx.rules?.maxWaiverDays ?? DEFAULT_MAX_WAIVER_DAYS
  const today = isoDay(ctx.now)
  if (waiver.approved > today)
    return `its approved date ${waiver.approved} is in the future (today is ${today}); write the day it was approved`
  if (ctx.versionCreated !== undefined && waiver.approved < isoDay(new Date(ctx.versionCreated))) {
    return (
      `its approved date ${waiver.approved} is before the version was registered ` +
      `(${isoDay(new Date(ctx.versionCreated))}): nobody can have accepted a gap in a ` +
      `version that did not exist`
    )
  }
  if (waiver.expires < waiver.approved)
    return `it expires (${waiver.expires}) before it was approved (${waiver.approved})`
  const span = daysBetween(dayOf(waiver.approved), dayOf(waiver.expires))
  if (span > maxDays) {
    return (
      `it runs ${span} days from its approved date ${waiver.approved} ` +
      `to ${waiver.expires}, longer than maxWaiverDays (${maxDays}); approve it again ` +
      `with an expiry within ${maxDays} days`
    )
  }
  return undefined
}
