/** `dist/cli.js check` inside a GitHub Actions step names the commit and repository, as the action does. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import { parseValidReport } from '../support/report-schema.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const CI = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SHA: SHA,
  GITHUB_REPOSITORY: 'acme/models',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '42'
}

describe('dist/cli.js check in a GitHub Actions step', () => {
  let dir = ''
  beforeAll(async () => {
    await assertBundleFresh()
    dir = await mkdtemp(path.join(os.tmpdir(), 'ci-change-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('names the commit and repository in the report, as the action does', async () => {
    const store = path.resolve('examples/credit-risk')
    const run = await runCli(
      [
        'check',
        '--tracking-uri',
        `sqlite:///${store}/mlflow.db`,
        '--model',
        'credit-risk',
        '--alias',
        'challenger',
        '--policy',
        path.join(store, 'policy.yml'),
        '--profile',
        'production',
        '--card-source',
        path.join(store, 'model-cards/credit-risk.md'),
        '--card-dir',
        path.join(dir, 'out')
      ],
      { cwd: dir, env: CI }
    )
    expect(run.code).toBe(0)
    const report = parseValidReport<{ generator: { commit?: string; repository?: string } }>(
      await readFile(path.join(dir, 'out/credit-risk/2.report.json'), 'utf8')
    )
    expect(report.generator).toMatchObject({ commit: SHA, repository: 'acme/models' })
    expect(await readFile(path.join(dir, 'out/credit-risk/2.md'), 'utf8')).toContain(SHA.slice(0, 12))
  })
})
