/**
 * The action run from source with GitHub's @github/local-action, as the README and docs/github.md
 * show (`npx @github/local-action run . src/main.ts .env`): src/main.ts exports `run()`, the tool
 * stubs @actions/core and calls it with the .env file's inputs. Against the example store: a
 * passing version sets the outputs and writes the card; a policy it fails sets verdict `fail` and
 * fails the step naming the blocking requirement. (local-action itself exits 0 either way.)
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const exec = promisify(execFile)
const NODE = resolve('node_modules/.bin/node')
const store = resolve('examples/credit-risk')
let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'aims-gate-local-action-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Writes `<name>.env` with the inputs and runs local-action on it from the repository root. */
async function localAction(name: string, inputs: Record<string, string>): Promise<string> {
  const dotenv = join(root, `${name}.env`)
  await writeFile(
    dotenv,
    Object.entries(inputs)
      .map(([key, value]) => `INPUT_${key.toUpperCase()}=${value}\n`)
      .join('')
  )
  const env = { PATH: [dirname(NODE), process.env.PATH ?? ''].join(delimiter), HOME: process.env.HOME ?? root }
  const { stdout } = await exec('npx', ['@github/local-action', 'run', '.', 'src/main.ts', dotenv], {
    env,
    timeout: 110_000,
    maxBuffer: 16 * 1024 * 1024
  })
  return stdout
}

const exampleInputs = (cardDir: string): Record<string, string> => ({
  'tracking-uri': `sqlite:///${store}/mlflow.db`,
  model: 'credit-risk',
  alias: 'challenger',
  'card-source': join(store, 'model-cards/credit-risk.md'),
  'card-dir': cardDir,
  comment: 'false'
})

describe('npx @github/local-action run . src/main.ts .env', () => {
  it('runs the gate on the example store and sets the outputs', async () => {
    const cardDir = join(root, 'pass')
    const stdout = await localAction('pass', {
      ...exampleInputs(cardDir),
      policy: join(store, 'policy.yml'),
      profile: 'production'
    })
    expect(stdout).toContain('::set-output name=verdict::pass')
    expect(stdout).toContain(`::set-output name=card-path::${join(cardDir, 'credit-risk/2.md')}`)
    expect(stdout).not.toContain('::error::')
    expect(await readFile(join(cardDir, 'credit-risk/2.md'), 'utf8')).toContain('# Model card: credit-risk v2')
  }, 120_000)

  it('fails the step when the version does not pass', async () => {
    const policy = join(root, 'strict.yml')
    const example = await readFile(join(store, 'policy.yml'), 'utf8')
    // The pull-request profile's AUC floor (first `min: 0.80`) raised above the model's 0.917.
    await writeFile(policy, example.replace('min: 0.80', 'min: 0.99'))
    const stdout = await localAction('fail', { ...exampleInputs(join(root, 'fail')), policy, profile: 'pull-request' })
    expect(stdout).toContain('::set-output name=verdict::fail')
    expect(stdout).toMatch(/::error::.*auc/)
  }, 120_000)
})
