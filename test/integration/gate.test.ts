/**
 * The gate end to end against the real seeded MLflow 2.x and 3.x servers: `aims-gate check` with
 * the shipped default policy and the example policy, including waivers and their expiry.
 */
import { randomUUID } from 'node:crypto'
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import type { CommandIO } from '../../src/commands/command.js'
import { createCheckCommand } from '../../src/commands/check.js'
import type { Report } from '../../src/render/report-schema.js'
import { servers } from '../support/servers.js'
import { parseValidReport } from '../support/report-schema.js'

const workRoot = resolve('.tmp', `gate-it-${randomUUID()}`)
const exampleCard = resolve('examples/credit-risk/model-cards/credit-risk.md')
const examplePolicy = resolve('examples/credit-risk/policy.yml')

beforeAll(async () => {
  // A fresh "repository": the human-owned card source where the default path expects it.
  await mkdir(resolve(workRoot, 'model-cards'), { recursive: true })
  await cp(exampleCard, resolve(workRoot, 'model-cards/credit-risk.md'))
})
afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

// The real clock by default: the seeded approvals are dated when the servers were seeded, after
// their versions, and an approval may not lie in the future.
async function check(argv: string[], now = new Date().toISOString()) {
  let stdout = ''
  let stderr = ''
  const io: CommandIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    cwd: workRoot,
    isTTY: false
  }
  const command = createCheckCommand({ clock: { now: () => new Date(now) } })
  const code = await command.run([...argv, '--json'], io)
  const report = stdout.trim().startsWith('{') ? parseValidReport(stdout) : undefined
  return { code, report, stderr }
}

/** Upper bound on MLflow requests for one gate run (candidate + champion), see the test below. */
const REQUEST_BUDGET = 120

const statusOf = (report: Report | undefined, id: string) => report?.requirements.find((r) => r.id === id)

describe.each(servers().map((s) => [s.flavour, s] as const))('aims-gate check against %s', (_flavour, s) => {
  const base = ['--tracking-uri', s.uri, '--model', 'credit-risk']

  it('lets the well-evidenced challenger through the default production profile', async () => {
    const { code, report, stderr } = await check([...base, '--alias', 'challenger', '--profile', 'production'])
    // The seed set the champion alias directly, not through aims-gate promote: the one line on
    // stderr is the warning that the baseline alias was moved outside the gate (docs/promotion.md).
    const champion = s.manifest.models['credit-risk']!.versions.find((v) => v.aliases.includes('champion'))!.version
    expect(stderr.split('\n').filter((line) => line !== '')).toEqual([
      `warning: alias "champion" of credit-risk points at version ${champion}, which ` +
        `has no promotion record: it was moved outside the gate. Fix: promote the ` +
        `intended version with aims-gate promote --to champion, or find out who moved it.`
    ])
    expect(report?.promotion).toEqual({
      target: 'champion',
      expectedCurrent: champion,
      holderRecorded: false,
      warning: expect.stringContaining('no promotion record')
    })
    expect(report?.verdict).toBe('pass')
    expect(code).toBe(0)
    expect(report?.policy.name).toBe('iso42001-baseline')
    expect(report?.model).toMatchObject({ name: 'credit-risk', version: '2' })
    for (const r of report?.requirements ?? []) expect([r.id, r.status]).toEqual([r.id, 'pass'])
  })

  it('counts the requests it sends to MLflow, and keeps them few', async () => {
    let stdout = ''
    const io: CommandIO = {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      env: {},
      cwd: workRoot,
      isTTY: false
    }
    const code = await createCheckCommand({ clock: { now: () => new Date() } }).run(
      [...base, '--alias', 'challenger', '--profile', 'production'],
      io
    )
    expect(code).toBe(0)
    const requests = Number(/^MLflow: (\d+) requests to /m.exec(stdout)?.[1])
    // Candidate and champion: registry, run, artifact listings, documents and two model
    // directories. A regression to per-file or per-metric round trips would blow well past this.
    expect(requests).toBeGreaterThan(5)
    expect(requests).toBeLessThan(REQUEST_BUDGET)
  })

  it('blocks the deliberately incomplete version and names each missing item', async () => {
    const { code, report } = await check([...base, '--alias', 'incomplete', '--profile', 'production'])
    expect(code).toBe(1)
    expect(report?.verdict).toBe('fail')
    // No evaluation metrics, no datasets, no impact assessment, no approval.
    for (const id of ['auc', 'provenance', 'impact', 'release-approval']) {
      expect(report?.blocking).toContain(id)
      expect(['fail', 'missing']).toContain(statusOf(report, id)?.status)
      expect(statusOf(report, id)?.message.length).toBeGreaterThan(20)
    }
    expect(statusOf(report, 'auc')?.status).toBe('missing')
    expect(statusOf(report, 'auc')?.message).toMatch(/roc_auc/)
    expect(statusOf(report, 'impact')?.message).toMatch(/impact_assessment\.md/)
  })

  it('blocks a challenger worse than the champion beyond maxDecrease', async () => {
    const { code, report } = await check([...base, '--alias', 'regressed', '--profile', 'production'])
    expect(code).toBe(1)
    expect(report?.blocking).toEqual(['auc-vs-champion'])
    const v1 = s.manifest.models['credit-risk']!.versions.find((v) => v.role === 'champion')!.metrics.roc_auc!
    const v3 = s.manifest.models['credit-risk']!.versions.find((v) => v.role === 'regressed')!.metrics.roc_auc!
    expect(v1 - v3).toBeGreaterThan(0.01)
    // Observed leads with the candidate's value as the card shows it (4 significant digits).
    expect(Number(statusOf(report, 'auc-vs-champion')?.observed.split(' ')[0])).toBeCloseTo(v3, 3)
    expect(statusOf(report, 'auc-vs-champion')?.observed).toContain('champion')
  })

  it('rejects a self-approval (separation of duties)', async () => {
    const { code, report } = await check([...base, '--alias', 'self-approved', '--profile', 'production'])
    expect(code).toBe(1)
    expect(report?.blocking).toEqual(['release-approval'])
    expect(statusOf(report, 'release-approval')?.message).toMatch(/dana-trainer/)
  })

  it('lets a waived regression through until the waiver expires, and not after', async () => {
    // Approved today, expiring within maxWaiverDays (90) of that day.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
    const expires = day(60)
    const policy = (await readFile(resolve('policies/default.yml'), 'utf8')).replace(
      /^waivers: \[\]$/m,
      [
        'waivers:',
        '  - requirement: auc-vs-champion',
        '    model: credit-risk',
        `    versions: ["${s.manifest.models['credit-risk']!.aliases.regressed}"]`,
        '    reason: Accepted while the new features are validated',
        '    approvedBy: head-of-risk',
        `    approved: ${day(0)}`,
        `    expires: ${expires}`
      ].join('\n')
    )
    expect(policy).toContain(`expires: ${expires}`)
    const file = resolve(workRoot, `waived-${s.flavour}.yml`)
    await writeFile(file, policy)
    const args = [...base, '--alias', 'regressed', '--profile', 'production', '--policy', file]

    const before = await check(args, `${expires}T23:00:00.000Z`)
    expect(before.report?.verdict).toBe('pass')
    expect(before.code).toBe(0)
    expect(statusOf(before.report, 'auc-vs-champion')?.status).toBe('waived')

    const after = await check(args, `${day(61)}T00:00:01.000Z`)
    expect(after.code).toBe(1)
    expect(after.report?.blocking).toEqual(['auc-vs-champion'])
    expect(statusOf(after.report, 'auc-vs-champion')?.message).toMatch(/expired/i)
  })

  it('writes the card and the report beside it', async () => {
    const cardDir = resolve(workRoot, `cards-${s.flavour}`)
    const { code } = await check([...base, '--alias', 'challenger', '--policy', examplePolicy, '--card-dir', cardDir])
    expect(code).toBe(0)
    const card = await readFile(resolve(cardDir, 'credit-risk/2.md'), 'utf8')
    const report = parseValidReport(await readFile(resolve(cardDir, 'credit-risk/2.report.json'), 'utf8'))
    expect(report.verdict).toBe('pass')
    expect(card).toContain('# Model card: credit-risk v2')
    const onnx = s.manifest.models['credit-risk']!.versions.find((v) => v.role === 'challenger')!.onnx.sha256
    expect(card).toContain(onnx)

    // The front matter parses, has a model-index, and its numbers are the ones the report judged.
    const frontMatter = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(card)![1]!) as {
      'model-index': {
        name: string
        results: { task: { type: string }; metrics: { type: string; value: number; name: string }[] }[]
      }[]
      aims_gate: { verdict: string; policy_sha256: string }
    }
    const index = frontMatter['model-index'][0]!
    expect(index.name).toBe('credit-risk')
    expect(index.results[0]!.task.type).toBe('tabular-classification')
    // `metric.name` keeps the MLflow name (the gate's own numbers end in " (recomputed)"), `type`
    // is the Hub id: each requirement judged one of them, with the full-precision value.
    const all = index.results.flatMap((r) => r.metrics)
    const logged = Object.fromEntries(
      all.filter((m) => !m.name.endsWith(' (recomputed)')).map((m) => [m.name, m.value])
    )
    const recomputed = Object.fromEntries(
      all.filter((m) => m.name.endsWith(' (recomputed)')).map((m) => [m.name.replace(/ \(recomputed\)$/, ''), m.value])
    )
    for (const requirement of report.requirements.filter((r) => r.check === 'metric')) {
      const details = requirement.details as { metric: string; value: number; source: string }
      expect((details.source === 'logged' ? logged : recomputed)[details.metric]).toBe(details.value)
    }
    expect(frontMatter.aims_gate).toMatchObject({ verdict: report.verdict, policy_sha256: report.policy.sha256 })
    for (const heading of [
      '## Identity',
      '## Intended use',
      '## Training and evaluation data',
      '## Performance',
      '## Human oversight',
      '## Approvals',
      '## Annex A evidence matrix'
    ]) {
      expect(card).toContain(heading)
    }
  })
})
