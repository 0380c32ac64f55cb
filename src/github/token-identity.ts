/**
 * Who the token acts as, and whether a comment was written by it. The sticky comment is found by
 * marker AND author: anyone can paste our marker into a comment, only the token's own identity
 * can author ours.
 */
import type { GithubClient } from './octokit.js'
import { httpStatusOf } from './request-failure.js'

/** The login GitHub shows for comments written with a workflow's GITHUB_TOKEN. */
export const GITHUB_ACTIONS_BOT = 'github-actions[bot]'

export interface TokenIdentity {
  /** `github-actions[bot]`, `<app-slug>[bot]` or a user's login. */
  login: string
  type: 'User' | 'Bot'
  /** How it was found: passed in, asked from `GET /user`, or assumed for a GITHUB_TOKEN. */
  source: 'given' | 'api' | 'github-actions-default'
}

/**
 * Resolves the token's identity. `botLogin` wins when given (a GitHub App token: pass
 * `<app-slug>[bot]`). Otherwise `GET /user` answers for user tokens; installation tokens,
 * GITHUB_TOKEN included, get 403 there, and the GITHUB_TOKEN's bot is assumed.
 */
export async function resolveTokenIdentity(octokit: GithubClient, botLogin?: string): Promise<TokenIdentity> {
  if (botLogin !== undefined && botLogin.trim() !== '') {
    const login = botLogin.trim()
    return { login, type: /\[bot\]$/i.test(login) ? 'Bot' : 'User', source: 'given' }
  }
  try {
    const { data } = await octokit.request('GET /user')
    return { login: data.login, type: data.type === 'Bot' ? 'Bot' : 'User', source: 'api' }
  } catch (error) {
    const status = httpStatusOf(error)
    if (status === 403 || status === 401)
      return { login: GITHUB_ACTIONS_BOT, type: 'Bot', source: 'github-actions-default' }
    throw error
  }
}

/** Logins compare case-insensitively and without the `[bot]` suffix (GraphQL omits it). */
function normalisedLogin(login: string): string {
  return login.toLowerCase().replace(/\[bot\]$/, '')
}

export interface CommentAuthor {
  user: { login: string; type?: string } | null
  performed_via_github_app?: { slug?: string } | null
}

/**
 * True when the comment was written by the token's identity: same login, same account type
 * (a user named like a bot cannot pass), and for bots the app that wrote it (when GitHub says)
 * is the bot's app.
 */
export function isAuthoredBy(comment: CommentAuthor, identity: TokenIdentity): boolean {
  const user = comment.user
  if (user === null) return false
  if (normalisedLogin(user.login) !== normalisedLogin(identity.login)) return false
  const userType = user.type === 'Bot' ? 'Bot' : 'User'
  if (userType !== identity.type) return false
  const appSlug = comment.performed_via_github_app?.slug
  if (identity.type === 'Bot' && appSlug !== undefined && appSlug.toLowerCase() !== normalisedLogin(identity.login)) {
    return false
  }
  return true
}
