/**
 * Forged evidence, end to end: what an author who wants to ship a bad model could log, written
 * with real MLflow (test/python/make_forgeries.py) into the seeded MLflow 2.x and 3.x servers
 * (under model names of its own) and into a local sqlite store made in a temp folder, then gated
 * by the bundled CLI (dist/cli.js). Every case must block (exit 1) or be refused (exit 2), with the
 * requirement's status and a message naming the reason; the shipped default and example policies'
 * production profiles must block them too.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import { venvProgram } from '../support/python.js'
import { servers, type Flavour } from '../support/servers.js'
import { parseValidReport } from '../support/report-schema.js'

const run = promisify(execFile)
const workRoot = resolve('.tmp', `forgery-${randomUUID()}`)
const policyFile = join(workRoot, 'forgery.yml')
const today = new Date().toISOString().slice(0, 10)

type Cases = Record<string, Record<string, { version: string; runId: string }>>
interface Target {
  label: string
  uri: string
  flavour: Flavour
  local: boolean
  prefix: string
  cases?: Cases
}

const targets: Target[] = [
  ...servers().map((s) => ({
    label: `${s.flavour} server`,
    uri: s.uri,
    flavour: s.flavour,
    local: false,
    prefix: `forge-${s.flavour}-${randomUUID().slice(0, 8)}`
  })),
  {
    label: 'local sqlite store (MLflow 3)',
    uri: `sqlite:///${join(workRoot, 'store', 'mlflow.db')}`,
    flavour: 'mlflow3',
    local: true,
    prefix: `forge-local-${randomUUID().slice(0, 8)}`
  }
]

const FOCUSED = `version: 1
name: forgery
evaluation: { data: { artifact: eval/evaluation.csv }, label: label, task: regression }
profiles:
  doc:
    requirements:
      - { id: impact, check: artifact, path: impact_assessment.md, maxAgeDays: 365,
          requiredHeadings: [Intended use, Affected groups, Risks and mitigations], controls: [A.5.3] }
  data:
    requirements:
      - { id: provenance, check: datasets, contexts: [training, evaluation], require: [digest, source],
          distinct: true, controls: [A.7.5] }
  data-named:
    requirements:
      - { id: provenance, check: datasets, contexts: [training, evaluation], require: [digest, source],
          distinct: true, names: { evaluation: eval-a }, controls: [A.7.5] }
  autolog:
    requirements:
      - { id: provenance, check: datasets, contexts: [train], require: [digest, source], controls: [A.7.5] }
  recompute:
    requirements:
      - { id: mae, check: metric, metric: mean_absolute_error, source: recomputed, max: 100, controls: [A.6.2.4] }
  losses:
    requirements:
      - { id: log-loss, check: metric, metric: log_loss, baseline: champion, maxDecrease: 0.01, controls: [A.6.2.4] }
      - { id: brier, check: metric, metric: brier_score, baseline: champion, maxRelativeDecrease: 0.05,
          controls: [A.6.2.4] }
      - { id: rmse, check: metric, metric: root_mean_squared_error, baseline: champion, maxDecrease: 0.1,
          controls: [A.6.2.4] }
      - { id: auc, check: metric, metric: roc_auc, baseline: champion, maxDecrease: 0.01, controls: [A.6.2.4] }
`

/** The local store's folder of a run's artifacts (MLflow wrote it below the store's mlruns/). */
function artifactsDir(runId: string): string {
  const mlruns = join(workRoot, 'store', 'mlruns')
  for (const experiment of readdirSync(mlruns)) {
    const dir = join(mlruns, experiment, runId, 'artifacts')
    if (existsSync(dir)) return dir
  }
  throw new Error(`no artifacts folder for run ${runId}`)
}

/** Turns the local-only versions into symlink / ".." forgeries. */
async function forgeLocalStore(cases: Cases, prefix: string): Promise<void> {
  const docs = cases[`${prefix}-doc`] ?? {}
  const outside = join(workRoot, 'outside')
  mkdirSync(outside, { recursive: true })
  // impact_assessment.md → /etc/passwd
  const fileRun = artifactsDir(docs['symlink-file']!.runId)
  unlinkSync(join(fileRun, 'impact_assessment.md'))
  symlinkSync('/etc/passwd', join(fileRun, 'impact_assessment.md'))
  // The whole artifacts folder → a copy outside the store (a valid document in it).
  const folderRun = artifactsDir(docs['symlink-folder']!.runId)
  cpSync(folderRun, join(outside, 'artifacts'), { recursive: true })
  rmSync(folderRun, { recursive: true })
  symlinkSync(join(outside, 'artifacts'), folderRun)
  // eval/evaluation.csv → a file outside the store.
  const csvRun = artifactsDir(docs['symlink-csv']!.runId)
  cpSync(join(csvRun, 'eval', 'evaluation.csv'), join(outside, 'evaluation.csv'))
  unlinkSync(join(csvRun, 'eval', 'evaluation.csv'))
  symlinkSync(join(outside, 'evaluation.csv'), join(csvRun, 'eval', 'evaluation.csv'))
  // A recorded artifact location that climbs out with "..".
  const dotRun = docs.dotdot!.runId
  cpSync(artifactsDir(dotRun), join(outside, 'dotdot'), { recursive: true })
  const climbing = `${artifactsDir(dotRun)}/../../../../outside/dotdot`
  const sql =
    `import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("update runs set ` +
    `artifact_uri=? where run_uuid=?", (sys.argv[2], sys.argv[3])); c.commit()`
  await run(venvProgram('mlflow3'), ['-c', sql, join(workRoot, 'store', 'mlflow.db'), climbing, dotRun])
}

beforeAll(async () => {
  assertBundleFresh()
  mkdirSync(join(workRoot, 'store'), { recursive: true })
  writeFileSync(policyFile, FOCUSED)
  writeFileSync(
    join(workRoot, 'warn-only.yml'),
    'version: 1\nname: w\nprofiles:\n  production:\n    requirements:\n      - { ' +
      'id: auc, check: metric, metric: roc_auc, min: 0.8, severity: warn, controls: ' +
      '[A.6.2.4] }\n'
  )
  writeFileSync(
    join(workRoot, 'unknown-metric.yml'),
    'version: 1\nname: u\nprofiles:\n  production:\n    requirements:\n      - { ' +
      'id: kpi, check: metric, metric: my_kpi, baseline: champion, maxDecrease: 0.1, ' +
      'controls: [A.6.2.4] }\n'
  )
  // One seeding at a time: the machine has two cores and the servers use one.
  for (const target of targets) {
    const cwd = target.local ? join(workRoot, 'store') : workRoot
    const { stdout } = await run(
      venvProgram(target.flavour),
      [resolve('test/python/make_forgeries.py'), target.uri, target.prefix, today],
      { cwd, maxBuffer: 16 * 1024 * 1024 }
    )
    target.cases = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Cases
    if (target.local) await forgeLocalStore(target.cases, target.prefix)
  }
}, 600_000)

afterAll(() => rmSync(workRoot, { recursive: true, force: true }))

async function gate(target: Target, model: string, select: string[], policy: string, profile: string) {
  const result = await runCli(
    [
      'check',
      '--tracking-uri',
      target.uri,
      '--model',
      model,
      ...select,
      '--policy',
      policy,
      '--profile',
      profile,
      '--json',
      '--card-dir',
      join(workRoot, 'cards')
    ],
    { cwd: workRoot }
  )
  const report = result.stdout.trim().startsWith('{') ? parseValidReport(result.stdout) : undefined
  return { ...result, report, requirement: (id: string) => report?.requirements.find((r) => r.id === id) }
}

describe.each(targets.map((t) => [t.label, t] as const))('forged evidence against the %s', (_label, target) => {
  const doc = () => `${target.prefix}-doc`
  const version = (model: string, name: string) => ['--version', target.cases?.[model]?.[name]?.version ?? 'unknown']

  it('lets the honest document through (the control case)', async () => {
    const { code, requirement, stderr } = await gate(target, doc(), version(doc(), 'good'), policyFile, 'doc')
    expect(stderr).toBe('')
    expect(requirement('impact')?.status).toBe('pass')
    expect(code).toBe(0)
  })

  it.each([
    ['an HTML login page named .md', 'html', 'missing', /HTML page/],
    ['a binary document with NUL bytes', 'nul', 'missing', /control character \(U\+0000, NUL\)/],
    ['Reviewed: 2026-02-30', 'feb30', 'fail', /"Reviewed: 2026-02-30" is not a real calendar date/],
    ['a Reviewed date in the future', 'future', 'fail', /reviewed on 2099-01-01, which is in the future/],
    ['the date only in prose', 'prose', 'fail', /no "Reviewed: YYYY-MM-DD" line/],
    [
      'no review date at all (the run start time no longer stands in)',
      'nodate',
      'fail',
      /no "Reviewed: YYYY-MM-DD" line/
    ],
    [
      'a document without the required headings',
      'headings',
      'fail',
      /lacks the headings "Intended use", "Affected groups", "Risks and mitigations"/
    ]
  ])('blocks %s', async (_what, name, status, says) => {
    const { code, requirement } = await gate(target, doc(), version(doc(), name), policyFile, 'doc')
    expect(code).toBe(1)
    expect(requirement('impact')?.status).toBe(status)
    expect(requirement('impact')?.message).toMatch(says)
  })

  it("blocks autolog's code dataset as the only training data", async () => {
    const data = `${target.prefix}-data`
    const autolog = await gate(target, data, version(data, 'autolog'), policyFile, 'autolog')
    expect(autolog.code).toBe(1)
    expect(autolog.requirement('provenance')?.status).toBe('fail')
    expect(autolog.requirement('provenance')?.message).toMatch(
      /has no data provenance: its source is MLflow's "code" source type \(the script .*make_forgeries\.py\)/
    )
    const byHand = await gate(target, data, version(data, 'code-training'), policyFile, 'data')
    expect(byHand.code).toBe(1)
    expect(byHand.requirement('provenance')?.message).toMatch(
      /training dataset "train-arrays" has no data provenance: .*"code" source type \(the script train\.py\)/
    )
  })

  it('reports two evaluation datasets as ambiguous, unless the policy names one', async () => {
    const data = `${target.prefix}-data`
    const ambiguous = await gate(target, data, version(data, 'two-eval'), policyFile, 'data')
    expect(ambiguous.code).toBe(1)
    expect(ambiguous.requirement('provenance')?.status).toBe('missing')
    expect(ambiguous.requirement('provenance')?.message).toMatch(
      /2 datasets are logged with context "evaluation" \("eval-a"@\w+, "eval-b"@\w+\)/
    )
    const named = await gate(target, data, version(data, 'two-eval'), policyFile, 'data-named')
    expect(named.requirement('provenance')?.status).toBe('pass')
    expect(named.code).toBe(0)
  })

  it('blocks rising losses against the champion, saying "increased"', async () => {
    const metric = `${target.prefix}-metric`
    const { code, requirement } = await gate(target, metric, ['--alias', 'challenger'], policyFile, 'losses')
    expect(code).toBe(1)
    expect(requirement('log-loss')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(
        new RegExp(
          String.raw`log_loss increased by 0\.2 versus champion \(version \d+: 0\.3\), a worsening of` +
            String.raw` more than 0\.01 \(lower log_loss is better\)`
        )
      )
    })
    expect(requirement('brier')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/brier_score increased by 100% versus champion/)
    })
    expect(requirement('rmse')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/root_mean_squared_error increased by 0\.5/)
    })
    expect(requirement('auc')?.status).toBe('pass')
  })

  it(
    'refuses (exit 2) a baseline on an unknown metric without higherIsBetter, and a ' + 'profile that cannot block',
    async () => {
      const metric = `${target.prefix}-metric`
      const unknown = await gate(
        target,
        metric,
        ['--alias', 'challenger'],
        join(workRoot, 'unknown-metric.yml'),
        'production'
      )
      expect(unknown.code).toBe(2)
      expect(unknown.stderr).toMatch(
        new RegExp(
          String.raw`unknown-metric\.yml:\d+: profiles\.production\.requirements\[0\]\.higherIsBetter:` +
            String.raw` the gate does not know whether a higher or a lower my_kpi is better.*fix: add higherIsBetter`
        )
      )
      const warnOnly = await gate(
        target,
        metric,
        ['--alias', 'challenger'],
        join(workRoot, 'warn-only.yml'),
        'production'
      )
      expect(warnOnly.code).toBe(2)
      expect(warnOnly.stderr).toMatch(
        new RegExp(
          String.raw`warn-only\.yml:\d+: profiles\.production\.requirements: profile "production" has` +
            String.raw` no blocking requirement: all 1 are severity: warn.*fix: add a requirement with` +
            String.raw` severity: block`
        )
      )
    }
  )

  it.each([
    ['policies/default.yml', 'default policy'],
    ['examples/credit-risk/policy.yml', 'example policy']
  ])('the shipped %s blocks the forged documents and datasets in production', async (policy) => {
    const data = `${target.prefix}-data`
    for (const [model, name, id, status] of [
      [doc(), 'html', 'impact', 'missing'],
      [doc(), 'nodate', 'impact', 'fail'],
      [doc(), 'feb30', 'impact', 'fail'],
      [doc(), 'headings', 'impact', 'fail'],
      [data, 'code-training', 'provenance', 'fail'],
      [data, 'two-eval', 'provenance', 'missing']
    ] as const) {
      const { code, report, requirement } = await gate(
        target,
        model,
        version(model, name),
        resolve(policy),
        'production'
      )
      expect([name, code]).toEqual([name, 1])
      expect([name, requirement(id)?.status]).toEqual([name, status])
      expect(report?.blocking).toContain(id)
    }
  })

  it.runIf(target.local)('refuses every artifact that leads out of the local store', async () => {
    const outOf = /symbolic link|outside the store/
    const file = await gate(target, doc(), version(doc(), 'symlink-file'), policyFile, 'doc')
    expect(file.code).toBe(1)
    expect(file.requirement('impact')?.status).toBe('missing')
    expect(file.requirement('impact')?.message).toMatch(outOf)
    expect(file.stdout).not.toContain('root:x:0:0')
    const folder = await gate(target, doc(), version(doc(), 'symlink-folder'), policyFile, 'doc')
    expect(folder.code).toBe(1)
    expect(folder.requirement('impact')?.status).toBe('missing')
    expect(folder.requirement('impact')?.message).toMatch(outOf)
    const dotdot = await gate(target, doc(), version(doc(), 'dotdot'), policyFile, 'doc')
    expect(dotdot.code).toBe(1)
    expect(dotdot.requirement('impact')?.status).toBe('missing')
    expect(dotdot.requirement('impact')?.message).toMatch(/contains "\.\."/)
    // The evaluation data: the honest CSV is run, the symlinked one is refused.
    const honest = await gate(target, doc(), version(doc(), 'good'), policyFile, 'recompute')
    expect(honest.requirement('mae')?.status).toBe('pass')
    const csv = await gate(target, doc(), version(doc(), 'symlink-csv'), policyFile, 'recompute')
    expect(csv.code).toBe(1)
    expect(csv.requirement('mae')?.status).toBe('missing')
    expect(csv.requirement('mae')?.message).toMatch(outOf)
  })
})
