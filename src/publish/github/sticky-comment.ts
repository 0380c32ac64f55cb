/**
 * One pull-request comment per model and profile, updated in place on every run.
 *
 * The comment is found by a hidden marker AND by its author being the token's own identity:
 * anyone can paste the marker into a comment of their own, and updating (or trusting) that one
 * would let them hijack the report. Such a comment is ignored and ours is created beside it.
 *
 * Writing is best effort: a fork pull request gets a read-only token, so a 403 is reported as
 * `skipped` with a reason the job summary shows, never as a failure of the gate.
 */
import type { GithubClient } from '../../github/octokit.js'
import { describeFailure, httpStatusOf } from '../../github/request-failure.js'
import { issueCommentSchema } from '../../github/schemas.js'
import { isAuthoredBy, resolveTokenIdentity, type TokenIdentity } from '../../github/token-identity.js'

/** GitHub rejects comment bodies longer than this many characters. */
export const MAX_COMMENT_CHARS = 65_536

export interface UpsertStickyCommentOptions {
  owner: string
  repo: string
  /** Pull request (or issue) number. */
  issueNumber: number
  /**
   * Hidden marker naming the comment: `prCommentMarker` (render/pr-comment.ts), the same one
   * `renderPrComment` writes into the body, so a rerun finds the comment it wrote.
   */
  marker: string
  /** Markdown body; the marker is added when the body does not contain it. */
  body: string
  /** The token's identity when already known (saves a request). */
  identity?: TokenIdentity
  /** For GitHub App tokens: `<app-slug>[bot]`, which `GET /user` cannot tell. */
  botLogin?: string
}

export interface StickyCommentResult {
  action: 'created' | 'updated' | 'skipped'
  url?: string
  /** Why it was skipped, or a note such as the truncation; one sentence for the summary. */
  reason?: string
  truncated?: boolean
}

/** The body with the marker first, cut to GitHub's limit with a stated note when too long. */
export function fitCommentBody(marker: string, body: string): { body: string; truncated: boolean } {
  const full = body.includes(marker) ? body : `${marker}\n${body}`
  if (full.length <= MAX_COMMENT_CHARS) return { body: full, truncated: false }
  const noteFor = (omitted: number): string =>
    `\n\n---\n**Report truncated:** ${omitted.toLocaleString('en-US')} characters omitted to stay within GitHub's ` +
    `${MAX_COMMENT_CHARS.toLocaleString('en-US')}-character comment limit. The full report is in the job summary.`
  // Reserve room for the note with the largest possible count, then cut at a line break.
  let keep = MAX_COMMENT_CHARS - noteFor(full.length).length
  const lineBreak = full.lastIndexOf('\n', keep)
  if (lineBreak > keep - 2_000 && lineBreak > marker.length) keep = lineBreak
  // Never split a surrogate pair (an emoji half would render as garbage).
  const code = full.charCodeAt(keep - 1)
  if (code >= 0xd800 && code <= 0xdbff) keep -= 1
  return { body: full.slice(0, keep) + noteFor(full.length - keep), truncated: true }
}

/** Creates the comment, or updates the one this token wrote before. */
export async function upsertStickyComment(
  octokit: GithubClient,
  options: UpsertStickyCommentOptions
): Promise<StickyCommentResult> {
  const target = { owner: options.owner, repo: options.repo }
  const fitted = fitCommentBody(options.marker, options.body)
  const note = fitted.truncated ? "The comment was truncated to GitHub's 65,536-character limit." : undefined
  const done = (action: 'created' | 'updated', url: string): StickyCommentResult =>
    note === undefined ? { action, url, truncated: false } : { action, url, reason: note, truncated: true }

  let existing: { id: number; html_url: string } | undefined
  try {
    const identity = options.identity ?? (await resolveTokenIdentity(octokit, options.botLogin))
    const comments: unknown[] = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...target,
      issue_number: options.issueNumber,
      per_page: 100
    })
    for (const raw of comments) {
      const comment = issueCommentSchema.safeParse(raw)
      if (!comment.success) continue
      if (comment.data.body?.includes(options.marker) && isAuthoredBy(comment.data, identity)) {
        existing = comment.data
        break
      }
    }
  } catch (error) {
    return skipped(error, `reading the comments of #${options.issueNumber}`)
  }

  try {
    if (existing !== undefined) {
      const { data } = await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        ...target,
        comment_id: existing.id,
        body: fitted.body
      })
      return done('updated', data.html_url)
    }
    const { data } = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...target,
      issue_number: options.issueNumber,
      body: fitted.body
    })
    return done('created', data.html_url)
  } catch (error) {
    return skipped(
      error,
      `${existing === undefined ? 'creating' : 'updating'} the report comment on #${options.issueNumber}`
    )
  }
}

/** A failed step as `skipped`: the comment is a courtesy, the gate's verdict does not depend on it. */
function skipped(error: unknown, what: string): StickyCommentResult {
  const status = httpStatusOf(error)
  const fix =
    status === 403
      ? 'the token may not write pull-request comments (fork pull requests get a read-only token; ' +
        'otherwise add `permissions: pull-requests: write`); the report is in the job summary'
      : status === 401
        ? 'the github-token was rejected'
        : status === 404
          ? 'the pull request was not found or the token cannot see it'
          : 'GitHub kept failing after retries; the report is in the job summary'
  return { action: 'skipped', reason: `PR comment skipped: ${what} failed with ${describeFailure(error)}; ${fix}.` }
}
