/**
 * The release-manager scenario end to end on the GitHub side: the collector reads nock-backed
 * GitHub answers and the pure counter decides, exactly as `check: approval` will call them.
 */
import nock from 'nock'
import { describe, expect, it } from 'vitest'
import { testOctokit, useNockedGithub } from '../../../support/github-nock.js'
import { collectGithubApprovals, type CollectGithubApprovalsOptions } from '../../../../src/collect/github/approvals.js'
import { countApprovals } from '../../../../src/core/approvals/count-approvals.js'
import {
  API,
  HEAD_SHA,
  OLD_SHA,
  OWNER,
  REPO,
  environmentApproval,
  notFound,
  review,
  teamMembership,
  type Review
} from '../../../support/github-fixtures.js'

const octokit = () => testOctokit({ retries: 1, throttlePrefix: 'release' })

const options: CollectGithubApprovalsOptions = {
  owner: OWNER,
  repo: REPO,
  runId: 99,
  pullNumber: 7,
  headSha: HEAD_SHA,
  prAuthor: 'alice',
  approvers: { teams: ['acme/release-managers'] },
  environments: ['model-release'],
  sources: ['github-environment', 'github-review']
}

useNockedGithub()

function github(environment: ReturnType<typeof environmentApproval>[], reviews: Review[], members: string[]) {
  const scope = nock(API)
    .get(`/repos/${OWNER}/${REPO}/actions/runs/99/approvals`)
    .reply(200, environment)
    .get(`/repos/${OWNER}/${REPO}/pulls/7/reviews`)
    .query({ per_page: '100' })
    .reply(200, reviews)
  for (const login of members) {
    scope
      .get(`/orgs/acme/teams/release-managers/memberships/${login}`)
      .optionally()
      .reply(200, teamMembership('active'))
  }
  scope
    .get(/\/orgs\/acme\/teams\/release-managers\/memberships\/.*/)
    .optionally()
    .reply(404, notFound)
  scope.get('/orgs/acme/teams/release-managers').optionally().reply(200, { slug: 'release-managers' })
}

async function decide() {
  const sources = await collectGithubApprovals(octokit(), options)
  return countApprovals({ sources, separationOfDuties: { runUser: 'trainer', prAuthor: 'alice' }, minApprovals: 1 })
}

describe('production release needing one release-manager approval', () => {
  it('blocks with no approval', async () => {
    github([], [], [])
    expect((await decide()).status).toBe('fail')
  })

  it("blocks with only the PR author's approval, even though she is a release manager", async () => {
    github([], [review('alice', 'APPROVED')], ['alice'])
    const count = await decide()
    expect(count.status).toBe('fail')
    expect(count.excluded).toEqual([
      { login: 'alice', source: 'github-review', reason: 'separation of duties: alice authored the pull request' }
    ])
  })

  it('blocks with only a stale approval', async () => {
    github([], [review('bob', 'APPROVED', { commit: OLD_SHA })], ['bob'])
    const count = await decide()
    expect(count.status).toBe('fail')
    expect(count.excluded[0]?.reason).toMatch(/^stale/)
  })

  it('blocks an environment approval by someone outside the team', async () => {
    github([environmentApproval('mallory', 'model-release')], [], [])
    const count = await decide()
    expect(count.status).toBe('fail')
    expect(count.excluded[0]?.reason).toBe('mallory is not a member of acme/release-managers')
  })

  it('passes with a valid environment approval', async () => {
    github([environmentApproval('dana', 'model-release')], [review('alice', 'APPROVED')], ['dana'])
    const count = await decide()
    expect(count.status).toBe('pass')
    expect(count.counted).toEqual([{ login: 'dana', sources: ['github-environment'], scope: 'model-release' }])
  })
})
