/**
 * Whether one written identity may count as an approver: the rule shared by MLflow-tag approvals,
 * GitHub approvals and waiver approvers. In order:
 *
 * 1. junk (empty, placeholder, wildcard, list, markup, control characters) never counts;
 * 2. separation of duties: the identity is, looks like (UTS #39 skeleton, accents, invisible
 *    characters, width, case) or is an alias of a protected person (trainer, registrant, PR author);
 * 3. an identity not written as a plain ASCII login or e-mail never counts;
 * 4. with a roster, the identity must be written exactly as a roster entry or as an alias of the
 *    same person in `identities:`; a look-alike of a roster member is refused, and team rules,
 *    which only GitHub can answer, are `unknown` (never counted) when judged by name alone.
 */
import { canonicalIdentity, quoteIdentity } from './canonical-identity.js'
import type { IdentityDirectory } from './identity-directory.js'
import { junkProblem, unsafeProblem } from './identity-problems.js'

export interface ProtectedIdentity {
  identity: string
  /** What they did, as a sentence end: "trained the run". */
  role: string
}

export interface NameRoster {
  users?: readonly string[]
  teams?: readonly string[]
  /** A repository role: only GitHub can answer it. */
  permission?: string
}

export interface JudgeContext {
  directory: IdentityDirectory
  protectedIdentities: readonly ProtectedIdentity[]
  /** When set, only its members count (checked by name). */
  roster?: NameRoster
}

export type ApproverJudgement =
  | { counts: true }
  | { counts: false; eligible: 'no' | 'unknown'; reason: string; separationOfDuties?: boolean }

/** The protected people this identity is, or could be mistaken for. */
export function conflictsOf(
  raw: string,
  ctx: Pick<JudgeContext, 'directory' | 'protectedIdentities'>
): string | undefined {
  const shown = quoteIdentity(raw)
  const conflicts = ctx.protectedIdentities.filter(
    (p) => p.identity.trim() !== '' && ctx.directory.samePerson(raw, p.identity)
  )
  if (conflicts.length === 0) return undefined
  const plain = (text: string) => text.trim() === text && !/[^\x20-\x7e]/.test(text)
  const exact = conflicts.filter((p) => plain(raw) && canonicalIdentity(raw) === canonicalIdentity(p.identity))
  const alike = conflicts.filter((p) => !exact.includes(p))
  const parts = [
    ...(exact.length > 0 ? [`${raw} ${exact.map((p) => p.role).join(' and ')}`] : []),
    ...alike.map((p) => `${shown} looks like or is an alias of ${quoteIdentity(p.identity)}, who ${p.role}`)
  ]
  return `separation of duties: ${parts.join('; ')}`
}

export function judgeApprover(raw: string, ctx: JudgeContext): ApproverJudgement {
  const junk = junkProblem(raw)
  if (junk !== undefined) return { counts: false, eligible: 'no', reason: junk }
  const conflict = conflictsOf(raw, ctx)
  if (conflict !== undefined) return { counts: false, eligible: 'no', reason: conflict, separationOfDuties: true }
  const unsafe = unsafeProblem(raw)
  if (unsafe !== undefined) return { counts: false, eligible: 'no', reason: unsafe }
  return ctx.roster === undefined ? { counts: true } : rosterJudgement(raw, ctx.roster, ctx.directory)
}

function rosterJudgement(raw: string, roster: NameRoster, directory: IdentityDirectory): ApproverJudgement {
  const users = roster.users ?? []
  const canonical = canonicalIdentity(raw)
  const person = directory.exactPersonOf(raw)
  const member = users.some(
    (user) =>
      canonicalIdentity(user) === canonical || (person !== undefined && directory.exactPersonOf(user) === person)
  )
  if (member) return { counts: true }
  const shown = quoteIdentity(raw)
  const lookalike = users.find((user) => directory.samePerson(raw, user))
  if (lookalike !== undefined) {
    return {
      counts: false,
      eligible: 'no',
      reason:
        `${shown} is not the approver ${lookalike} (it only looks like it, or is an ` +
        `unlisted address); write the roster entry exactly, or list the alias under ` +
        `identities:`
    }
  }
  const github = [
    ...(roster.teams ?? []).map((team) => `team ${team}`),
    ...(roster.permission === undefined ? [] : [`${roster.permission} role`])
  ]
  if (github.length > 0) {
    return {
      counts: false,
      eligible: 'unknown',
      reason:
        `${shown} is not among the named approvers, and ${github.join(' or ')} can only ` +
        `be verified through GitHub (not for an MLflow tag): unknown never counts; name ` +
        `the approver under approvers.users`
    }
  }
  return {
    counts: false,
    eligible: 'no',
    reason: `${shown} is not among the approvers (${users.join(', ')}); only they may approve`
  }
}
