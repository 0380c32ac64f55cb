/**
 * The first-hour messages as a user sees them from the bundled CLI: every policy problem in one
 * run, a tracking URI that is a bare .db path, a missing path or MLflow 3's default layout, and a
 * misspelt metric name answered with the run's own names.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'

const store = resolve('examples/credit-risk')
const root = resolve('.')
let tmp = ''

beforeAll(async () => {
  await assertBundleFresh()
  tmp = await mkdtemp(join(tmpdir(), 'aims-messages-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

const model = ['--model', 'credit-risk', '--alias', 'challenger']

describe('dist/cli.js messages', () => {
  it('policy validate prints the schema and the inheritance problems in one run', async () => {
    const run = await runCli(['policy', 'validate', 'test/fixtures/policies/invalid.yml'], { cwd: root })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('profiles.production.extends: extends unknown profile "staging"')
    expect(run.stderr).toContain('profiles.production.requirements[0].min:')
    expect(run.stderr).toContain('profiles.production.requirements[0].controls[0]:')
    const missing = await runCli(['policy', 'validate', 'nope.yml'], { cwd: root })
    expect(missing.stderr).not.toContain('--policy')
  })

  it("diagnoses a missing path and MLflow 3's default layout, with the same words for check and inspect", async () => {
    for (const command of ['check', 'inspect']) {
      const nowhere = await runCli([command, '--tracking-uri', join(tmp, 'nowhere'), ...model], {
        cwd: root,
        env: { TMPDIR: tmp }
      })
      expect(nowhere.code).toBe(2)
      expect(nowhere.stderr).toContain('does not exist')
      expect(nowhere.stderr).not.toContain('migrate-filestore')
      const layout = await runCli([command, '--tracking-uri', store, ...model], { cwd: root, env: { TMPDIR: tmp } })
      expect(layout.code).toBe(2)
      expect(layout.stderr).toContain(`Fix: pass --tracking-uri sqlite:///${store}/mlflow.db.`)
      expect(layout.stderr).not.toContain('migrate-filestore')
    }
  })

  it("reads a bare .db path and answers a misspelt metric with the run's names", async () => {
    const policy = join(tmp, 'policy.yml')
    await writeFile(
      policy,
      'version: 1\nname: typo\nprofiles:\n  production:\n    requirements:\n' +
        '      - { id: auc, check: metric, metric: roc-auc, min: 0.5, controls: [A.6.2.4] }\n'
    )
    const run = await runCli(
      [
        'check',
        '--tracking-uri',
        join(store, 'mlflow.db'),
        ...model,
        '--policy',
        policy,
        '--card-dir',
        join(tmp, 'cards')
      ],
      { cwd: root, env: { TMPDIR: tmp } }
    )
    const text = `${run.stdout}${run.stderr}`
    expect(run.code).toBe(1)
    expect(text).toContain('(did you mean "roc_auc"?)')
    expect(text).toMatch(/the run logs: [^)]*roc_auc/)
  })
})
