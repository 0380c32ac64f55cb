import nock from 'nock'
import { describe, expect, it } from 'vitest'
import { testOctokit, useNockedGithub } from '../../../support/github-nock.js'
import { collectGithubApprovals, type CollectGithubApprovalsOptions } from '../../../../src/collect/github/approvals.js'
import { countApprovals } from '../../../../src/core/approvals/count-approvals.js'
import type { ExternalApproval } from '../../../../src/core/evidence/types.js'
import {
  API,
  HEAD_SHA,
  OLD_SHA,
  OWNER,
  REPO,
  collaboratorPermission,
  environmentApproval,
  notAccessible,
  notFound,
  pullRequest,
  review,
  teamMembership,
  type Review
} from '../../../support/github-fixtures.js'

const octokit = () => testOctokit()
const reviewsPath = `/repos/${OWNER}/${REPO}/pulls/7/reviews`
const base: CollectGithubApprovalsOptions = {
  owner: OWNER,
  repo: REPO,
  pullNumber: 7,
  headSha: HEAD_SHA,
  prAuthor: 'alice',
  sources: ['github-review']
}

useNockedGithub()

function replyReviews(reviews: Review[]) {
  nock(API).get(reviewsPath).query({ per_page: '100' }).reply(200, reviews)
}

async function reviewApprovals(options: Partial<CollectGithubApprovalsOptions> = {}): Promise<ExternalApproval[]> {
  const result = await collectGithubApprovals(octokit(), { ...base, ...options })
  const item = result['github-review']
  if (item?.kind !== 'present') throw new Error(`expected present reviews, got ${JSON.stringify(item)}`)
  return item.value
}

describe('pull request reviews', () => {
  it('counts an approval of the head commit by another person', async () => {
    replyReviews([review('bob', 'APPROVED')])
    const [approval] = await reviewApprovals()
    expect(approval).toMatchObject({ login: 'bob', source: 'github-review', scope: HEAD_SHA })
    expect(approval?.excluded).toBeUndefined()
  })

  it('excludes a self-approval by the pull request author', async () => {
    replyReviews([review('alice', 'APPROVED')])
    const [approval] = await reviewApprovals()
    expect(approval?.excluded).toMatch(/author cannot approve/)
  })

  it('reads the head commit and author from the pull request when not given', async () => {
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/pulls/7`)
      .reply(200, pullRequest(7, 'alice', HEAD_SHA))
    replyReviews([review('alice', 'APPROVED'), review('bob', 'APPROVED', { commit: OLD_SHA })])
    const approvals = await reviewApprovals({ headSha: undefined, prAuthor: undefined })
    expect(approvals.map((a) => [a.login, a.excluded])).toEqual([
      ['alice', expect.stringMatching(/author/)],
      ['bob', expect.stringMatching(/stale/)]
    ])
  })

  it('marks an approval of an older head commit as stale', async () => {
    replyReviews([review('bob', 'APPROVED', { commit: OLD_SHA })])
    const [approval] = await reviewApprovals()
    expect(approval?.excluded).toBe(
      `stale: approved commit ${OLD_SHA.slice(0, 7)}, the head is now ${HEAD_SHA.slice(0, 7)}`
    )
  })

  it('never counts a bot', async () => {
    replyReviews([review('renovate[bot]', 'APPROVED', { type: 'Bot' })])
    const [approval] = await reviewApprovals()
    expect(approval?.excluded).toMatch(/bot accounts cannot approve/)
  })

  it('never counts a dismissed review, even after a later comment', async () => {
    replyReviews([
      review('bob', 'DISMISSED', { at: '2026-11-20T10:00:00Z' }),
      review('bob', 'COMMENTED', { at: '2026-11-20T11:00:00Z' })
    ])
    const [approval] = await reviewApprovals()
    expect(approval?.excluded).toBe('review was dismissed')
  })

  it("keeps each reviewer's latest decision only", async () => {
    replyReviews([
      review('bob', 'CHANGES_REQUESTED', { at: '2026-11-20T09:00:00Z' }),
      review('bob', 'APPROVED', { at: '2026-11-20T10:00:00Z' }),
      review('carol', 'APPROVED', { at: '2026-11-20T09:00:00Z' }),
      review('carol', 'CHANGES_REQUESTED', { at: '2026-11-20T12:00:00Z' })
    ])
    const approvals = await reviewApprovals()
    expect(approvals.map((a) => [a.login, a.excluded])).toEqual([
      ['bob', undefined],
      ['carol', 'latest review requests changes']
    ])
  })

  it('pages through more than 100 reviews', async () => {
    const link = (page: number) => `<${API}${reviewsPath}?per_page=100&page=${page}>`
    const first = Array.from({ length: 100 }, (_, i) => review(`reviewer-${i}`, 'COMMENTED'))
    const second = Array.from({ length: 30 }, (_, i) => review(`reviewer-${i}`, 'COMMENTED'))
    second.push(review('late-approver', 'APPROVED', { at: '2026-11-21T10:00:00Z' }))
    nock(API)
      .get(reviewsPath)
      .query({ per_page: '100' })
      .reply(200, first, { link: `${link(2)}; rel="next", ${link(2)}; rel="last"` })
      .get(reviewsPath)
      .query({ per_page: '100', page: '2' })
      .reply(200, second, { link: `${link(1)}; rel="prev", ${link(1)}; rel="first"` })
    const approvals = await reviewApprovals()
    expect(approvals.map((a) => a.login)).toEqual(['late-approver'])
  })

  it('is missing with the fix when the token may not read reviews', async () => {
    nock(API).get(reviewsPath).query(true).reply(403, notAccessible)
    const result = await collectGithubApprovals(octokit(), base)
    expect(result['github-review']).toEqual({
      kind: 'missing',
      reason: 'unauthorised',
      detail:
        'Reading pull request reviews of #7 failed: HTTP 403 (Resource not accessible by integration); ' +
        'grant the job `permissions: pull-requests: read`.'
    })
  })

  it('is missing, not empty, outside a pull request', async () => {
    const result = await collectGithubApprovals(octokit(), { ...base, pullNumber: undefined })
    expect(result['github-review']).toMatchObject({ kind: 'missing', reason: 'not-found' })
  })
})

describe('environment approvals', () => {
  const approvalsPath = `/repos/${OWNER}/${REPO}/actions/runs/4242/approvals`
  const envOptions: CollectGithubApprovalsOptions = { ...base, runId: 4242, sources: ['github-environment'] }

  it('reads who approved which environment, approved state only', async () => {
    nock(API)
      .get(approvalsPath)
      .reply(200, [
        environmentApproval('dana', 'model-release'),
        environmentApproval('erin', 'model-release', 'rejected')
      ])
    const result = await collectGithubApprovals(octokit(), envOptions)
    expect(result['github-environment']).toMatchObject({
      kind: 'present',
      value: [{ login: 'dana', scope: 'model-release', comment: 'Ship it', source: 'github-environment' }]
    })
  })

  it('retries a 5xx and then succeeds', async () => {
    nock(API)
      .get(approvalsPath)
      .reply(502, 'Bad Gateway')
      .get(approvalsPath)
      .reply(503, { message: 'Service Unavailable' })
      .get(approvalsPath)
      .reply(200, [environmentApproval('dana', 'model-release')])
    const result = await collectGithubApprovals(octokit(), envOptions)
    expect(result['github-environment']).toMatchObject({ kind: 'present', value: [{ login: 'dana' }] })
  })

  it('is missing when GitHub keeps failing after the retries', async () => {
    nock(API).get(approvalsPath).times(3).reply(500, { message: 'Server Error' })
    const result = await collectGithubApprovals(octokit(), envOptions)
    expect(result['github-environment']).toMatchObject({ kind: 'missing', reason: 'unreachable' })
  })

  it('excludes approvals of another environment when environments are named', async () => {
    nock(API)
      .get(approvalsPath)
      .reply(200, [environmentApproval('dana', 'staging')])
    const result = await collectGithubApprovals(octokit(), { ...envOptions, environments: ['model-release'] })
    expect(result['github-environment']).toMatchObject({
      kind: 'present',
      value: [{ login: 'dana', excluded: 'approved environment staging, not model-release' }]
    })
  })

  it('tells where approvals come from when there is no workflow run', async () => {
    const result = await collectGithubApprovals(octokit(), { ...envOptions, runId: undefined })
    expect(result['github-environment']).toMatchObject({ kind: 'missing', reason: 'not-found' })
  })
})

describe('who may approve', () => {
  const team = 'acme/release-managers'
  const membership = (login: string) => `/orgs/acme/teams/release-managers/memberships/${login}`

  it('accepts an active member of an approver team', async () => {
    replyReviews([review('bob', 'APPROVED')])
    nock(API).get(membership('bob')).reply(200, teamMembership('active'))
    const [approval] = await reviewApprovals({ approvers: { teams: [team] } })
    expect(approval).toMatchObject({ login: 'bob', eligible: 'yes' })
    expect(approval?.excluded).toBeUndefined()
  })

  it('rejects a non-member when the token can read the team', async () => {
    replyReviews([review('mallory', 'APPROVED')])
    nock(API)
      .get(membership('mallory'))
      .reply(404, notFound)
      .get('/orgs/acme/teams/release-managers')
      .reply(200, { id: 1, slug: 'release-managers', name: 'Release managers' })
    const [approval] = await reviewApprovals({ approvers: { teams: [team] } })
    expect(approval).toMatchObject({ eligible: 'no', excluded: 'mallory is not a member of acme/release-managers' })
  })

  it('reports unknown membership, never counted, when the token cannot see the team', async () => {
    replyReviews([review('bob', 'APPROVED')])
    nock(API).get(membership('bob')).reply(404, notFound).get('/orgs/acme/teams/release-managers').reply(404, notFound)
    const [approval] = await reviewApprovals({ approvers: { teams: [team] } })
    expect(approval?.eligible).toBe('unknown')
    expect(approval?.excluded).toMatch(/could not be verified: GitHub answers 404 both for non-members/)
    expect(approval?.excluded).toMatch(/GitHub App token with organization Members: read/)
    const count = countApprovals({
      sources: { 'github-review': { kind: 'present', value: [approval!], provenance: { source: 'github', uri: 'x' } } },
      separationOfDuties: {},
      minApprovals: 1
    })
    expect(count.status).toBe('fail')
  })

  it('accepts a named user without asking GitHub', async () => {
    replyReviews([review('Bob', 'APPROVED')])
    const [approval] = await reviewApprovals({ approvers: { users: ['bob'], teams: [team] } })
    expect(approval?.eligible).toBe('yes')
  })

  it('rejects someone outside the named users without asking GitHub', async () => {
    replyReviews([review('mallory', 'APPROVED')])
    const [approval] = await reviewApprovals({ approvers: { users: ['bob'] } })
    expect(approval).toMatchObject({ eligible: 'no', excluded: 'mallory is not among the named approvers' })
  })

  it('reports a refused permission lookup as unknown, never counted', async () => {
    replyReviews([review('bob', 'APPROVED')])
    nock(API).get(`/repos/${OWNER}/${REPO}/collaborators/bob/permission`).reply(403, notAccessible)
    const [approval] = await reviewApprovals({ approvers: { permission: 'write' } })
    expect(approval).toMatchObject({
      eligible: 'unknown',
      excluded: "bob's permission could not be read: HTTP 403 (Resource not accessible by integration)"
    })
  })

  it('compares the repository role with the required permission', async () => {
    replyReviews([review('bob', 'APPROVED'), review('carol', 'APPROVED')])
    const permission = (login: string) => `/repos/${OWNER}/${REPO}/collaborators/${login}/permission`
    nock(API)
      .get(permission('bob'))
      .reply(200, collaboratorPermission('bob', 'maintain', 'write'))
      .get(permission('carol'))
      .reply(200, collaboratorPermission('carol', 'write', 'write'))
    const approvals = await reviewApprovals({ approvers: { permission: 'maintain' } })
    expect(approvals.map((a) => [a.login, a.eligible, a.excluded])).toEqual([
      ['bob', 'yes', undefined],
      ['carol', 'no', `carol has write on ${OWNER}/${REPO}, maintain is required`]
    ])
  })
})
