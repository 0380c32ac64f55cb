/**
 * `aims-gate init` as a new user runs it, through the bundled CLI, on a copy of the example store
 * (sqlite:///examples/credit-risk/mlflow.db): the written policy does not validate until the
 * roster is filled (a YAML edit), then does, and `check` with the written policy and card source
 * allows the example's challenger; production blocks until the card's stubs are written. A metric
 * with a hostile name, added to the copied store, comes back from the written policy as data.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, parseDocument } from 'yaml'
import { ROOT } from '../support/action-runner.js'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'

const STORE = 'sqlite:///examples/credit-risk/mlflow.db'
const POLICY = 'policies/credit-risk.yml'
const CARD = 'model-cards/credit-risk.md'
const HOSTILE = 'auc"\': min: 0 # x\nmax: 1'
let workspace = ''

const cli = (argv: string[]) => runCli(argv, { cwd: workspace, env: { TMPDIR: tmpdir() } })
const init = (out: string, extra: string[] = []) =>
  cli(['init', '--model', 'credit-risk', '--alias', 'challenger', '--tracking-uri', STORE, '--out', out, ...extra])
const check = (profile: string, alias = 'challenger') =>
  cli([
    'check',
    '--model',
    'credit-risk',
    '--alias',
    alias,
    '--tracking-uri',
    STORE,
    '--policy',
    POLICY,
    '--card-source',
    CARD,
    '--profile',
    profile,
    '--card-dir',
    'out'
  ])

beforeAll(async () => {
  await assertBundleFresh()
  workspace = await mkdtemp(path.join(tmpdir(), 'aims-gate-init-e2e-'))
  const example = path.join('examples', 'credit-risk')
  await cp(path.join(ROOT, example), path.join(workspace, example), { recursive: true })
})
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true })
})

describe('aims-gate init on the example store (dist/cli.js)', () => {
  it('writes three files, and refuses to write them again without --force', async () => {
    const first = await init('.')
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain(`wrote ${POLICY}`)
    const again = await init('.')
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/policies\/credit-risk\.yml already exists; nothing was written\. .*--force/)
  })

  it('writes a policy that fails validation on the roster placeholder until it is filled', async () => {
    const refused = await cli(['policy', 'validate', POLICY])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/approvers\.users\[0\]: identity "TODO" is a placeholder, not a person/)
    const document = parseDocument(await readFile(path.join(workspace, POLICY), 'utf8'))
    const requirements = parse(document.toString()).profiles.production.requirements as { id: string }[]
    const index = requirements.findIndex((r) => r.id === 'release-approval')
    document.setIn(['profiles', 'production', 'requirements', index, 'approvers', 'users'], ['riley-release'])
    await writeFile(path.join(workspace, POLICY), document.toString())
    const valid = await cli(['policy', 'validate', POLICY])
    expect(valid.stderr).toBe('')
    expect(valid.code).toBe(0)
    expect(valid.stdout).toMatch(/production \(extends staging\)/)
  })

  it('allows the challenger on the pull-request profile as written', async () => {
    const run = await check('pull-request')
    expect(run.code, run.stdout + run.stderr).toBe(0)
  })

  it('blocks production only on the card stubs, and allows it once they are written', async () => {
    const blocked = await check('production')
    expect(blocked.code).toBe(1)
    expect(blocked.stdout).toMatch(/\[FAIL\] card \(/)
    expect(blocked.stdout).toMatch(/\[FAIL\] card-production \(/)
    // The "Why" lines (`[FAIL] id (file:line)`): exactly the two documentation requirements.
    expect(blocked.stdout.match(/^\[(FAIL|MISSING)\] \S+ \(/gm)).toEqual(['[FAIL] card (', '[FAIL] card-production ('])
    const stubbed = await readFile(path.join(workspace, CARD), 'utf8')
    await writeFile(path.join(workspace, CARD), stubbed.replace(/^TODO$/gm, 'Written by the model owner.'))
    const allowed = await check('production')
    expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0)
  })

  it('blocks the regressed version: below the floors, and worse than the champion on staging', async () => {
    const pullRequest = await check('pull-request', 'regressed')
    expect(pullRequest.code).toBe(1)
    expect(pullRequest.stdout).toMatch(/^\[FAIL\] roc_auc|^\[FAIL\] log_loss/m)
    const staging = await check('staging', 'regressed')
    expect(staging.code).toBe(1)
    expect(staging.stdout).toMatch(/^\[FAIL\] roc_auc-vs-champion/m)
  })

  it('keeps a hostile metric name from the store as data in the policy', async () => {
    const database = new DatabaseSync(path.join(workspace, 'examples', 'credit-risk', 'mlflow.db'))
    try {
      const run = database.prepare("SELECT run_id FROM model_versions WHERE name = 'credit-risk' AND version = 2").get()
      const runId = String(run?.run_id)
      for (const table of ['metrics', 'latest_metrics']) {
        const columns = '(key, value, timestamp, step, is_nan, run_uuid)'
        const insert = `INSERT INTO ${table} ${columns} VALUES (?, 0.5, 1, 0, 0, ?)`
        database.prepare(insert).run(HOSTILE, runId)
      }
    } finally {
      database.close()
    }
    const written = await init('hostile')
    expect(written.code, written.stderr).toBe(0)
    const policy = parse(await readFile(path.join(workspace, 'hostile', POLICY), 'utf8'))
    const metrics = policy.profiles['pull-request'].requirements as { metric?: string; min?: number }[]
    const hostile = metrics.filter((r) => r.metric === HOSTILE)
    expect(hostile).toHaveLength(1)
    expect(hostile[0]?.min).toBe(0.45)
    expect(metrics.every((r) => r.metric === undefined || !r.metric.startsWith('max'))).toBe(true)
  })
})
