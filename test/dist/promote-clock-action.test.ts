/**
 * A promotion runs on the real clock (its lease expires in real time): the shipped action refuses
 * `promote-to` with a fixed `now` input or SOURCE_DATE_EPOCH before it reads anything, naming the
 * inputs, and the shipped CLI refuses `promote` the same way. A blank SOURCE_DATE_EPOCH is unset.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction } from '../support/action-runner.js'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import { EXAMPLE_STORE } from '../support/damaged-store.js'

const STORE = `sqlite:///${path.resolve(EXAMPLE_STORE)}`
let work: string

beforeAll(async () => {
  await assertBundleFresh()
  work = await mkdtemp(path.join(tmpdir(), 'aims-gate-promote-clock-'))
})
afterAll(async () => rm(work, { recursive: true, force: true }))

async function promoteTo(name: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
  const workspace = path.join(work, name)
  await mkdir(workspace, { recursive: true })
  const run = await runAction({
    workspace,
    inputs: {
      'tracking-uri': STORE,
      model: 'credit-risk',
      alias: 'challenger',
      'card-dir': 'out',
      comment: 'false',
      'promote-to': 'champion',
      ...inputs
    },
    env,
    timeoutMs: 50_000
  })
  return { ...run, written: await readdir(workspace) }
}

describe('the action: promote-to with a fixed clock', () => {
  it('refuses the now input, naming both inputs, before the gate runs', async () => {
    const run = await promoteTo('now', { now: '2026-01-31T12:00:00Z' })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/^::error::.*input "promote-to" moves an alias under a lease/m)
    expect(run.stdout).toContain('so it runs on the real clock, and input "now" fixes the clock. Fix: drop input "now"')
    expect(run.outputs.verdict).toBeUndefined()
    expect(run.written).toEqual([])
  })

  it('refuses SOURCE_DATE_EPOCH, naming it and how to unset it for the step', async () => {
    const seconds = String(Math.floor(Date.now() / 1000) - 60)
    const run = await promoteTo('epoch', {}, { SOURCE_DATE_EPOCH: seconds })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(new RegExp(`^::error::.*input "promote-to" .*SOURCE_DATE_EPOCH \\(${seconds}\\)`, 'm'))
    expect(run.stdout).toContain('unset SOURCE_DATE_EPOCH for this step (an empty value counts as unset')
    expect(run.outputs.verdict).toBeUndefined()
    expect(run.written).toEqual([])
  })

  it('takes a blank SOURCE_DATE_EPOCH for unset (the run goes on to its own verdict)', async () => {
    const run = await promoteTo('blank', {}, { SOURCE_DATE_EPOCH: '' })
    expect(run.stdout).not.toContain('real clock')
  })
})

describe('the CLI: promote with a fixed clock', () => {
  const promote = ['promote', '--tracking-uri', STORE, '--model', 'credit-risk', '--alias', 'challenger']
  it('refuses --now and SOURCE_DATE_EPOCH with exit 2', async () => {
    const now = await runCli([...promote, '--to', 'champion', '--now', '2026-01-31T12:00:00Z'], { cwd: work })
    expect(now.code).toBe(2)
    expect(now.stderr).toContain('promote moves an alias under a lease, so it runs on the real clock')
    const epoch = await runCli([...promote, '--to', 'champion'], {
      cwd: work,
      env: { SOURCE_DATE_EPOCH: String(Math.floor(Date.now() / 1000)) }
    })
    expect(epoch.code).toBe(2)
    expect(epoch.stderr).toMatch(/SOURCE_DATE_EPOCH \(\d+\) fixes the clock/)
  })
})
