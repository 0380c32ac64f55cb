/**
 * The one place a GitHub client is built. Every GitHub adapter (approvals, sticky comment…)
 * receives the client this factory returns, so retries, throttling and the fetch used are the
 * same everywhere and tests can intercept the fetch.
 *
 * Built from `@octokit/core` + plugins rather than `@actions/github`: only the action entry may
 * import `@actions/*`, and `@actions/github` hard-wires its own undici fetch, which test
 * interceptors cannot see.
 */
import { Octokit } from '@octokit/core'
import { paginateRest } from '@octokit/plugin-paginate-rest'
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

const GateOctokit = Octokit.plugin(paginateRest, restEndpointMethods, retry, throttling)

/** The client every GitHub adapter takes. */
export type GithubClient = InstanceType<typeof GateOctokit>

/** Where the client reports retries and rate limits; never given the token. */
export interface GithubLog {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export interface CreateOctokitOptions {
  /** A GITHUB_TOKEN, a GitHub App installation token or a PAT. Never logged. */
  token: string
  /** REST root; `https://api.github.com` unless on GitHub Enterprise Server. */
  baseUrl?: string
  /** The fetch to send requests with (defaults to the global fetch, which tests intercept). */
  fetch?: typeof globalThis.fetch
  log?: GithubLog
  /** Retries of a failed request (5xx, network) before giving up. Default 3. */
  retries?: number
  /**
   * Base delay between retries in milliseconds; the n-th retry waits `n² × base`. Default 1000.
   * Tests set it to 1 so "5xx then success" runs instantly.
   */
  retryBaseMs?: number
  /** How many times a rate-limited request is retried after waiting. Default 2. */
  rateLimitRetries?: number
  /** Longest wait (seconds) accepted for a rate limit before failing instead. Default 60. */
  maxRateLimitWaitSeconds?: number
  /**
   * Throttling key: clients with the same key share GitHub's pacing of writes (one per second,
   * one comment per three seconds). Default `aims-gate`; tests give each client its own.
   */
  throttleId?: string
}

const SILENT_LOG: GithubLog = { debug() {}, info() {}, warn() {}, error() {} }

/** Builds the GitHub client with retries, throttling and pagination. */
export function createOctokit(options: CreateOctokitOptions): GithubClient {
  const log = options.log ?? SILENT_LOG
  const rateLimitRetries = options.rateLimitRetries ?? 2
  const maxWait = options.maxRateLimitWaitSeconds ?? 60
  const retryBaseMs = options.retryBaseMs ?? 1000

  // Both primary and secondary limits: wait and retry a bounded number of times, so a run on a
  // busy org slows down instead of failing, but never hangs for an hour on a reset.
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const retrying = retryCount < rateLimitRetries && retryAfter <= maxWait
      log.warn(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: ` +
          (retrying ? `retrying in ${retryAfter}s (attempt ${retryCount + 1} of ${rateLimitRetries}).` : 'giving up.')
      )
      return retrying
    }

  return new GateOctokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? 'https://api.github.com',
    userAgent: 'aims-gate',
    log,
    request: { fetch: options.fetch ?? globalThis.fetch },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: retryBaseMs },
    throttle: {
      id: options.throttleId ?? 'aims-gate',
      retryAfterBaseValue: retryBaseMs,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary')
    }
  })
}
