/**
 * GitHub release flow, end to end: the bundled action on a pull_request event, against the seeded
 * MLflow 3 server and a fake GitHub API (GITHUB_API_URL). The policy's production profile needs one
 * approval by a release manager (riley-release or morgan-release) from the `model-release`
 * environment of the run or from the pull request's reviews, with separation of duties; the PR
 * is authored by riley-release. Everything else in the profile passes for credit-risk@challenger,
 * so the verdict turns on the approval alone.
 *
 * - no approval, only the PR author's, or only a stale review → blocked on release-approval;
 * - a release manager's environment approval, or review of the head commit → released;
 * - two runs on one pull request → one comment, updated, not a second one;
 * - a read-only token (fork PR) → the comment is skipped with a note, the job does not fail on it;
 * - the token never reaches the log except in the runner's mask command.
 */
import { randomUUID } from 'node:crypto'
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { assertBundleFresh, ROOT, runAction, type ActionRun } from '../support/action-runner.js'
import { startFakeGithub, type FakeGithub } from '../support/fake-github.js'
import { server } from '../support/servers.js'
import { environmentApproval, HEAD_SHA, OLD_SHA, OWNER, REPO, review } from '../support/github-fixtures.js'
import { parseValidReport } from '../support/report-schema.js'

const TOKEN = 'ghs_FakeTokenForTheActionTest0123456789'
const RUN_ID = 4242
const PR = 7
const AUTHOR = 'riley-release'
const MERGE_SHA = 'feedfacefeedfacefeedfacefeedfacefeedface'
const BASE_SHA = 'ba5eba5eba5eba5eba5eba5eba5eba5eba5eba5e'
const workRoot = path.join(ROOT, '.tmp', `action-github-${randomUUID()}`)
const workspace = path.join(workRoot, 'workspace')

const RELEASE_APPROVAL = `      - id: release-approval
        check: approval
        minApprovals: 1
        sources: [github-environment, github-review]
        approvers:
          users: [riley-release, morgan-release]
        environments: [model-release]
        separationOfDuties: true
        controls: [A.6.2.5, A.3.2]
`

let github: FakeGithub
/** The policy, the same on the base commit (which governs on pull requests) as in the checkout. */
let policyText: string

beforeAll(async () => {
  await assertBundleFresh()
  github = await startFakeGithub({
    owner: OWNER,
    repo: REPO,
    runId: RUN_ID,
    pull: { number: PR, author: AUTHOR, headSha: HEAD_SHA }
  })
  await mkdir(path.join(workspace, 'policies'), { recursive: true })
  const example = await readFile(path.join(ROOT, 'examples/credit-risk/policy.yml'), 'utf8')
  const start = example.indexOf('      - id: release-approval')
  const end = example.indexOf('\ncontrols:')
  expect(start).toBeGreaterThan(0)
  policyText = `${example.slice(0, start)}${RELEASE_APPROVAL}${example.slice(end)}`
  await writeFile(path.join(workspace, 'policies', 'credit-risk.yml'), policyText)
  await cp(
    path.join(ROOT, 'examples/credit-risk/model-cards/credit-risk.md'),
    path.join(workspace, 'model-cards', 'credit-risk.md')
  )
  // The payload of a pull_request event, as GitHub writes it for the runner (the fields used).
  await writeFile(
    path.join(workRoot, 'event.json'),
    JSON.stringify({
      action: 'synchronize',
      number: PR,
      pull_request: {
        number: PR,
        user: { login: AUTHOR },
        head: { sha: HEAD_SHA, ref: 'feature' },
        base: { sha: BASE_SHA, ref: 'main' }
      }
    })
  )
})

afterAll(async () => {
  await github?.close()
  await rm(workRoot, { recursive: true, force: true })
})

beforeEach(() => github.reset({ files: { [`${BASE_SHA}:policies/credit-risk.yml`]: policyText } }))

async function gate(): Promise<
  ActionRun & {
    report: { verdict: string; requirements: { id: string; status: string; details?: Record<string, unknown> }[] }
  }
> {
  const run = await runAction({
    workspace,
    inputs: {
      model: 'credit-risk',
      alias: 'challenger',
      'tracking-uri': server('mlflow3').uri,
      policy: 'policies/credit-risk.yml',
      profile: 'production',
      'card-dir': 'out',
      'github-token': TOKEN,
      comment: 'true'
    },
    env: {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_RUN_ID: String(RUN_ID),
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: path.join(workRoot, 'event.json'),
      GITHUB_ACTOR: AUTHOR,
      GITHUB_SHA: MERGE_SHA
    }
  })
  // The token is only ever printed in the command that tells the runner to mask it.
  for (const text of [run.stdout, run.stderr, run.summary]) {
    const lines = text.split('\n').filter((line) => line.includes(TOKEN))
    expect(
      lines.every((line) => line === `::add-mask::${TOKEN}`),
      'token in the log'
    ).toBe(true)
  }
  expect(run.stdout).toContain(`::add-mask::${TOKEN}`)
  const reportPath = run.outputs['report-path']
  expect(reportPath, run.stdout + run.stderr).toBeDefined()
  return { ...run, report: parseValidReport(await readFile(path.resolve(workspace, reportPath!), 'utf8')) }
}

function approvalResult(report: Awaited<ReturnType<typeof gate>>['report']) {
  const result = report.requirements.find((r) => r.id === 'release-approval')
  expect(result).toBeDefined()
  return result as unknown as {
    status: string
    details: { excluded: { login: string; source: string; reason: string }[]; counted: { login: string }[] }
  }
}

function expectBlockedOnApproval(run: Awaited<ReturnType<typeof gate>>): void {
  expect(run.code, run.stdout + run.stderr).toBe(1)
  expect(run.outputs.verdict).toBe('fail')
  expect(run.outputs.blocking).toBe('release-approval')
  expect(run.stdout).toContain(
    '::error::Release blocked: 1 blocking requirement failed or had missing evidence: release-approval.'
  )
}

const requested = (method: string, prefix: string): string[] =>
  github.calls.filter((call) => call.method === method && call.url.startsWith(prefix)).map((call) => call.url)

describe('GitHub release flow (bundled action, fake GitHub API, MLflow 3)', () => {
  it('blocks when nobody approved, reading the run approvals and the reviews with the token', async () => {
    const run = await gate()
    expectBlockedOnApproval(run)
    expect(approvalResult(run.report)).toMatchObject({ status: 'fail', details: { counted: [], excluded: [] } })
    expect(requested('GET', `/repos/${OWNER}/${REPO}/actions/runs/${RUN_ID}/approvals`)).toHaveLength(1)
    expect(requested('GET', `/repos/${OWNER}/${REPO}/pulls/${PR}/reviews`)).toHaveLength(1)
    // The head commit and author come from the event payload: the pull request is not fetched.
    expect(requested('GET', `/repos/${OWNER}/${REPO}/pulls/${PR}`).filter((url) => !url.includes('/reviews'))).toEqual(
      []
    )
    expect(github.calls.every((call) => call.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('blocks when only the pull request author approved the environment (separation of duties)', async () => {
    github.state.runApprovals = [environmentApproval(AUTHOR, 'model-release')]
    const run = await gate()
    expectBlockedOnApproval(run)
    const result = approvalResult(run.report)
    expect(result.details.counted).toEqual([])
    expect(result.details.excluded).toEqual([
      {
        login: AUTHOR,
        source: 'github-environment',
        reason: `separation of duties: ${AUTHOR} authored the pull request`
      }
    ])
  })

  it('blocks when the only review approval is stale (approved an older head commit), across review pages', async () => {
    github.state.reviews = [
      review('sam-reviewer', 'COMMENTED'),
      review('alex-reviewer', 'CHANGES_REQUESTED'),
      review('morgan-release', 'APPROVED', { commit: OLD_SHA })
    ]
    const run = await gate()
    expectBlockedOnApproval(run)
    // Page size 2: the approval is on the second page, which must have been read.
    expect(requested('GET', `/repos/${OWNER}/${REPO}/pulls/${PR}/reviews`)).toHaveLength(2)
    const excluded = approvalResult(run.report).details.excluded.find((e) => e.login === 'morgan-release')
    expect(excluded?.reason).toMatch(/^stale: approved commit 0f9e8d7, the head is now a1b2c3d/)
  })

  it(
    'counts a review approval of the pull request head (from the payload, not the ' + 'merge commit in GITHUB_SHA)',
    async () => {
      // Submitted now: a review counts only after the version was registered (seeded before this run).
      github.state.reviews = [review('morgan-release', 'APPROVED', { commit: HEAD_SHA, at: new Date().toISOString() })]
      const run = await gate()
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(approvalResult(run.report)).toMatchObject({
        status: 'pass',
        details: { counted: [{ login: 'morgan-release' }] }
      })
    }
  )

  it('passes with a release manager’s approval of the model-release environment', async () => {
    github.state.runApprovals = [environmentApproval('morgan-release', 'model-release')]
    const run = await gate()
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.verdict).toBe('pass')
    expect(run.outputs.blocking).toBe('')
    expect(approvalResult(run.report)).toMatchObject({
      status: 'pass',
      details: { counted: [{ login: 'morgan-release' }] }
    })
    expect(run.summary.split('\n')[0]).toBe('## ✅ aims-gate: credit-risk v2 may be released (profile production)')
    expect(run.summary).toMatch(
      /PR comment created \(\[comment\]\(https:\/\/github\.com\/acme\/credit-models\/pull\/7#issuecomment-\d+\)\)/
    )
  })

  it('updates its one comment on the pull request when run twice', async () => {
    const first = await gate()
    expectBlockedOnApproval(first)
    expect(github.state.comments).toHaveLength(1)
    expect(github.state.comments[0]!.body).toContain('is blocked')

    github.state.runApprovals = [environmentApproval('morgan-release', 'model-release')]
    const second = await gate()
    expect(second.code, second.stdout + second.stderr).toBe(0)
    expect(github.state.comments).toHaveLength(1)
    const body = github.state.comments[0]!.body ?? ''
    expect(body.startsWith('<!-- aims-gate:credit-risk:production -->\n')).toBe(true)
    expect(body).toContain('may be released')
    expect(body).toContain(`(https://github.com/${OWNER}/${REPO}/actions/runs/${RUN_ID})`)
    expect(requested('POST', `/repos/${OWNER}/${REPO}/issues/${PR}/comments`)).toHaveLength(1)
    expect(requested('PATCH', `/repos/${OWNER}/${REPO}/issues/comments/`)).toHaveLength(1)
    expect(second.summary).toContain('PR comment updated')
  })

  it('skips the comment on a read-only token (fork pull request) without failing the job', async () => {
    github.state.runApprovals = [environmentApproval('morgan-release', 'model-release')]
    github.state.commentsReadOnly = true
    const run = await gate()
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.verdict).toBe('pass')
    expect(run.summary).toMatch(/PR comment skipped: creating the report comment on \\?#7 failed with HTTP 403/)
    expect(run.stdout).toMatch(/::warning::PR comment skipped: /)
    expect(github.state.comments).toEqual([])
  })
})
