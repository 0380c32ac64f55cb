/**
 * SOURCE_DATE_EPOCH exported for a whole job (the last commit's time) must not judge a release
 * in the past: with a waiver that expired since, the run is refused (exit 2) and writes nothing,
 * never a pass. Passing the same time with --now is a deliberate choice, and is judged then.
 * Through what ships (dist/cli.js) on the example store.
 */
import { access, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { ROOT } from '../support/action-runner.js'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import { EXAMPLE, scratch } from '../support/bundle-fixture.js'

const DAY = 24 * 3600 * 1000
let work: string

beforeAll(async () => {
  await assertBundleFresh()
  work = await scratch('clock-forgery')
})

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false
  )

it('refuses an old SOURCE_DATE_EPOCH with an expired waiver (exit 2, nothing written)', async () => {
  const then = new Date(Date.now() - 30 * DAY)
  const day = (date: Date) => date.toISOString().slice(0, 10)
  // The policy waives the release approval until the day after `then`: valid then, expired now.
  const policy = parse(await readFile(path.join(ROOT, 'examples/credit-risk/policy.yml'), 'utf8')) as {
    waivers: unknown[]
  }
  policy.waivers = [
    {
      requirement: 'release-approval',
      model: 'credit-risk',
      versions: ['2'],
      reason: 'approval pending',
      approvedBy: 'head-of-risk',
      approved: day(then),
      expires: day(new Date(then.getTime() + DAY))
    }
  ]
  const policyFile = path.join(work, 'policy.yml')
  await writeFile(policyFile, stringify(policy))
  const example = EXAMPLE.map((arg, i) => (EXAMPLE[i - 1] === '--policy' ? policyFile : arg))
  expect(example).toContain(policyFile)
  const check = async (name: string, env: Record<string, string>) => {
    const [bundle, cards] = [path.join(work, name), path.join(work, `${name}-cards`)]
    const run = await runCli([...example, '--card-dir', cards, '--bundle', bundle], { cwd: work, env })
    return { ...run, bundle, cards }
  }
  const epoch = String(Math.floor(then.getTime() / 1000))

  const run = await check('epoch', { SOURCE_DATE_EPOCH: epoch })
  expect(run.code, run.stdout).toBe(2)
  expect(run.stderr).toMatch(/SOURCE_DATE_EPOCH is .*, more than 24 hours before the system clock/)
  expect(run.stderr).toMatch(/Fix: unset SOURCE_DATE_EPOCH for the gate, or pass --now \S+ to judge at that time/)
  expect(await exists(run.bundle)).toBe(false)
  expect(await exists(run.cards)).toBe(false)

  // Today the waiver has expired: whatever the evidence says, it waives nothing.
  const today = await check('today', { SOURCE_DATE_EPOCH: '' })
  expect(today.code, today.stderr).not.toBe(2)
  const report = JSON.parse(await readFile(path.join(today.bundle, 'report.json'), 'utf8')) as {
    requirements: { id: string; waiver?: unknown; message: string }[]
  }
  const approval = report.requirements.find((r) => r.id === 'release-approval')
  expect(approval?.waiver).toBeUndefined()
})
