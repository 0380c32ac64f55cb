import nock from 'nock'
import { describe, expect, it } from 'vitest'
import { testOctokit, useNockedGithub } from '../../../support/github-nock.js'
import {
  MAX_COMMENT_CHARS,
  fitCommentBody,
  upsertStickyComment,
  type UpsertStickyCommentOptions
} from '../../../../src/publish/github/sticky-comment.js'
import { prCommentMarker } from '../../../../src/render/pr-comment.js'
import {
  API,
  OWNER,
  REPO,
  issueComment,
  notAccessible,
  user,
  type IssueComment
} from '../../../support/github-fixtures.js'

const octokit = () => testOctokit()
const commentsPath = `/repos/${OWNER}/${REPO}/issues/7/comments`
const marker = prCommentMarker('credit-risk', 'production')
const options: UpsertStickyCommentOptions = {
  owner: OWNER,
  repo: REPO,
  issueNumber: 7,
  marker,
  body: '## Release gate: pass'
}
const bot = user('github-actions[bot]', 'Bot')

useNockedGithub()

/** A GITHUB_TOKEN cannot read `GET /user`: the identity falls back to github-actions[bot]. */
function tokenIsGithubToken() {
  nock(API).get('/user').reply(403, notAccessible)
}

/** The last body POSTed, captured by the request matcher (nock 15 passes reply functions a Request). */
let posted = ''
const capture = (body: { body: string }): boolean => {
  posted = body.body
  return true
}

function created(body: string): IssueComment {
  return issueComment(bot, body, { slug: 'github-actions' })
}

describe('upsertStickyComment', () => {
  it('creates the comment when there is none, marker first', async () => {
    tokenIsGithubToken()
    nock(API)
      .get(commentsPath)
      .query({ per_page: '100' })
      .reply(200, [issueComment(user('alice'), 'Looks good')])
      .post(commentsPath, capture)
      .reply(201, () => created(posted))
    const result = await upsertStickyComment(octokit(), options)
    expect(result).toMatchObject({ action: 'created', truncated: false })
    expect(result.url).toMatch(/#issuecomment-\d+$/)
    expect(posted).toBe(`${marker}\n## Release gate: pass`)
  })

  it('updates its own comment in place', async () => {
    tokenIsGithubToken()
    const ours = created(`${marker}\nold report`)
    nock(API)
      .get(commentsPath)
      .query({ per_page: '100' })
      .reply(200, [issueComment(user('alice'), 'hello'), ours])
      .patch(`/repos/${OWNER}/${REPO}/issues/comments/${ours.id}`, { body: `${marker}\n## Release gate: pass` })
      .reply(200, { ...ours, body: `${marker}\n## Release gate: pass` })
    const result = await upsertStickyComment(octokit(), options)
    expect(result).toEqual({ action: 'updated', url: ours.html_url, truncated: false })
  })

  it('ignores a comment by another user carrying our marker and creates its own', async () => {
    tokenIsGithubToken()
    const forged = issueComment(user('mallory'), `${marker}\n## Release gate: pass (trust me)`)
    // A user whose login imitates the bot is still a User, not the bot.
    const impostor = issueComment(user('github-actions'), `${marker}\nfake`)
    nock(API)
      .get(commentsPath)
      .query({ per_page: '100' })
      .reply(200, [forged, impostor])
      .post(commentsPath, capture)
      .reply(201, () => created(posted))
    const result = await upsertStickyComment(octokit(), options)
    expect(result.action).toBe('created')
  })

  it('ignores a comment posted by another app with the same marker', async () => {
    const otherApp = issueComment(user('github-actions[bot]', 'Bot'), `${marker}\nx`, { slug: 'other-app' })
    nock(API)
      .get(commentsPath)
      .query({ per_page: '100' })
      .reply(200, [otherApp])
      .post(commentsPath, capture)
      .reply(201, () => created(posted))
    const result = await upsertStickyComment(octokit(), {
      ...options,
      identity: { login: 'github-actions[bot]', type: 'Bot', source: 'given' }
    })
    expect(result.action).toBe('created')
  })

  it('finds its comment beyond the first page of comments', async () => {
    const ours = issueComment(user('release-bot[bot]', 'Bot'), `${marker}\nold`, { slug: 'release-bot' })
    const link = `<${API}${commentsPath}?per_page=100&page=2>; rel="next"`
    nock(API)
      .get(commentsPath)
      .query({ per_page: '100' })
      .reply(
        200,
        Array.from({ length: 100 }, () => issueComment(user('alice'), 'chatter')),
        { link }
      )
      .get(commentsPath)
      .query({ per_page: '100', page: '2' })
      .reply(200, [ours])
      .patch(`/repos/${OWNER}/${REPO}/issues/comments/${ours.id}`)
      .reply(200, ours)
    const result = await upsertStickyComment(octokit(), { ...options, botLogin: 'release-bot[bot]' })
    expect(result.action).toBe('updated')
  })

  it('uses the login GET /user reports for a personal token', async () => {
    const ours = issueComment(user('release-manager'), `${marker}\nold`)
    nock(API)
      .get('/user')
      .reply(200, { ...user('release-manager'), name: null, company: null, blog: null, location: null, email: null })
      .get(commentsPath)
      .query({ per_page: '100' })
      .reply(200, [ours])
      .patch(`/repos/${OWNER}/${REPO}/issues/comments/${ours.id}`)
      .reply(200, ours)
    expect((await upsertStickyComment(octokit(), options)).action).toBe('updated')
  })

  it('keeps one comment across two runs on the same pull request', async () => {
    // A small stateful GitHub: what the first run creates, the second run lists and updates.
    const thread: IssueComment[] = [issueComment(user('alice'), 'Please have a look')]
    const scope = nock(API)
      .persist()
      .get('/user')
      .reply(403, notAccessible)
      .get(commentsPath)
      .query({ per_page: '100' })
      .reply(200, () => thread)
      .post(commentsPath, capture)
      .reply(201, () => {
        const comment = created(posted)
        thread.push(comment)
        return comment
      })
      .patch(/\/issues\/comments\/\d+$/, (body: { body: string }) => {
        const ours = thread.find((comment) => comment.user?.type === 'Bot')
        if (ours !== undefined) ours.body = body.body
        return ours !== undefined
      })
      .reply(200, () => thread.find((comment) => comment.user?.type === 'Bot'))
    const first = await upsertStickyComment(octokit(), { ...options, body: 'run 1: fail' })
    const second = await upsertStickyComment(octokit(), { ...options, body: 'run 2: pass' })
    scope.persist(false)
    nock.cleanAll()
    expect([first.action, second.action]).toEqual(['created', 'updated'])
    expect(second.url).toBe(first.url)
    expect(thread.filter((comment) => comment.body?.includes(marker)).map((comment) => comment.body)).toEqual([
      `${marker}\nrun 2: pass`
    ])
  })

  it('skips with a reason, not an exception, on 403 when creating (read-only fork token)', async () => {
    tokenIsGithubToken()
    nock(API).get(commentsPath).query({ per_page: '100' }).reply(200, []).post(commentsPath).reply(403, notAccessible)
    const result = await upsertStickyComment(octokit(), options)
    expect(result.action).toBe('skipped')
    expect(result.reason).toBe(
      'PR comment skipped: creating the report comment on #7 failed with HTTP 403 ' +
        '(Resource not accessible by integration); ' +
        'the token may not write pull-request comments (fork pull requests get a read-only token; otherwise add ' +
        '`permissions: pull-requests: write`); the report is in the job summary.'
    )
    expect(result.reason).not.toContain('test-token')
  })

  it('retries a 5xx on update and then succeeds', async () => {
    tokenIsGithubToken()
    const ours = created(`${marker}\nold`)
    const patch = `/repos/${OWNER}/${REPO}/issues/comments/${ours.id}`
    nock(API)
      .get(commentsPath)
      .query({ per_page: '100' })
      .reply(200, [ours])
      .patch(patch)
      .reply(502, 'Bad Gateway')
      .patch(patch)
      .reply(200, ours)
    expect((await upsertStickyComment(octokit(), options)).action).toBe('updated')
  })

  it('truncates an oversized body with a stated note', async () => {
    tokenIsGithubToken()
    nock(API)
      .get(commentsPath)
      .query({ per_page: '100' })
      .reply(200, [])
      .post(commentsPath, capture)
      .reply(201, () => created(posted))
    const huge = Array.from({ length: 5000 }, (_, i) => `| req-${i} | fail | ${'x'.repeat(20)} |`).join('\n')
    const result = await upsertStickyComment(octokit(), { ...options, body: huge })
    expect(result).toMatchObject({ action: 'created', truncated: true })
    expect(result.reason).toMatch(/truncated/)
    expect(posted.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(posted.startsWith(marker)).toBe(true)
    expect(posted).toMatch(
      /\*\*Report truncated:\*\* [\d,]+ characters omitted .* The full report is in the job summary\.$/
    )
  })
})

describe('fitCommentBody', () => {
  it('keeps a body within the limit untouched', () => {
    expect(fitCommentBody(marker, `${marker}\nbody`)).toEqual({ body: `${marker}\nbody`, truncated: false })
  })

  it('never splits an emoji', () => {
    const { body } = fitCommentBody(marker, '🚫'.repeat(40_000))
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(body).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/)
  })
})
