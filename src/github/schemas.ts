/**
 * The parts of GitHub's responses the gate relies on, checked at the boundary: a response that
 * lacks them is reported as invalid evidence instead of being trusted half-read. Unknown fields
 * are dropped.
 */
import { z } from 'zod'

const user = z.object({ login: z.string(), type: z.string().optional() })

export const reviewSchema = z.object({
  id: z.number(),
  user: user.nullable(),
  body: z.string().nullish(),
  state: z.string(),
  html_url: z.string(),
  submitted_at: z.string().nullish(),
  commit_id: z.string().nullable()
})
export type GithubReview = z.infer<typeof reviewSchema>

export const environmentApprovalSchema = z.object({
  environments: z.array(z.object({ name: z.string().optional() })),
  state: z.enum(['approved', 'rejected', 'pending']),
  user: user,
  comment: z.string().nullish()
})
export type GithubEnvironmentApproval = z.infer<typeof environmentApprovalSchema>

export const pullRequestSchema = z.object({
  html_url: z.string(),
  user: user.nullable(),
  head: z.object({ sha: z.string() })
})

export const issueCommentSchema = z.object({
  id: z.number(),
  body: z.string().nullish(),
  html_url: z.string(),
  user: user.nullable(),
  performed_via_github_app: z.object({ slug: z.string().optional() }).nullish()
})
export type GithubIssueComment = z.infer<typeof issueCommentSchema>

export const teamMembershipSchema = z.object({ state: z.enum(['active', 'pending']) })

export const collaboratorPermissionSchema = z.object({
  permission: z.string(),
  role_name: z.string().optional()
})
