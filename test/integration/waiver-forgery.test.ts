/**
 * Forged waivers against the real MLflow 2.x and 3.x servers and a local sqlite store, through
 * the bundled CLI (and the bundled action for the pull-request author), with the example's
 * production profile. Each waiver covers one forged copy of a seeded version that fails a
 * requirement: the regressed one (auc-vs-champion, waivable) or the tampered one (auc-reconciled,
 * waivable: false). Every copy carries an honest release approval, so the waiver is the only
 * question. The control waiver must work, every forged one must leave the release blocked.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path, { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/render/report-schema.js'
import { runAction } from '../support/action-runner.js'
import { assertBundleFresh } from '../support/cli-runner.js'
import {
  EXAMPLE_CARD,
  EXAMPLE_POLICY,
  forgeryTargets,
  forgeVersions,
  gate,
  inPairs,
  requirementOf,
  type ForgedCase,
  type ForgeryTarget,
  type GateRun
} from '../support/forgery-targets.js'
import { parseValidReport } from '../support/report-schema.js'

const workRoot = resolve('.tmp', `waiver-forgery-${randomUUID()}`)
const approved = { 'aims.approved_by': 'riley-release', 'aims.approved_at': '@after' }
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

interface WaiverCase {
  from: ForgedCase['from']
  requirement: string
  approvedBy: string
  approved: string
  expires: string
  tags?: Record<string, string>
  /** The requirement's expected status and the reason its message must name (undefined: waived). */
  blocked?: ['fail' | 'missing', RegExp]
}

const WAIVERS: Record<string, WaiverCase> = {
  control: {
    from: 'regressed',
    requirement: 'auc-vs-champion',
    approvedBy: 'head-of-risk',
    approved: day(0),
    expires: day(30)
  },
  'self-granted on the tampered AUC': {
    from: 'tampered',
    requirement: 'auc-reconciled',
    approvedBy: 'dana-trainer',
    approved: day(0),
    expires: '2099-12-31',
    blocked: ['fail', /waivable: false/]
  },
  'on a waivable: false metric, by a waiver approver': {
    from: 'tampered',
    requirement: 'auc-reconciled',
    approvedBy: 'head-of-risk',
    approved: day(0),
    expires: day(30),
    blocked: ['fail', /waivable: false/]
  },
  'on the missing approval': {
    from: 'challenger',
    requirement: 'release-approval',
    approvedBy: 'head-of-risk',
    approved: day(0),
    expires: day(30),
    tags: {},
    blocked: ['fail', /waivable: false/]
  },
  'by the trainer': {
    from: 'regressed',
    requirement: 'auc-vs-champion',
    approvedBy: 'dana-trainer',
    approved: day(0),
    expires: day(30),
    blocked: ['fail', /dana-trainer trained the run/]
  },
  "by the trainer's e-mail": {
    from: 'regressed',
    requirement: 'auc-vs-champion',
    approvedBy: 'dana@example.com',
    approved: day(0),
    expires: day(30),
    blocked: ['fail', /alias of "dana-trainer", who trained the run/]
  },
  'by a look-alike of the trainer': {
    from: 'regressed',
    requirement: 'auc-vs-champion',
    approvedBy: 'd\u0430na-trainer',
    approved: day(0),
    expires: day(30),
    blocked: ['fail', /looks like .*trained the run/]
  },
  'by a look-alike of the waiver approver': {
    from: 'regressed',
    requirement: 'auc-vs-champion',
    approvedBy: 'head-of-r\u0456sk',
    approved: day(0),
    expires: day(30),
    blocked: ['fail', /outside a-z/]
  },
  'by someone not among waiverApprovers': {
    from: 'regressed',
    requirement: 'auc-vs-champion',
    approvedBy: 'riley-release',
    approved: day(0),
    expires: day(30),
    blocked: ['fail', /not among the approvers \(head-of-risk\)/]
  },
  'past maxWaiverDays': {
    from: 'regressed',
    requirement: 'auc-vs-champion',
    approvedBy: 'head-of-risk',
    approved: day(0),
    expires: '2099-12-31',
    blocked: ['fail', /longer than maxWaiverDays \(90\)/]
  },
  'approved in the future': {
    from: 'regressed',
    requirement: 'auc-vs-champion',
    approvedBy: 'head-of-risk',
    approved: day(2),
    expires: day(30),
    blocked: ['fail', /approved date .* is in the future/]
  },
  'approved before the version existed': {
    from: 'regressed',
    requirement: 'auc-vs-champion',
    approvedBy: 'head-of-risk',
    approved: '2001-01-01',
    expires: '2001-03-01',
    blocked: ['fail', /before the version was registered/]
  }
}

const CASES: ForgedCase[] = [
  ...Object.entries(WAIVERS).map(([key, w]) => ({ key, from: w.from, tags: w.tags ?? approved })),
  { key: 'pr-author-waiver', from: 'regressed', tags: approved },
  { key: 'pr-author-approval', from: 'challenger', tags: approved }
]

function waiverPolicy(text: string, model: string, versions: Record<string, string>): string {
  const entries = Object.entries(WAIVERS).map(([key, w]) => ({ key, ...w }))
  entries.push({ key: 'pr-author-waiver', ...WAIVERS.control! })
  const yaml = entries.map(
    (w) =>
      `  - { requirement: ${w.requirement}, model: ${model}, versions: ` +
      `["${versions[w.key]}"], reason: "Accepted for the test", ` +
      `approvedBy: ${JSON.stringify(w.approvedBy)}, approved: ${w.approved}, ` +
      `expires: ${w.expires} }`
  )
  return text.replace(/^waivers: \[\]$/m, `waivers:\n${yaml.join('\n')}`)
}

let targets: ForgeryTarget[] = []
const runs = new Map<string, GateRun>()
const forged = new Map<string, { model: string; versions: Record<string, string>; policy: string }>()

beforeAll(async () => {
  await assertBundleFresh()
  await mkdir(workRoot, { recursive: true })
  targets = await forgeryTargets(workRoot)
  const text = await readFile(EXAMPLE_POLICY, 'utf8')
  for (const target of targets) {
    const { model, versions } = await forgeVersions(target, CASES, workRoot)
    const policy = path.join(workRoot, `${model}.policy.yml`)
    await writeFile(policy, waiverPolicy(text, model, versions))
    forged.set(target.label, { model, versions, policy })
    const keys = Object.keys(WAIVERS)
    const results = await inPairs(keys.map((key) => () => gate(target, model, versions[key]!, policy, workRoot)))
    keys.forEach((key, i) => {
      runs.set(`${target.label}|${key}`, results[i]!)
    })
  }
}, 900_000)
afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

/** The bundled action on a pull_request event whose author is `author`; the JSON report it wrote. */
async function actionAsPullRequest(
  target: ForgeryTarget,
  version: string,
  author: string
): Promise<{ code: number; report: Report }> {
  const { model, policy } = forged.get(target.label)!
  const dir = path.join(workRoot, `action-${target.label}-${version}`)
  await mkdir(dir, { recursive: true })
  const event = path.join(dir, 'event.json')
  await writeFile(
    event,
    JSON.stringify({
      pull_request: { number: 7, head: { sha: 'a'.repeat(40) }, user: { login: author, type: 'User' } }
    })
  )
  const inputs = {
    model,
    version,
    alias: '',
    'tracking-uri': target.uri,
    policy,
    profile: 'production',
    'card-source': EXAMPLE_CARD,
    'card-dir': path.join(dir, 'cards'),
    'card-template': '',
    report: '',
    'artifacts-destination': '',
    'github-token': '',
    comment: 'false',
    'write-back': 'false',
    timeout: '30',
    // The forged policy exists only in this workspace (no base commit to read it from): it governs
    // as written. Which policy governs a pull request is tested in action-policy-ref.test.ts.
    'policy-ref': 'head'
  }
  const env = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/models',
    GITHUB_API_URL: 'http://127.0.0.1:9'
  }
  const run = await runAction({ workspace: dir, inputs, env })
  return {
    code: run.code,
    report: parseValidReport(await readFile(path.resolve(dir, run.outputs['report-path']!), 'utf8'))
  }
}

describe.each(['mlflow2', 'mlflow3', 'sqlite'])('forged waivers on %s', (label) => {
  it('honours the control waiver (the forgeries below differ only in their waiver)', () => {
    const run = runs.get(`${label}|control`)
    // The forged model's champion alias was set directly, not promoted through the gate: the one
    // line on stderr is the warning that says so (docs/promotion.md), nothing else.
    expect(run?.stderr.split('\n').filter((line) => line !== '')).toEqual([
      expect.stringMatching(
        new RegExp(
          String.raw`^warning: alias "champion" of forged-[\w-]+ points at version \d+, which has no` +
            String.raw` promotion record: it was moved outside the gate\.`
        )
      )
    ])
    expect(run?.code).toBe(0)
    expect(requirementOf(run, 'auc-vs-champion')?.status).toBe('waived')
  })

  it.each(Object.entries(WAIVERS).filter(([, w]) => w.blocked !== undefined))('refuses a waiver %s', (key, w) => {
    const run = runs.get(`${label}|${key}`)
    expect(run?.code).toBe(1)
    expect(run?.report?.blocking).toContain(w.requirement)
    const result = requirementOf(run, w.requirement)
    expect(result?.status).toBe(w.blocked![0])
    expect(result?.message).toMatch(/is not applied/)
    expect(result?.message).toMatch(w.blocked![1])
  })

  it('refuses a waiver and an approval by the pull request author (bundled action)', async () => {
    const target = targets.find((t) => t.label === label)!
    const { versions } = forged.get(label)!
    const waiver = await actionAsPullRequest(target, versions['pr-author-waiver']!, 'head-of-risk')
    expect(waiver.code).toBe(1)
    expect(waiver.report.blocking).toEqual(['auc-vs-champion'])
    expect(waiver.report.requirements.find((r) => r.id === 'auc-vs-champion')?.message).toMatch(
      /is not applied: separation of duties: head-of-risk authored the pull request/
    )
    const approval = await actionAsPullRequest(target, versions['pr-author-approval']!, 'riley-release')
    expect(approval.code).toBe(1)
    expect(approval.report.blocking).toEqual(['release-approval'])
    expect(approval.report.requirements.find((r) => r.id === 'release-approval')?.message).toMatch(
      /riley-release authored the pull request/
    )
  })
})
