/**
 * The bundled CLI (dist/cli.js, what ships) on hostile inputs: alias bombs, an alias without an
 * anchor, a FIFO, a folder and a 10 MiB file as the policy, policy strings full of terminal
 * escapes, bidi and NUL, and damaged local stores. Each is exit 2 naming the file (or, for the
 * strings, output with no raw control character), quickly, and a FIFO never hangs the process.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action-runner.js'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import { emptyFile, EXAMPLE_STORE, overwritePages, truncatedCopy } from '../support/damaged-store.js'
import { billionLaughs, makeFifo, makeFolder, oversizedPolicy, UNDEFINED_ALIAS } from '../support/hostile-files.js'
import { HOSTILE_INVALID_POLICY, HOSTILE_VALID_POLICY } from '../support/hostile-policy.js'
import { expectNoRawControls } from '../support/raw-controls.js'

const STORE = path.resolve(EXAMPLE_STORE)
const MODEL = ['--model', 'credit-risk', '--alias', 'challenger']
let dir: string

beforeAll(async () => {
  await assertBundleFresh()
  dir = await mkdtemp(path.join(tmpdir(), 'aims-gate-hostile-cli-'))
  await writeFile(path.join(dir, 'laughs.yml'), billionLaughs())
  await writeFile(path.join(dir, 'alias.yml'), UNDEFINED_ALIAS)
  await writeFile(path.join(dir, 'big.yml'), oversizedPolicy(10 * 1024 * 1024))
  await writeFile(path.join(dir, 'hostile.yml'), HOSTILE_VALID_POLICY)
  await writeFile(path.join(dir, 'hostile-invalid.yml'), HOSTILE_INVALID_POLICY)
  makeFifo(path.join(dir, 'fifo.yml'))
  await makeFolder(path.join(dir, 'folder.yml'))
})
afterAll(async () => rm(dir, { recursive: true, force: true }))

/** Runs the CLI in the temp folder with a deadline well under the test's; returns its outcome and time. */
async function cli(argv: string[]) {
  const started = performance.now()
  const run = await runCli(argv, { cwd: dir, timeoutMs: 20_000 })
  return { ...run, seconds: (performance.now() - started) / 1000 }
}

describe('bundled CLI: hostile policy files', () => {
  it.each([
    ['laughs.yml', /laughs\.yml:\d+: YAML aliases expand to more than 100 copies.*fix:/],
    ['alias.yml', /alias\.yml:6: YAML alias \*missing-controls refers to no anchor; fix:/],
    ['fifo.yml', /fifo\.yml: policy file is a named pipe \(FIFO\), not a regular file; fix:/],
    ['folder.yml', /folder\.yml: policy file is a directory, not a regular file; fix:/],
    ['big.yml', /big\.yml: policy file is 10,485,\d+ bytes, over the limit of 1,048,576 bytes; fix:/]
  ])('policy validate %s: exit 2 naming the file, fast', { timeout: 30_000 }, async (file, message) => {
    const run = await cli(['policy', 'validate', file])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/unexpected error/)
    expect(run.seconds).toBeLessThan(15)
  })

  it.each(['laughs.yml', 'fifo.yml'])(
    'check --policy %s: exit 2 before the store is opened',
    { timeout: 30_000 },
    async (file) => {
      const run = await cli([
        'check',
        ...MODEL,
        '--tracking-uri',
        `sqlite:///${STORE}`,
        '--policy',
        file,
        '--card-dir',
        'out'
      ])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(file)
    }
  )
})

describe('bundled CLI: hostile strings in a policy reach no terminal raw', () => {
  it.each([
    [['policy', 'validate', 'hostile.yml'], 0],
    [['policy', 'validate', 'hostile.yml', '--json'], 0],
    [['policy', 'validate', 'hostile-invalid.yml'], 2],
    [['controls', '--policy', 'hostile.yml'], 0],
    [['controls', '--policy', 'hostile.yml', '--json'], 0],
    [['check', ...MODEL, '--tracking-uri', `sqlite:///${STORE}`, '--policy', 'hostile.yml', '--card-dir', 'out'], 1],
    [
      [
        'check',
        ...MODEL,
        '--tracking-uri',
        `sqlite:///${STORE}`,
        '--policy',
        'hostile.yml',
        '--card-dir',
        'out',
        '--json'
      ],
      1
    ]
  ])('%j', { timeout: 60_000 }, async (argv, code) => {
    const run = await runCli(argv, { cwd: dir, timeoutMs: 50_000 })
    expect(run.code, run.stderr).toBe(code)
    expectNoRawControls(run.stdout, 'stdout')
    expectNoRawControls(run.stderr, 'stderr')
    // The strings are there, made visible (or, in JSON, escaped).
    expect(run.stdout + run.stderr).toMatch(/␛\[31m|\\u001b\[31m/)
    if (argv[0] === 'check') expectNoRawControls(await readFile(path.join(dir, 'out/credit-risk/2.md'), 'utf8'), 'card')
  })
})

describe('bundled action: hostile strings in a policy', () => {
  it.each([
    ['hostile.yml', 'annotations, failure message and job summary'],
    ['hostile-invalid.yml', 'the error of an invalid policy']
  ])('%s: %s carry no raw control character', { timeout: 60_000 }, async (policy) => {
    const workspace = path.join(dir, `ws-${policy}`)
    await mkdir(workspace, { recursive: true })
    await writeFile(
      path.join(workspace, policy),
      policy === 'hostile.yml' ? HOSTILE_VALID_POLICY : HOSTILE_INVALID_POLICY
    )
    const run = await runAction({
      workspace,
      inputs: {
        'tracking-uri': `sqlite:///${STORE}`,
        model: 'credit-risk',
        alias: 'challenger',
        policy,
        'card-dir': 'out',
        comment: 'false'
      },
      timeoutMs: 50_000
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error/m)
    expectNoRawControls(run.stdout, 'stdout')
    expectNoRawControls(run.stderr, 'stderr')
    expectNoRawControls(run.summary, 'job summary')
    expect(run.stdout + run.summary).toMatch(/␛\\?\[31m/)
  })
})

describe('bundled CLI: damaged local stores', () => {
  it.each([
    ['random bytes over pages', 'pages.db', overwritePages, /is damaged/],
    ['a truncated copy', 'truncated.db', truncatedCopy, /is truncated/],
    ['a zero-length file', 'empty.db', emptyFile, /is an empty file/]
  ])('%s: exit 2 naming the file and the fix', { timeout: 30_000 }, async (_, name, damage, message) => {
    const file = path.join(dir, name)
    damage(file)
    const run = await cli([
      'check',
      ...MODEL,
      '--tracking-uri',
      `sqlite:///${file}`,
      '--policy',
      path.resolve('examples/credit-risk/policy.yml'),
      '--card-dir',
      'out'
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).toContain(file)
    expect(run.stderr).toMatch(/Fix: /)
  })
})
