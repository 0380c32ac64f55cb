/**
 * Which policy governs a pull request, end to end: the bundled action on a pull_request event
 * against the seeded MLflow 3 server and a fake GitHub API that serves the base commit's files.
 *
 * The pull request loosens the AUC threshold so that credit-risk@challenger would pass under its
 * head policy, while it fails under the base policy (thresholds placed around the AUC MLflow
 * logged for that version, read from the seed manifest):
 *
 * - default (`policy-ref: base`): blocked, the report names the base commit as governing and
 *   lists the weakening, the summary and the comment show it above the verdict;
 * - `policy-ref: head`: released, and the summary and the comment still show the weakening;
 * - the base has no policy (the pull request adds it): blocked with the fix, before MLflow is
 *   asked anything;
 * - no token and no git history, or an event without the base commit: blocked, never the head's.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { reportSchema, type Report } from '../../src/render/report-schema.js'
import { assertBundleFresh, ROOT, runAction, type ActionRun } from '../support/action-runner.js'
import { startFakeGithub, type FakeGithub } from '../support/fake-github.js'
import { server } from '../support/servers.js'
import { HEAD_SHA, OWNER, REPO } from '../support/github-fixtures.js'
import { policyWith } from '../support/policy-with-min.js'
import { parseValidReport } from '../support/report-schema.js'

const TOKEN = 'ghs_FakeTokenForThePolicyRefTest0123456789'
const RUN_ID = 5151
const PR = 12
const BASE_SHA = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0'
const POLICY = 'policies/gate.yml'
const workRoot = path.join(ROOT, '.tmp', `action-policy-ref-${randomUUID()}`)
const workspace = path.join(workRoot, 'workspace')

let github: FakeGithub
let basePolicy: string
let headPolicy: string
let auc: number
let baseMin: number

beforeAll(async () => {
  await assertBundleFresh()
  const challenger = server('mlflow3').manifest.models['credit-risk']!.versions.find((v) => v.role === 'challenger')!
  auc = challenger.metrics.roc_auc!
  expect(auc).toBeGreaterThan(0.1)
  baseMin = Math.round((auc + 0.05) * 1000) / 1000
  basePolicy = policyWith(baseMin)
  headPolicy = policyWith(Math.round((auc - 0.05) * 1000) / 1000)
  github = await startFakeGithub({
    owner: OWNER,
    repo: REPO,
    runId: RUN_ID,
    pull: { number: PR, author: 'dana-dev', headSha: HEAD_SHA }
  })
  await mkdir(path.join(workspace, 'policies'), { recursive: true })
  await writeFile(path.join(workspace, POLICY), headPolicy)
  await writeEvent({ number: PR, user: { login: 'dana-dev' }, head: { sha: HEAD_SHA }, base: { sha: BASE_SHA } })
})

afterAll(async () => {
  await github?.close()
  await rm(workRoot, { recursive: true, force: true })
})

beforeEach(() => github.reset({ files: { [`${BASE_SHA}:${POLICY}`]: basePolicy } }))

async function writeEvent(pull: Record<string, unknown>, name = 'event.json'): Promise<string> {
  const file = path.join(workRoot, name)
  await writeFile(file, JSON.stringify({ action: 'synchronize', number: PR, pull_request: pull }))
  return file
}

async function gate(inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    workspace,
    inputs: {
      model: 'credit-risk',
      alias: 'challenger',
      'tracking-uri': server('mlflow3').uri,
      policy: POLICY,
      'card-dir': 'out',
      'github-token': TOKEN,
      comment: 'true',
      'policy-ref': 'base',
      ...inputs
    },
    env: {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_RUN_ID: String(RUN_ID),
      GITHUB_API_URL: github.url,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: path.join(workRoot, 'event.json'),
      ...env
    }
  })
}

async function reportOf(run: ActionRun): Promise<Report> {
  const reportPath = run.outputs['report-path']
  expect(reportPath, run.stdout + run.stderr).toBeDefined()
  return reportSchema.parse(parseValidReport(await readFile(path.resolve(workspace, reportPath!), 'utf8')))
}

const contentsCalls = () => github.calls.filter((c) => c.method === 'GET' && c.url.includes('/contents/'))

describe('the governing policy of a pull request (bundled action, fake GitHub, MLflow 3)', () => {
  it('evaluates the base commit’s policy by default: the loosened head cannot release the model', async () => {
    const run = await gate()
    expect(run.code, run.stdout + run.stderr).toBe(1)
    expect(run.outputs.verdict).toBe('fail')
    expect(run.outputs.blocking).toBe('auc')

    const report = await reportOf(run)
    expect(report.policy.governing).toMatchObject({ source: 'pull-request-base', file: POLICY, commit: BASE_SHA })
    expect(report.policy.governing!.description).toBe(
      `the pull request's base commit ${BASE_SHA.slice(0, 12)} (${POLICY})`
    )
    expect(report.policy.file).toBe(`${POLICY}@${BASE_SHA.slice(0, 12)}`)
    expect(report.requirements[0]!.expected).toContain(String(baseMin))
    expect(report.policy.change).toMatchObject({
      status: 'compared',
      base: { commit: BASE_SHA, file: POLICY },
      head: { file: POLICY },
      weakened: 1,
      strengthened: 0
    })
    const entry = report.policy.change!.status === 'compared' ? report.policy.change!.entries[0]! : undefined
    expect(entry).toMatchObject({
      effect: 'weakened',
      area: 'requirement',
      subject: 'auc',
      field: 'min',
      profiles: ['pull-request']
    })

    // Read through GitHub's contents API at the base commit, with the token.
    expect(contentsCalls()).toHaveLength(1)
    expect(contentsCalls()[0]).toMatchObject({ authorization: `token ${TOKEN}` })
    expect(contentsCalls()[0]!.url).toMatch(
      new RegExp(`^/repos/${OWNER}/${REPO}/contents/policies(%2F|/)gate\\.yml\\?ref=${BASE_SHA}$`)
    )

    // The weakening is the first thing in the summary and in the comment, before the verdict.
    expect(
      run.summary.startsWith('> [!WARNING]\n> **The policy is weakened by this change** (1 weakening change')
    ).toBe(true)
    expect(run.summary).toContain('The verdict below ignores them')
    expect(run.summary).toContain('requirement auc: min lowered')
    expect(run.summary.indexOf('[!WARNING]')).toBeLessThan(run.summary.indexOf('is blocked'))
    expect(github.state.comments).toHaveLength(1)
    const body = github.state.comments[0]!.body ?? ''
    expect(body.split('\n')[1]).toBe('> [!WARNING]')
    expect(body).toMatch(
      new RegExp(`Policy: evaluated as in the pull request(&#39;|')s base commit ${BASE_SHA.slice(0, 12)}`)
    )
    expect(body).toContain('requirement auc: min lowered')
  })

  it('with policy-ref: head, the head governs (and passes), but the weakening is still shown', async () => {
    const run = await gate({ 'policy-ref': 'head' })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const report = await reportOf(run)
    expect(report.verdict).toBe('pass')
    expect(report.policy.governing).toMatchObject({ source: 'working-tree', file: POLICY })
    expect(report.policy.change).toMatchObject({ status: 'compared', weakened: 1 })
    expect(run.summary.startsWith('> [!WARNING]\n> **The policy is weakened by this change**')).toBe(true)
    expect(run.summary).toContain('computed with these weaker rules (`policy-ref: head`)')
    expect(github.state.comments[0]!.body).toContain('computed with these weaker rules')
  })

  it('blocks a pull request that adds the first policy, before MLflow is asked anything', async () => {
    github.reset({ files: {} })
    // A tracking URI nobody listens on: reaching MLflow would give another error.
    const run = await gate({ 'tracking-uri': 'http://127.0.0.1:9' })
    expect(run.code).toBe(1)
    expect(run.outputs['report-path']).toBeUndefined()
    expect(run.stdout).toContain(
      `::error::aims-gate: the policy ${POLICY} does not exist on the pull request's ` +
        `base commit ${BASE_SHA.slice(0, 12)}`
    )
    expect(run.stdout).toMatch(/fix: merge the policy to the base branch first, or set `policy-ref: head`/)
    expect(run.summary).toContain('release blocked')
  })

  it('never falls back to the head’s policy when the base cannot be read (no token, no git history)', async () => {
    const run = await gate({ 'github-token': '' })
    expect(run.code).toBe(1)
    expect(run.outputs['report-path']).toBeUndefined()
    expect(run.stdout).toMatch(
      new RegExp(
        'cannot be read to take its policy .*fix: pass `github-token` with `permissions:' +
          ' contents: read`, or check out with `fetch-depth: 0`'
      )
    )
    expect(contentsCalls()).toEqual([])
  })

  it('refuses a pull request event without the base commit instead of trusting the head', async () => {
    const event = await writeEvent(
      { number: PR, user: { login: 'dana-dev' }, head: { sha: HEAD_SHA } },
      'event-no-base.json'
    )
    const run = await gate({}, { GITHUB_EVENT_PATH: event })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('::error::aims-gate: the pull request event has no pull_request.base.sha')
  })

  it('shows no change when the pull request leaves the policy as it is', async () => {
    github.reset({ files: { [`${BASE_SHA}:${POLICY}`]: headPolicy } })
    const run = await gate()
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const report = await reportOf(run)
    expect(report.policy.change).toMatchObject({
      status: 'compared',
      weakened: 0,
      strengthened: 0,
      changed: 0,
      entries: []
    })
    expect(run.summary).not.toContain('[!WARNING]')
    expect(run.summary).toContain('no requirement-level change')
  })
})
