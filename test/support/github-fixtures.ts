/**
 * Recorded-shape GitHub responses, typed with GitHub's own OpenAPI schema: a fixture that drifts
 * from what GitHub sends fails to compile.
 */
import type { components } from '@octokit/openapi-types'

type Schemas = components['schemas']
export type SimpleUser = Schemas['simple-user']
export type Review = Schemas['pull-request-review']
export type IssueComment = Schemas['issue-comment']
export type EnvironmentApprovals = Schemas['environment-approvals']
export type PullRequest = Schemas['pull-request']

export const API = 'https://api.github.com'
export const OWNER = 'acme'
export const REPO = 'credit-models'
export const HEAD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'
export const OLD_SHA = '0f9e8d7c6b5a49382716059483726150abcdef12'

let nextId = 1000

export function user(login: string, type: 'User' | 'Bot' = 'User'): SimpleUser {
  const id = nextId++
  const url = `${API}/users/${login}`
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false
  }
}

export function review(
  login: string,
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED',
  options: { commit?: string; at?: string; type?: 'User' | 'Bot'; pull?: number } = {}
): Review {
  const id = nextId++
  const pull = options.pull ?? 7
  return {
    id,
    node_id: `PRR_${id}`,
    user: user(login, options.type),
    body: state === 'APPROVED' ? 'LGTM' : '',
    state,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/${pull}#pullrequestreview-${id}`,
    pull_request_url: `${API}/repos/${OWNER}/${REPO}/pulls/${pull}`,
    _links: {
      html: { href: `https://github.com/${OWNER}/${REPO}/pull/${pull}#pullrequestreview-${id}` },
      pull_request: { href: `${API}/repos/${OWNER}/${REPO}/pulls/${pull}` }
    },
    submitted_at: options.at ?? '2026-11-20T10:00:00Z',
    commit_id: options.commit ?? HEAD_SHA,
    author_association: 'MEMBER'
  }
}

export function environmentApproval(
  login: string,
  environment: string,
  state: EnvironmentApprovals['state'] = 'approved'
): EnvironmentApprovals {
  return {
    environments: [
      {
        id: 161088068,
        node_id: 'EN_kwDOAAAAAAAAAAAAAA',
        name: environment,
        url: `${API}/repos/${OWNER}/${REPO}/environments/${environment}`,
        html_url: `https://github.com/${OWNER}/${REPO}/deployments/activity_log?environments_filter=${environment}`,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z'
      }
    ],
    state,
    user: user(login),
    comment: 'Ship it'
  }
}

export function issueComment(author: SimpleUser, body: string, app?: { slug: string }): IssueComment {
  const id = nextId++
  return {
    id,
    node_id: `IC_${id}`,
    url: `${API}/repos/${OWNER}/${REPO}/issues/comments/${id}`,
    body,
    html_url: `https://github.com/${OWNER}/${REPO}/pull/7#issuecomment-${id}`,
    user: author,
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    issue_url: `${API}/repos/${OWNER}/${REPO}/issues/7`,
    author_association: 'NONE',
    performed_via_github_app: app === undefined ? null : githubApp(app.slug)
  }
}

function githubApp(slug: string): Schemas['integration'] {
  return {
    id: 15368,
    slug,
    node_id: 'MDM6QXBwMTUzNjg=',
    owner: user('github', 'User'),
    name: slug === 'github-actions' ? 'GitHub Actions' : slug,
    description: 'Automate your workflow from idea to production',
    external_url: `https://github.com/features/actions`,
    html_url: `https://github.com/apps/${slug}`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: { issues: 'write', pull_requests: 'write' },
    events: []
  }
}

/** Only the pull-request fields the collector reads, cast from a recorded answer's shape. */
export function pullRequest(
  number: number,
  author: string,
  headSha: string
): Pick<PullRequest, 'number' | 'html_url' | 'user' | 'head'> {
  const head = {
    label: `${author}:feature`,
    ref: 'feature',
    sha: headSha,
    user: user(author),
    repo: null
  } as unknown as PullRequest['head']
  return { number, html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`, user: user(author), head }
}

export const teamMembership = (state: 'active' | 'pending'): Schemas['team-membership'] => ({
  url: `${API}/organizations/1/team/2/memberships/someone`,
  role: 'member',
  state
})

export const collaboratorPermission = (
  login: string,
  role: string,
  permission: string
): Schemas['repository-collaborator-permission'] => ({
  permission,
  role_name: role,
  user: {
    ...user(login),
    permissions: { admin: false, maintain: role === 'maintain', push: true, triage: true, pull: true },
    role_name: role
  }
})

/** GitHub's 404 body. */
export const notFound = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' }
/** What a GITHUB_TOKEN without the permission (or a fork's read-only token) gets. */
export const notAccessible = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest',
  status: '403'
}
