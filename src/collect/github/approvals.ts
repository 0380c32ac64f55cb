/**
 * Reads approvals recorded on GitHub for `check: approval`: the deployment-environment approvals
 * of the current workflow run and the pull request's reviews. What counts is decided by pure
 * rules in `core/approvals`; this adapter only fetches, validates and asks GitHub who may approve.
 *
 * A source that cannot be read comes back `Missing` with the reason and the fix, never as an
 * empty list, so the gate fails closed instead of reading "nobody approved".
 */
import type {
  EvidenceItem,
  ExternalApproval,
  ExternalApprovalSource,
  MissingReason
} from '../../core/evidence/types.js'
import { missing, present } from '../../core/evidence/items.js'
import { selectReviewApprovals, type ReviewRecord } from '../../core/approvals/review-approvals.js'
import { createEligibilityChecker, hasApproverRules, type ApproverRules } from './approver-eligibility.js'
import type { GithubClient } from '../../github/octokit.js'
import { describeFailure, httpStatusOf } from '../../github/request-failure.js'
import { environmentApprovalSchema, pullRequestSchema, reviewSchema } from '../../github/schemas.js'

export interface CollectGithubApprovalsOptions {
  owner: string
  repo: string
  /** The current workflow run (GITHUB_RUN_ID): its environment approvals are read. */
  runId?: number
  pullNumber?: number
  /**
   * The pull request's head commit (`github.event.pull_request.head.sha`; NOT `GITHUB_SHA`, which
   * is the merge commit on pull_request events). Read from the pull request when absent.
   */
  headSha?: string
  /** The pull request's author; read from the pull request when absent. */
  prAuthor?: string
  approvers?: ApproverRules
  /** Environments whose approvals count; any environment of the run when absent. */
  environments?: string[]
  sources: ExternalApprovalSource[]
  /** Web root for links in the report. Default `https://github.com`. */
  serverUrl?: string
}

export type GithubApprovals = Partial<Record<ExternalApprovalSource, EvidenceItem<ExternalApproval[]>>>

/** Reads one source: present, or missing with the reason and the fix. */
type ApprovalReader = (
  octokit: GithubClient,
  options: CollectGithubApprovalsOptions
) => Promise<EvidenceItem<ExternalApproval[]>>

/** Reads every requested source; each is present or missing with a reason, independently. */
export async function collectGithubApprovals(
  octokit: GithubClient,
  options: CollectGithubApprovalsOptions
): Promise<GithubApprovals> {
  const eligibility = hasApproverRules(options.approvers)
    ? createEligibilityChecker(octokit, { owner: options.owner, repo: options.repo, approvers: options.approvers })
    : undefined
  const result: GithubApprovals = {}
  for (const source of new Set(options.sources)) {
    const item = await READERS[source](octokit, options)
    if (item.kind === 'present' && eligibility !== undefined) {
      for (const approval of item.value) {
        if (approval.excluded !== undefined) continue
        const answer = await eligibility(approval.login)
        approval.eligible = answer.eligible
        if (answer.eligible !== 'yes')
          approval.excluded = answer.reason ?? `${approval.login} is not an eligible approver`
      }
    }
    result[source] = item
  }
  return result
}

const readEnvironmentApprovals: ApprovalReader = async (octokit, options) => {
  const what = 'environment approvals of this workflow run'
  if (options.runId === undefined) {
    return missing(
      'not-found',
      `No ${what}: there is no workflow run id; environment approvals exist only inside GitHub Actions.`
    )
  }
  const runUrl = `${webRoot(options)}/${options.owner}/${options.repo}/actions/runs/${options.runId}`
  let data: unknown
  try {
    const response = await octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', {
      owner: options.owner,
      repo: options.repo,
      run_id: options.runId
    })
    data = response.data
  } catch (error) {
    return failed(error, what, 'grant the job `permissions: actions: read`')
  }
  const parsed = environmentApprovalSchema.array().safeParse(data)
  if (!parsed.success)
    return missing('invalid', `Reading ${what} failed: GitHub's answer did not have the expected shape.`)

  const wanted = options.environments?.map((name) => name.toLowerCase())
  const approvals = parsed.data
    .filter((record) => record.state === 'approved')
    .map((record): ExternalApproval => {
      const names = record.environments.map((env) => env.name).filter((name): name is string => name !== undefined)
      const approval: ExternalApproval = {
        source: 'github-environment',
        login: record.user.login,
        scope: names.join(', '),
        provenance: { source: 'github', uri: runUrl }
      }
      if (record.comment) approval.comment = record.comment.slice(0, 500)
      if (record.user.type === 'Bot') approval.excluded = 'bot accounts cannot approve'
      else if (wanted !== undefined && !names.some((name) => wanted.includes(name.toLowerCase()))) {
        approval.excluded =
          `approved environment ${names.join(', ') || '(none)'}, ` + `not ${options.environments!.join(' or ')}`
      }
      return approval
    })
  return present(approvals, { source: 'github', uri: runUrl })
}

const readReviewApprovals: ApprovalReader = async (octokit, options) => {
  const what = 'pull request reviews'
  if (options.pullNumber === undefined) {
    return missing('not-found', `No ${what}: this run is not for a pull request; run the gate on pull_request events.`)
  }
  const target = { owner: options.owner, repo: options.repo, pull_number: options.pullNumber }
  let headSha = options.headSha
  let prAuthor = options.prAuthor
  let prUrl = `${webRoot(options)}/${options.owner}/${options.repo}/pull/${options.pullNumber}`
  const fix = 'grant the job `permissions: pull-requests: read`'
  try {
    if (headSha === undefined || prAuthor === undefined) {
      const pull = pullRequestSchema.safeParse(
        (await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', target)).data
      )
      if (!pull.success)
        return missing('invalid', `Reading pull request #${options.pullNumber} failed: unexpected answer shape.`)
      headSha ??= pull.data.head.sha
      prAuthor ??= pull.data.user?.login
      prUrl = pull.data.html_url
    }
    const raw: unknown[] = await octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      ...target,
      per_page: 100
    })
    const parsed = reviewSchema.array().safeParse(raw)
    if (!parsed.success)
      return missing('invalid', `Reading ${what} failed: GitHub's answer did not have the expected shape.`)
    const records = parsed.data.map(
      (review): ReviewRecord => ({
        id: review.id,
        login: review.user?.login ?? null,
        userType: review.user?.type,
        state: review.state,
        commitId: review.commit_id,
        submittedAt: review.submitted_at ?? undefined,
        body: review.body ?? undefined,
        url: review.html_url
      })
    )
    const context = prAuthor === undefined ? { headSha } : { headSha, prAuthor }
    return present(selectReviewApprovals(records, context), { source: 'github', uri: prUrl })
  } catch (error) {
    return failed(error, `${what} of #${options.pullNumber}`, fix)
  }
}

/** A failed read as a `Missing` item: what was asked, what went wrong, the fix. */
function failed(error: unknown, what: string, permissionFix: string): EvidenceItem<ExternalApproval[]> {
  const status = httpStatusOf(error)
  const problem = describeFailure(error)
  const [reason, fix]: [MissingReason, string] =
    status === 401
      ? ['unauthorised', 'pass a valid github-token']
      : status === 403
        ? ['unauthorised', permissionFix]
        : status === 404
          ? ['not-found', 'check the run or pull request number and that the token can see the repository']
          : ['unreachable', 'GitHub kept failing after retries; re-run the job']
  return missing(reason, `Reading ${what} failed: ${problem}; ${fix}.`)
}

function webRoot(options: CollectGithubApprovalsOptions): string {
  return (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '')
}

const READERS: Record<ExternalApprovalSource, ApprovalReader> = {
  'github-environment': readEnvironmentApprovals,
  'github-review': readReviewApprovals
}
