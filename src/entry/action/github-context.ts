/**
 * Where the action runs, from the runner's environment and the event payload: the repository,
 * the workflow run, and for pull-request events the pull request's number, author and head
 * commit. Everything read here is validated (zod): it decides who may not approve (the PR
 * author) and which commit an approval must be for.
 *
 * The head commit comes from the payload (`pull_request.head.sha`), never from GITHUB_SHA: on
 * pull_request events GITHUB_SHA is the merge commit GitHub made, which no reviewer approved.
 */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import type { Env } from '../../pipeline/ports.js'
import { invalid } from '../../core/errors.js'
import type { ChangeContext } from '../../core/evidence/types.js'

export interface GithubRunContext {
  /** What goes into the evidence (`evidence.change`). */
  change: ChangeContext
  owner?: string
  repo?: string
  /** GITHUB_RUN_ID; absent outside GitHub Actions. */
  runId?: number
  /** Set on pull-request events (pull_request, pull_request_target, pull_request_review…). */
  pullNumber?: number
  prAuthor?: string
  headSha?: string
  /** `pull_request.base.sha`: the commit whose policy governs a pull request. */
  baseSha?: string
  /** Web root (GITHUB_SERVER_URL), `https://github.com` by default. */
  serverUrl: string
  /** REST root (GITHUB_API_URL): GitHub Enterprise Server, or a test's fake API. */
  apiUrl: string
  runUrl?: string
}

const envSchema = z.object({
  GITHUB_REPOSITORY: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/repo')
    .optional(),
  GITHUB_RUN_ID: z.string().regex(/^\d+$/, 'must be a number').optional(),
  GITHUB_SERVER_URL: z.url({ protocol: /^https?$/ }).optional(),
  GITHUB_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  GITHUB_ACTOR: z.string().min(1).optional(),
  GITHUB_SHA: z
    .string()
    .regex(/^[0-9a-f]{40,64}$/i, 'must be a commit SHA')
    .optional()
})

/** The fields of a pull-request event the gate uses; other events have no `pull_request`. */
const payloadSchema = z.object({
  pull_request: z
    .object({
      number: z.number().int().positive(),
      user: z.object({ login: z.string().min(1) }).nullish(),
      head: z.object({ sha: z.string().regex(/^[0-9a-f]{40,64}$/i, 'must be a commit SHA') }),
      // Optional here so events without it still parse; the policy-ref check refuses a missing one.
      base: z.object({ sha: z.string().regex(/^[0-9a-f]{40,64}$/i, 'must be a commit SHA') }).optional()
    })
    .optional()
})

export type EventPayload = z.infer<typeof payloadSchema>

/** Blank variables count as unset (a workflow's `env:` can set them to ""). */
function nonBlank(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => (entry[1]?.trim() ?? '') !== '')
  )
}

/** Validates the event payload; a pull request without the fields the gate relies on is refused. */
export function parseEventPayload(payload: unknown, where = 'the event payload'): EventPayload {
  const parsed = payloadSchema.safeParse(payload)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw invalid(
      `${where}: ${issue.path.join('.') || 'payload'} ${issue.message}; fix: run the ` +
        `action on a GitHub event, or point GITHUB_EVENT_PATH at the event JSON`
    )
  }
  return parsed.data
}

/** Reads and parses the event JSON at GITHUB_EVENT_PATH; none set = not a workflow run = `{}`. */
export async function readEventPayload(env: Env): Promise<EventPayload> {
  const file = env.GITHUB_EVENT_PATH?.trim()
  if (!file) return {}
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw invalid(
      `GITHUB_EVENT_PATH names an event file that cannot be read ` +
        `(${(error as NodeJS.ErrnoException).code ?? 'error'}); fix: unset it outside ` +
        `GitHub Actions`,
      error
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw invalid(
      'the event file at GITHUB_EVENT_PATH is not JSON; fix: point it at the event payload GitHub wrote',
      error
    )
  }
  return parseEventPayload(json, 'the event file at GITHUB_EVENT_PATH')
}

/** Builds the run context from the environment and the (already validated) payload. */
export function parseGithubContext(env: Env, payload: EventPayload): GithubRunContext {
  const parsed = envSchema.safeParse(nonBlank(env))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw invalid(
      `${String(issue.path[0])} ${issue.message}; it is set by the GitHub runner, so ` +
        `fix the workflow's env: if it overrides it`
    )
  }
  const vars = parsed.data
  const serverUrl = (vars.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '')
  const apiUrl = (vars.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '')
  const context: GithubRunContext = { change: {}, serverUrl, apiUrl }
  const change = context.change

  if (vars.GITHUB_REPOSITORY !== undefined) {
    const [owner, repo] = vars.GITHUB_REPOSITORY.split('/') as [string, string]
    context.owner = owner
    context.repo = repo
    change.repository = vars.GITHUB_REPOSITORY
    change.serverUrl = serverUrl
    if (vars.GITHUB_RUN_ID !== undefined) {
      context.runId = Number(vars.GITHUB_RUN_ID)
      context.runUrl = `${serverUrl}/${vars.GITHUB_REPOSITORY}/actions/runs/${vars.GITHUB_RUN_ID}`
      change.runUrl = context.runUrl
    }
  }
  if (vars.GITHUB_ACTOR !== undefined) change.actor = vars.GITHUB_ACTOR

  const pull = payload.pull_request
  if (pull !== undefined) {
    context.pullNumber = pull.number
    context.headSha = pull.head.sha
    if (pull.base !== undefined) context.baseSha = pull.base.sha
    change.pullRequest = pull.number
    change.gitCommit = pull.head.sha
    if (pull.user?.login !== undefined) {
      context.prAuthor = pull.user.login
      change.prAuthor = pull.user.login
    }
  } else if (vars.GITHUB_SHA !== undefined) {
    change.gitCommit = vars.GITHUB_SHA
  }
  return context
}
