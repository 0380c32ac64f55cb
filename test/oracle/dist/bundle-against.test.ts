/**
 * `verify --against`: a bundle of the example (a copy of its local store), then the registry
 * changes behind it (a tag rewritten and an alias moved, with Python's sqlite3 from .venvs, as another
 * client would), and `verify --against` lists exactly those changes while the bundle itself
 * still verifies: it is evidence of what was, not of what is.
 */
import { cp, rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ROOT } from '../../support/action-runner.js'
import { assertBundleFresh, runCli } from '../../support/cli-runner.js'
import { runPythonAsync } from '../../support/python.js'
import { BLOCKED_NOW, EXAMPLE, scratch } from '../../support/bundle-fixture.js'

let work: string

beforeAll(async () => {
  await assertBundleFresh()
  work = await scratch('against')
})

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

it('lists the tag and alias changed in MLflow since the bundle, and nothing else', async () => {
  const store = path.join(work, 'store')
  await cp(path.join(ROOT, 'examples/credit-risk'), store, { recursive: true })
  const uri = `sqlite:///${path.join(store, 'mlflow.db')}`
  const args = EXAMPLE.map((arg, i) => (EXAMPLE[i - 1] === '--tracking-uri' ? uri : arg))
  const bundle = path.join(work, 'bundle')
  const flags = ['--card-dir', path.join(work, 'cards'), '--now', BLOCKED_NOW, '--bundle', bundle]
  const run = await runCli([...args, ...flags], { cwd: work })
  expect(run.code, run.stderr).toBe(1)

  const unchanged = await runCli(['verify', bundle, '--against', uri], { cwd: work })
  expect(unchanged.code, unchanged.stderr).toBe(0)
  expect(unchanged.stdout).toContain(`changes in ${uri} since the bundle: none`)

  const sql = [
    "UPDATE model_version_tags SET value = 'failed' " +
      "WHERE name = 'credit-risk' AND version = 2 AND key = 'validation_status'",
    "UPDATE registered_model_aliases SET version = 3 WHERE name = 'credit-risk' AND alias = 'champion'"
  ]
  const statements = sql.map((q) => `c.execute(${JSON.stringify(q)})`).join('\n')
  const script = `import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n${statements}\nc.commit()\n`
  await runPythonAsync('audit', ['-c', script, path.join(store, 'mlflow.db')])

  const changed = await runCli(['verify', bundle, '--against', uri], { cwd: work })
  expect(changed.code, changed.stderr).toBe(0)
  expect(changed.stdout).toContain('verified: credit-risk version 2, verdict fail')
  const lines = changed.stdout.split('\n').filter((line) => line.startsWith('  '))
  expect(lines).toEqual(['  alias champion: 1 -> 3', '  version tag validation_status: passed -> failed'])
})
