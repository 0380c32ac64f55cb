/**
 * Installing the CLI outside the clone, as the README shows: `npm pack`, then `npm install -g` of
 * the tarball into a clean prefix. The installed `aims-gate` must answer --help and gate the
 * example store from a folder that is not the clone, running the ONNX model through the
 * onnxruntime-node copy vendored in dist/node_modules (the package has no runtime dependencies,
 * so nothing else is fetched: the install runs --offline).
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh } from '../support/cli-runner.js'

const exec = promisify(execFile)
const NODE = resolve('node_modules/.bin/node')
const store = resolve('examples/credit-risk')
let root: string
let prefix: string
let env: Record<string, string>

beforeAll(async () => {
  await assertBundleFresh()
  root = await mkdtemp(join(tmpdir(), 'aims-gate-packed-'))
  prefix = join(root, 'prefix')
  // The installed bin's `#!/usr/bin/env node` finds the Node 24 dev dependency first.
  env = {
    PATH: [dirname(NODE), process.env.PATH ?? ''].join(delimiter),
    HOME: root,
    npm_config_cache: join(root, 'cache')
  }
  await exec('npm', ['pack', '--pack-destination', root, '--silent'], { env, maxBuffer: 16 * 1024 * 1024 })
  const tarball = (await readdir(root)).find((name) => name.endsWith('.tgz'))
  if (tarball === undefined) throw new Error('npm pack wrote no tarball')
  await exec(
    'npm',
    ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(root, tarball)],
    {
      cwd: root,
      env
    }
  )
}, 240_000)

afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true })
})

const installed = (): string => join(prefix, 'bin', 'aims-gate')

describe('the CLI installed from the packed tarball', () => {
  it('ships only what it needs', async () => {
    const pkg = join(prefix, 'lib', 'node_modules', 'aims-gate')
    expect((await readdir(pkg)).sort()).toEqual(
      ['LICENSE', 'README.md', 'action.yml', 'dist', 'package.json', 'policies', 'schemas'].sort()
    )
    const meta = JSON.parse(await readFile(join(pkg, 'package.json'), 'utf8')) as Record<string, unknown>
    expect(meta.dependencies).toBeUndefined()
  })

  it('answers --help', async () => {
    const { stdout } = await exec(installed(), ['--help'], { cwd: root, env })
    expect(stdout).toContain('Usage: aims-gate <command> [options]')
  })

  it('gates the example store from outside the clone, running its ONNX model', async () => {
    const { stdout } = await exec(
      installed(),
      [
        'check',
        '--tracking-uri',
        `sqlite:///${store}/mlflow.db`,
        '--model',
        'credit-risk',
        '--alias',
        'challenger',
        '--policy',
        join(store, 'policy.yml'),
        '--profile',
        'production',
        '--card-source',
        join(store, 'model-cards/credit-risk.md'),
        '--card-dir',
        join(root, 'out')
      ],
      { cwd: root, env, timeout: 110_000 }
    )
    expect(stdout).toContain('RELEASE ALLOWED')
    const report = JSON.parse(await readFile(join(root, 'out/credit-risk/2.report.json'), 'utf8')) as {
      requirements: { id: string; status: string; details?: { source?: string; recomputed?: number } }[]
    }
    // The reconciled AUC is the ONNX graph's, run on the evaluation file by the vendored runtime.
    const reconciled = report.requirements.find((r) => r.id === 'auc-reconciled')
    expect(reconciled).toMatchObject({ status: 'pass', details: { source: 'reconciled' } })
    expect(reconciled?.details?.recomputed).toBeGreaterThan(0.8)
  }, 120_000)
})
