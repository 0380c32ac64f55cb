/**
 * Whether a GitHub user belongs to the policy's approvers: named users, members of named teams,
 * or people with at least a given role on the repository. Any one rule is enough.
 *
 * GitHub answers 404 on a team membership both for non-members and for tokens that cannot see
 * the team, so a 404 only means "not a member" once the token has shown it can read the team;
 * otherwise the answer is `unknown`, which never counts as an approval.
 */
import { canonicalIdentity } from '../../core/identity/canonical-identity.js'
import type { GithubClient } from '../../github/octokit.js'
import { describeFailure, httpStatusOf } from '../../github/request-failure.js'
import { collaboratorPermissionSchema, teamMembershipSchema } from '../../github/schemas.js'

export type RepoRole = 'read' | 'triage' | 'write' | 'maintain' | 'admin'

/** The policy's `approvers:` block. */
export interface ApproverRules {
  users?: string[]
  /** `org/team-slug` */
  teams?: string[]
  /** Minimum role on the repository. */
  permission?: RepoRole
}

export interface Eligibility {
  eligible: 'yes' | 'no' | 'unknown'
  /** Why not (or why it could not be told); absent when eligible. */
  reason?: string
}

const ROLE_RANK: Record<string, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 }

export function hasApproverRules(rules: ApproverRules | undefined): rules is ApproverRules {
  return (rules?.users?.length ?? 0) + (rules?.teams?.length ?? 0) > 0 || rules?.permission !== undefined
}

type Check = (login: string) => Promise<Eligibility>

/**
 * Returns a checker for one repository's approver rules. Answers are cached per login and team
 * readability per team, so ten approvals cost at most one request per rule per person.
 */
export function createEligibilityChecker(
  octokit: GithubClient,
  target: { owner: string; repo: string; approvers: ApproverRules }
): Check {
  const { users = [], teams = [], permission } = target.approvers
  const teamReadable = new Map<string, Promise<boolean>>()
  const cache = new Map<string, Promise<Eligibility>>()

  const canReadTeam = (org: string, slug: string): Promise<boolean> => {
    const key = `${org}/${slug}`.toLowerCase()
    let known = teamReadable.get(key)
    if (known === undefined) {
      known = octokit
        .request('GET /orgs/{org}/teams/{team_slug}', { org, team_slug: slug })
        .then(() => true)
        .catch(() => false)
      teamReadable.set(key, known)
    }
    return known
  }

  const inTeam = async (login: string, team: string): Promise<Eligibility> => {
    const [org, slug] = team.split('/')
    if (org === undefined || slug === undefined || org === '' || slug === '') {
      return { eligible: 'unknown', reason: `team "${team}" is not written as org/team-slug` }
    }
    try {
      const { data } = await octokit.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', {
        org,
        team_slug: slug,
        username: login
      })
      const parsed = teamMembershipSchema.safeParse(data)
      if (!parsed.success)
        return { eligible: 'unknown', reason: `GitHub's answer on ${team} membership was unreadable` }
      return parsed.data.state === 'active'
        ? { eligible: 'yes' }
        : { eligible: 'no', reason: `${login} has not accepted the invitation to ${team}` }
    } catch (error) {
      if (httpStatusOf(error) === 404 && (await canReadTeam(org, slug))) {
        return { eligible: 'no', reason: `${login} is not a member of ${team}` }
      }
      if (httpStatusOf(error) === 404) {
        return {
          eligible: 'unknown',
          reason:
            `membership of ${team} could not be verified: GitHub answers 404 both for non-members and for tokens ` +
            `that cannot see the team; use a GitHub App token with organization Members: read`
        }
      }
      return { eligible: 'unknown', reason: `membership of ${team} could not be read: ${describeFailure(error)}` }
    }
  }

  const hasRole = async (login: string, required: RepoRole): Promise<Eligibility> => {
    try {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', {
        owner: target.owner,
        repo: target.repo,
        username: login
      })
      const parsed = collaboratorPermissionSchema.safeParse(data)
      if (!parsed.success)
        return { eligible: 'unknown', reason: `GitHub's answer on ${login}'s permission was unreadable` }
      // `role_name` carries maintain/triage; custom role names fall back to the base `permission`.
      const role =
        parsed.data.role_name !== undefined && parsed.data.role_name in ROLE_RANK
          ? parsed.data.role_name
          : parsed.data.permission
      return (ROLE_RANK[role] ?? 0) >= ROLE_RANK[required]!
        ? { eligible: 'yes' }
        : { eligible: 'no', reason: `${login} has ${role} on ${target.owner}/${target.repo}, ${required} is required` }
    } catch (error) {
      if (httpStatusOf(error) === 404) {
        return { eligible: 'no', reason: `${login} is not a collaborator on ${target.owner}/${target.repo}` }
      }
      return { eligible: 'unknown', reason: `${login}'s permission could not be read: ${describeFailure(error)}` }
    }
  }

  const check = async (login: string): Promise<Eligibility> => {
    // GitHub logins are ASCII and case-insensitive; the identity rule's canonical form compares them.
    if (users.some((user) => canonicalIdentity(user) === canonicalIdentity(login))) return { eligible: 'yes' }
    const answers: Eligibility[] = []
    for (const team of teams) {
      const answer = await inTeam(login, team)
      if (answer.eligible === 'yes') return answer
      answers.push(answer)
    }
    if (permission !== undefined) {
      const answer = await hasRole(login, permission)
      if (answer.eligible === 'yes') return answer
      answers.push(answer)
    }
    // Not eligible by any rule: "unknown" beats "no" so the report says what could not be checked.
    const unknown = answers.filter((answer) => answer.eligible === 'unknown')
    const reasons = (unknown.length > 0 ? unknown : answers).map((answer) => answer.reason).filter(Boolean)
    if (users.length > 0) reasons.unshift(`${login} is not among the named approvers`)
    return { eligible: unknown.length > 0 ? 'unknown' : 'no', reason: reasons.join('; ') }
  }

  return (login) => {
    const key = canonicalIdentity(login)
    let answer = cache.get(key)
    if (answer === undefined) {
      answer = check(login)
      cache.set(key, answer)
    }
    return answer
  }
}
