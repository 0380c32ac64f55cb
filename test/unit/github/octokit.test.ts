import nock from 'nock'
import { describe, expect, it } from 'vitest'
import { testOctokit, useNockedGithub } from '../../support/github-nock.js'
import type { GithubLog } from '../../../src/github/octokit.js'
import { GITHUB_ACTIONS_BOT, isAuthoredBy, resolveTokenIdentity } from '../../../src/github/token-identity.js'
import { API, OWNER, REPO, issueComment, notAccessible, user } from '../../support/github-fixtures.js'

function recordingLog(): GithubLog & { lines: string[] } {
  const lines: string[] = []
  const push = (message: string) => void lines.push(message)
  return { lines, debug: push, info: push, warn: push, error: push }
}
const octokit = (log?: GithubLog, fetch?: typeof globalThis.fetch) =>
  testOctokit({ token: 'secret-token-value', throttlePrefix: 'octokit', log, fetch })

useNockedGithub()

describe('createOctokit', () => {
  it('sends the token and retries a 5xx until it succeeds', async () => {
    nock(API, { reqheaders: { authorization: 'token secret-token-value' } })
      .get(`/repos/${OWNER}/${REPO}`)
      .reply(500, { message: 'Server Error' })
      .get(`/repos/${OWNER}/${REPO}`)
      .reply(200, { full_name: `${OWNER}/${REPO}` })
    const { data } = await octokit().request('GET /repos/{owner}/{repo}', { owner: OWNER, repo: REPO })
    expect(data.full_name).toBe(`${OWNER}/${REPO}`)
  })

  it('waits out a rate limit a bounded number of times, logging without the token', async () => {
    const log = recordingLog()
    const limited = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': `${Math.floor(Date.now() / 1000)}` }
    nock(API)
      .get('/rate-limited')
      .reply(403, { message: 'API rate limit exceeded' }, limited)
      .get('/rate-limited')
      .reply(200, { ok: true })
    const { data } = await octokit(log).request('GET /rate-limited')
    expect(data).toEqual({ ok: true })
    expect(log.lines.join('\n')).toMatch(/primary rate limit on GET \/rate-limited: retrying/)
    expect(log.lines.join('\n')).not.toContain('secret-token-value')
  })

  it('sends requests through the injected fetch', async () => {
    const seen: string[] = []
    const fetch: typeof globalThis.fetch = async (input) => {
      seen.push(String(input instanceof Request ? input.url : input))
      return new Response(JSON.stringify({ login: 'someone' }), {
        status: 200,
        headers: { 'content-type': 'application/json' }
      })
    }
    const { data } = await octokit(undefined, fetch).request('GET /user')
    expect(data.login).toBe('someone')
    expect(seen).toEqual([`${API}/user`])
  })
})

describe('token identity', () => {
  it('assumes github-actions[bot] when GET /user is refused to an installation token', async () => {
    nock(API).get('/user').reply(403, notAccessible)
    expect(await resolveTokenIdentity(octokit())).toEqual({
      login: GITHUB_ACTIONS_BOT,
      type: 'Bot',
      source: 'github-actions-default'
    })
  })

  it('takes a given bot login (GitHub App tokens) without asking', async () => {
    expect(await resolveTokenIdentity(octokit(), 'release-bot[bot]')).toEqual({
      login: 'release-bot[bot]',
      type: 'Bot',
      source: 'given'
    })
  })

  it('matches authors by login, account type and app', () => {
    const bot = { login: GITHUB_ACTIONS_BOT, type: 'Bot' as const, source: 'given' as const }
    expect(isAuthoredBy(issueComment(user('github-actions[bot]', 'Bot'), 'x', { slug: 'github-actions' }), bot)).toBe(
      true
    )
    expect(isAuthoredBy(issueComment(user('github-actions', 'User'), 'x'), bot)).toBe(false)
    expect(isAuthoredBy(issueComment(user('github-actions[bot]', 'Bot'), 'x', { slug: 'evil-app' }), bot)).toBe(false)
    expect(isAuthoredBy({ user: null }, bot)).toBe(false)
  })
})
