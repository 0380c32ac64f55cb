/**
 * What the shipped CLI (dist/cli.js) does at the edges of a run, as a user's shell sees it:
 * Ctrl-C or a SIGTERM removes the downloaded-model folder and says so in one line (exit 130 /
 * 143); `diff` leaves no temporary folder; an unexpected failure is one line and exit 1, with the
 * stack only under AIMS_GATE_DEBUG=1. TMPDIR points at a folder of this test, so "nothing left"
 * is checked on a folder nobody else writes to.
 */
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BUNDLE } from '../support/action-runner.js'
import { assertBundleFresh, CLI, runCli } from '../support/cli-runner.js'

const NODE = resolve('node_modules/.bin/node')
const store = resolve('examples/credit-risk')
const localStore = ['--tracking-uri', `sqlite:///${store}/mlflow.db`, '--model', 'credit-risk', '--alias', 'challenger']
let root: string
let tmp: string
let silent: Server
let silentUri: string

/** The gate's own temporary folders in TMPDIR. */
const leftovers = async (): Promise<string[]> => (await readdir(tmp)).filter((name) => name.startsWith('aims-gate-'))

beforeAll(async () => {
  await assertBundleFresh()
  root = await mkdtemp(join(tmpdir(), 'aims-gate-dist-process-'))
  // A tracking server that accepts every request and never answers: the gate waits on it with its
  // temporary folder made, which is the moment a user presses Ctrl-C.
  silent = createServer(() => undefined)
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done))
  silentUri = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
})
afterAll(async () => {
  silent.closeAllConnections()
  await new Promise((done) => silent.close(done))
  await rm(root, { recursive: true, force: true })
})
beforeEach(async () => {
  tmp = join(root, `tmp-${Math.random().toString(36).slice(2)}`)
  await mkdir(tmp)
})

/** The action's inputs as the runner sets them (INPUT_<NAME>, hyphens kept), "" when not given. */
function actionEnv(): Record<string, string> {
  const given: Record<string, string> = {
    model: 'credit-risk',
    alias: 'challenger',
    'tracking-uri': silentUri,
    comment: 'false',
    'write-back': 'false',
    timeout: '30'
  }
  const names = [
    'version',
    'policy',
    'profile',
    'card-source',
    'card-dir',
    'card-template',
    'report',
    'artifacts-destination',
    'eval-data',
    'github-token'
  ]
  return Object.fromEntries(
    [...names.map((n) => [n, '']), ...Object.entries(given)].map(([n, v]) => [`INPUT_${n!.toUpperCase()}`, v!])
  )
}

async function interrupted(
  signal: 'SIGINT' | 'SIGTERM',
  entry: 'cli' | 'action' = 'cli'
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const argv =
    entry === 'cli'
      ? [
          CLI,
          'check',
          '--tracking-uri',
          silentUri,
          '--model',
          'credit-risk',
          '--alias',
          'challenger',
          '--card-dir',
          join(root, 'cards')
        ]
      : [BUNDLE]
  const child = spawn(NODE, argv, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: root, TMPDIR: tmp, ...(entry === 'action' ? actionEnv() : {}) }
  })
  let stderr = ''
  let stdout = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const closed = new Promise<number | null>((done) => child.on('close', (code) => done(code)))
  const deadline = Date.now() + 20_000
  while ((await leftovers()).length === 0) {
    if (Date.now() > deadline) throw new Error(`no temporary folder appeared; stderr: ${stderr}`)
    await new Promise((done) => setTimeout(done, 25))
  }
  child.kill(signal)
  return { code: await closed, stderr, stdout }
}

describe('the bundled CLI, interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)(
    '%s while waiting on the store: no aims-gate-* folder left, one line, exit %i',
    async (signal, code) => {
      const run = await interrupted(signal)
      expect(run.code).toBe(code)
      expect(await leftovers()).toEqual([])
      const lines = run.stderr.trim().split('\n')
      expect(lines, run.stderr).toHaveLength(1)
      expect(lines[0]).toMatch(new RegExp(`^aims-gate: interrupted \\(${signal}\\); temporary files removed`))
      expect(run.stdout).not.toContain('RELEASE ALLOWED')
    },
    30_000
  )
})

describe('the bundled action, cancelled', () => {
  it('SIGTERM while waiting on the store: no aims-gate-* folder left, one error line, exit 143', async () => {
    const run = await interrupted('SIGTERM', 'action')
    expect(run.code).toBe(143)
    expect(await leftovers()).toEqual([])
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([
      expect.stringMatching(/^::error::aims-gate: interrupted \(SIGTERM\); temporary files removed/)
    ])
    expect(run.stderr).toBe('')
  }, 30_000)
})

describe('the bundled CLI, temporary folders on every path', () => {
  it('diff leaves no temporary folder behind', async () => {
    const run = await runCli(['diff', ...localStore], { cwd: root, env: { TMPDIR: tmp } })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('## Changes from credit-risk v1 (champion)')
    expect(await leftovers()).toEqual([])
  })

  it('diff that fails (unknown --against alias) leaves none either', async () => {
    const run = await runCli(['diff', ...localStore, '--against', 'no-such-alias'], { cwd: root, env: { TMPDIR: tmp } })
    expect(run.code).toBe(2)
    expect(await leftovers()).toEqual([])
  })

  it('check and inspect --download-model leave none', async () => {
    const check = await runCli(
      [
        'check',
        ...localStore,
        '--policy',
        join(store, 'policy.yml'),
        '--card-source',
        join(store, 'model-cards/credit-risk.md'),
        '--card-dir',
        join(root, 'cards')
      ],
      { cwd: root, env: { TMPDIR: tmp } }
    )
    expect(check.code, check.stderr).toBe(0)
    const inspect = await runCli(['inspect', ...localStore, '--download-model', '--json'], {
      cwd: root,
      env: { TMPDIR: tmp }
    })
    expect(inspect.code, inspect.stderr).toBe(0)
    expect(await leftovers()).toEqual([])
  })
})

describe('the bundled CLI, an unexpected failure', () => {
  // A card folder that is a file: the evidence is evaluated, then writing the card fails with a
  // plain file-system error nothing in aims-gate anticipates.
  const blockedCardDir = async (): Promise<string> => {
    const file = join(root, 'not-a-folder')
    await writeFile(file, 'a file where the card folder should be')
    return file
  }

  it('is one line and exit 1 (blocked), no stack, no temporary folder', async () => {
    const run = await runCli(
      ['check', ...localStore, '--policy', join(store, 'policy.yml'), '--card-dir', await blockedCardDir()],
      { cwd: root, env: { TMPDIR: tmp } }
    )
    expect(run.code).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines, run.stderr).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^aims-gate check: unexpected error: .*not-a-folder.*The release is blocked \(fail closed\)/
    )
    expect(run.stderr).not.toMatch(/^\s+at /m)
    expect(await leftovers()).toEqual([])
  })

  it('adds the stack with AIMS_GATE_DEBUG=1', async () => {
    const run = await runCli(
      ['check', ...localStore, '--policy', join(store, 'policy.yml'), '--card-dir', await blockedCardDir()],
      {
        cwd: root,
        env: { TMPDIR: tmp, AIMS_GATE_DEBUG: '1' }
      }
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^\s+at /m)
  })
})

describe('the bundled CLI, a card that cannot be rendered after the verdict', () => {
  it('still writes the report, blocked by the missing card, with the other requirements judged', async () => {
    // Strict Handlebars: a field this card does not have only fails when the card is rendered.
    const template = join(root, 'typo.md.hbs')
    await writeFile(template, '# {{modle.name}}\n')
    const cardDir = join(root, 'cards-typo')
    const run = await runCli(
      [
        'check',
        ...localStore,
        '--policy',
        join(store, 'policy.yml'),
        '--card-source',
        join(store, 'model-cards/credit-risk.md'),
        '--card-dir',
        cardDir,
        '--card-template',
        template,
        '--json'
      ],
      { cwd: root, env: { TMPDIR: tmp } }
    )
    expect(run.code, run.stderr).toBe(1)
    const written = JSON.parse(await readFile(join(cardDir, 'credit-risk/2.report.json'), 'utf8')) as {
      verdict: string
      blocking: string[]
      requirements: { id: string; status: string; message: string }[]
    }
    expect(JSON.parse(run.stdout)).toEqual(written)
    expect(written.verdict).toBe('fail')
    expect(written.blocking).toEqual(['aims-gate:card-rendered'])
    const card = written.requirements.find((r) => r.id === 'aims-gate:card-rendered')!
    expect(card.status).toBe('missing')
    expect(card.message).toMatch(
      /^The release has no model card: Card template .*typo\.md\.hbs could not be rendered: "name" not defined/
    )
    // Everything else was judged on the evidence as usual (the example challenger passes it all).
    expect(
      written.requirements.filter((r) => r.id !== 'aims-gate:card-rendered').every((r) => r.status === 'pass')
    ).toBe(true)
    expect(await readFile(join(cardDir, 'credit-risk/2.md'), 'utf8')).toMatch(
      /^# Model card: credit-risk v2\n\nThe model card could not be rendered: /
    )
    expect(await leftovers()).toEqual([])
  })
})
