/**
 * `aims-gate check --policy-ref REF`, end to end: the bundled CLI in a real temporary git
 * repository (two commits: a strict policy, then the same file loosened), against the seeded
 * MLflow 3 server. The thresholds sit around the AUC MLflow logged for credit-risk@challenger
 * (seed manifest): the strict policy blocks it, the loosened one would release it.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../support/action-runner.js'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import { server } from '../support/servers.js'
import { policyWith } from '../support/policy-with-min.js'
import { parseValidReport } from '../support/report-schema.js'

const run = promisify(execFile)
const workRoot = path.join(ROOT, '.tmp', `policy-ref-cli-${randomUUID()}`)
const repo = path.join(workRoot, 'repo')
// Outside the checkout: the work folder lies inside this repository's own git work tree.
const notRepo = path.join(os.tmpdir(), `policy-ref-cli-plain-${randomUUID()}`)

const git = (...args: string[]) =>
  run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo
  })

let strictSha: string
let strictMin: number

beforeAll(async () => {
  await assertBundleFresh()
  const auc = server('mlflow3').manifest.models['credit-risk']!.versions.find((v) => v.role === 'challenger')!.metrics
    .roc_auc!
  strictMin = Math.round((auc + 0.05) * 1000) / 1000
  await mkdir(path.join(repo, 'policies'), { recursive: true })
  await mkdir(notRepo, { recursive: true })
  await git('init', '-q', '-b', 'main')
  await writeFile(path.join(repo, 'policies', 'gate.yml'), policyWith(strictMin))
  await git('add', '.')
  await git('commit', '-q', '-m', 'strict policy')
  strictSha = (await git('rev-parse', 'HEAD')).stdout.trim()
  await writeFile(path.join(repo, 'policies', 'gate.yml'), policyWith(Math.round((auc - 0.05) * 1000) / 1000))
  await git('commit', '-q', '-am', 'loosen the policy')
  await writeFile(path.join(notRepo, 'gate.yml'), policyWith(strictMin))
})

afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
  await rm(notRepo, { recursive: true, force: true })
})

const check = (cwd: string, ...extra: string[]) =>
  runCli(['check', '--model', 'credit-risk', '--alias', 'challenger', '--card-dir', 'out', ...extra], {
    cwd,
    env: { MLFLOW_TRACKING_URI: server('mlflow3').uri }
  })

describe('check --policy-ref (bundled CLI, real git repository, MLflow 3)', () => {
  it('evaluates the policy as committed at the ref and lists what the working tree weakens', async () => {
    const result = await check(repo, '--policy', 'policies/gate.yml', '--policy-ref', 'HEAD~1')
    expect(result.code, result.stdout + result.stderr).toBe(1)
    expect(result.stdout).toContain('RELEASE BLOCKED')
    expect(result.stdout).toContain(
      `Policy: evaluated as in git ref HEAD~1 = ${strictSha.slice(0, 12)} (policies/gate.yml)`
    )
    expect(result.stdout).toMatch(
      /Policy change \(policies\/gate\.yml against [0-9a-f]{12}\): 1 weakened, 0 strengthened, 0 not ranked/
    )
    expect(result.stdout).toContain(`[WEAKENED] requirement auc: min lowered (${strictMin} → `)
  })

  it('gives the same verdict through --json, with the governing commit in the report', async () => {
    const result = await check(repo, '--policy', 'policies/gate.yml', '--policy-ref', strictSha, '--json')
    expect(result.code, result.stderr).toBe(1)
    const report = parseValidReport<{
      policy: { governing: Record<string, unknown>; change: { status: string; weakened: number } }
    }>(result.stdout)
    expect(report.policy.governing).toMatchObject({
      source: 'git-ref',
      ref: strictSha,
      commit: strictSha,
      file: 'policies/gate.yml'
    })
    expect(report.policy.change).toMatchObject({ status: 'compared', weakened: 1 })
  })

  it('without --policy-ref the working tree governs (and the loosened policy passes)', async () => {
    const result = await check(repo, '--policy', 'policies/gate.yml')
    expect(result.code, result.stdout + result.stderr).toBe(0)
    expect(result.stdout).toContain('Policy: evaluated as in the working tree (policies/gate.yml)')
  })

  it('finds the repository from the policy file, wherever the command runs', async () => {
    const result = await check(workRoot, '--policy', 'repo/policies/gate.yml', '--policy-ref', 'main~1')
    expect(result.code, result.stdout + result.stderr).toBe(1)
    expect(result.stdout).toContain('(policies/gate.yml)')
  })

  const refusals: [string, string[], string, RegExp][] = [
    [
      'an unknown ref',
      ['--policy', 'policies/gate.yml', '--policy-ref', 'no-such-branch'],
      repo,
      /policy ref "no-such-branch" names no commit in the repository holding policies\/gate\.yml; fix: fetch it/
    ],
    [
      'an option disguised as a ref',
      ['--policy', 'policies/gate.yml', '--policy-ref=--output=/tmp/x'],
      repo,
      /--policy-ref: must be a commit SHA, branch or tag/
    ],
    [
      'a range',
      ['--policy', 'policies/gate.yml', '--policy-ref', 'HEAD~1..HEAD'],
      repo,
      /--policy-ref: must be a commit SHA, branch or tag/
    ],
    [
      'another file smuggled in with rev:path',
      ['--policy', 'policies/gate.yml', '--policy-ref', 'HEAD:other.yml'],
      repo,
      /--policy-ref: must be a commit SHA, branch or tag/
    ],
    [
      'a file absent at the ref',
      ['--policy', 'policies/new.yml', '--policy-ref', 'HEAD'],
      repo,
      /--policy-ref HEAD: policies\/new\.yml does not exist at HEAD \(commit [0-9a-f]{12}\); fix: /
    ],
    [
      'a folder outside any repository',
      ['--policy', 'gate.yml', '--policy-ref', 'HEAD'],
      notRepo,
      /gate\.yml is not inside a git repository; fix: /
    ],
    ['the built-in policy', ['--policy-ref', 'HEAD'], repo, /--policy-ref HEAD needs --policy FILE/]
  ]

  it.each(refusals)('refuses %s with exit 2, naming the ref and the fix', async (_name, argv, cwd, message) => {
    const result = await check(cwd, ...argv, '--tracking-uri', 'http://127.0.0.1:9')
    expect(result.code, result.stdout + result.stderr).toBe(2)
    expect(result.stderr).toMatch(message)
    // Refused in prepare: no connection to the (dead) tracking URI was attempted.
    expect(result.stderr).not.toMatch(/127\.0\.0\.1:9|ECONNREFUSED/)
  })
})
