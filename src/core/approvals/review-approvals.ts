/**
 * Which pull-request reviews are approvals (pure). GitHub keeps every review a person ever
 * submitted; what counts is each person's latest decision:
 *
 * - comments (`COMMENTED`) and unsubmitted reviews (`PENDING`) are not decisions and are skipped;
 * - a `DISMISSED` or `CHANGES_REQUESTED` latest decision is not an approval;
 * - bots and the PR author never approve their own change;
 * - an approval of an older head commit is stale: what was approved is not what ships.
 *
 * Every non-counting decision is returned with `excluded` set, so the report can say why.
 */
import type { ExternalApproval } from '../evidence/types.js'
import { canonicalIdentity } from '../identity/canonical-identity.js'
import { createIdentityDirectory } from '../identity/identity-directory.js'

/** The fields of a GitHub review the rule needs (the collector maps GitHub's answer to this). */
export interface ReviewRecord {
  id: number
  /** null when the account was deleted. */
  login: string | null
  /** GitHub's `user.type`: `User`, `Bot`, `Organization`. */
  userType?: string
  /** `APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED`, `PENDING`. */
  state: string
  commitId: string | null
  submittedAt?: string
  body?: string
  url: string
}

export interface ReviewContext {
  /** The pull request's current head commit. */
  headSha: string
  prAuthor?: string
}

const NOT_A_DECISION = new Set(['COMMENTED', 'PENDING'])
const MAX_COMMENT_CHARS = 500

// The identity rule, not lower-casing: a look-alike of the author is the author here too.
const directory = createIdentityDirectory()
const sameLogin = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && directory.samePerson(a, b)

/** Orders reviews by submission time, then id (GitHub ids grow with time). */
function chronological(a: ReviewRecord, b: ReviewRecord): number {
  const byTime = (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '')
  return byTime !== 0 ? byTime : a.id - b.id
}

/** Each reviewer's latest decision, as approvals (counting or excluded with the reason). */
export function selectReviewApprovals(reviews: readonly ReviewRecord[], context: ReviewContext): ExternalApproval[] {
  const latest = new Map<string, ReviewRecord>()
  for (const review of [...reviews].sort(chronological)) {
    if (review.login === null || NOT_A_DECISION.has(review.state.toUpperCase())) continue
    latest.set(canonicalIdentity(review.login), review)
  }

  return [...latest.values()].map((review) => {
    const login = review.login as string
    const state = review.state.toUpperCase()
    const reasons: string[] = []
    if (state === 'DISMISSED') reasons.push('review was dismissed')
    else if (state === 'CHANGES_REQUESTED') reasons.push('latest review requests changes')
    else if (state !== 'APPROVED') reasons.push(`review state ${review.state} is not an approval`)
    if (review.userType === 'Bot') reasons.push('bot accounts cannot approve')
    if (sameLogin(login, context.prAuthor)) reasons.push('the pull request author cannot approve their own change')
    if (state === 'APPROVED' && review.commitId !== context.headSha) {
      reasons.push(
        `stale: approved commit ${(review.commitId ?? 'unknown').slice(0, 7)}, the head ` +
          `is now ${context.headSha.slice(0, 7)}`
      )
    }
    const approval: ExternalApproval = {
      source: 'github-review',
      login,
      provenance: { source: 'github', uri: review.url }
    }
    if (review.submittedAt !== undefined) approval.at = review.submittedAt
    if (review.commitId !== null) approval.scope = review.commitId
    if (review.body !== undefined && review.body.trim() !== '')
      approval.comment = review.body.slice(0, MAX_COMMENT_CHARS)
    if (reasons.length > 0) approval.excluded = reasons.join('; ')
    return approval
  })
}
