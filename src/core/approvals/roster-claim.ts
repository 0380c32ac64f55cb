/**
 * An approval supports A.3.2 (roles and responsibilities) only when its approver is checked
 * against a declared roster. A roster that names someone who built this version (the trainer, the
 * registrant, the pull-request author, or an alias of theirs under `identities:`) does not keep
 * the roles apart, so for this version the claim is withdrawn, with a note saying who and why.
 * The approval itself is judged as before (separation of duties already refuses such approvers).
 */
import type { IdentityDirectory } from '../identity/identity-directory.js'
import type { ApprovalRequirement } from '../policy/approval-schema.js'
import type { RequirementResult } from '../verdict/types.js'
import { protectedIdentities, type SeparationOfDuties } from './count-approvals.js'

export const ROLES_CONTROL = 'A.3.2'

/** "dana@example.com (who trained the run)" for each roster entry that is one of the builders. */
export function rosterBuilders(
  req: ApprovalRequirement,
  duties: SeparationOfDuties,
  directory: IdentityDirectory
): string[] {
  const builders = protectedIdentities(duties)
  return (req.approvers?.users ?? []).flatMap((user) =>
    builders
      .filter((b) => directory.samePerson(user, b.identity))
      .map((b) => `${user} (who ${b.role})`)
      .slice(0, 1)
  )
}

export function withRosterClaim(result: RequirementResult, builders: readonly string[]): RequirementResult {
  if (builders.length === 0 || !(result.supports ?? []).includes(ROLES_CONTROL)) return result
  const note =
    `${ROLES_CONTROL} is not claimed for this version: the approver roster lists ${builders.join(', ')}, so ` +
    'it does not keep the release role apart from the people who built the model; fix: remove them from ' +
    'approvers.users'
  return {
    ...result,
    supports: (result.supports ?? []).filter((id) => id !== ROLES_CONTROL),
    claimNotes: [...(result.claimNotes ?? []), note]
  }
}
