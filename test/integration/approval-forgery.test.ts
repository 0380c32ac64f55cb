/**
 * Forged approvals against the real MLflow 2.x and 3.x servers and a local sqlite store, through
 * the bundled CLI and the example's production profile. Each forged version is a copy of the
 * well-evidenced challenger (same run, model and evidence), so the approval is the only thing
 * that differs: every forgery must block with exactly release-approval, naming the reason, while
 * the honest control copy passes.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh } from '../support/cli-runner.js'
import {
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

const workRoot = resolve('.tmp', `approval-forgery-${randomUUID()}`)
const by = (approvedBy: string, approvedAt = '@after'): Record<string, string> => ({
  'aims.approved_by': approvedBy,
  'aims.approved_at': approvedAt
})

/** key → [tags, expected status, reason in the message]. */
const FORGERIES: Record<string, [Record<string, string>, 'fail' | 'missing', RegExp]> = {
  'zero-width space': [
    by('dana-trainer\u200B'),
    'fail',
    /looks like or is an alias of "dana-trainer", who trained the run/
  ],
  'word joiner': [by('dana\u2060-trainer'), 'fail', /looks like .*trained the run/],
  'Cyrillic letter': [by('d\u0430na-trainer'), 'fail', /looks like .*trained the run/],
  'fullwidth letters': [by('\uFF44\uFF41\uFF4E\uFF41-trainer'), 'fail', /looks like .*trained the run/],
  accent: [by('d\u00E1na-trainer'), 'fail', /looks like .*trained the run/],
  'combining mark': [by('da\u0301na-trainer'), 'fail', /looks like .*trained the run/],
  'bidi control': [by('\u202Edana-trainer'), 'fail', /looks like .*trained the run/],
  uppercase: [by('DANA-TRAINER'), 'fail', /DANA-TRAINER trained the run/],
  'trainer e-mail (identities alias)': [by('dana@example.com'), 'fail', /alias of "dana-trainer", who trained the run/],
  'trainer login as e-mail': [by('dana-trainer@example.com'), 'fail', /alias of "dana-trainer", who trained the run/],
  'plus-tagged e-mail': [by('dana+release@example.com'), 'fail', /alias of "dana-trainer", who trained the run/],
  'homoglyph of the roster member': [by('r\u0456ley-release'), 'fail', /outside a-z/],
  'digit look-alike of the roster member': [by('riley-re1ease'), 'fail', /is not the approver riley-release/],
  'roster login at another domain': [by('riley-release@evil.example'), 'fail', /is not the approver riley-release/],
  'trailing dot': [by('riley-release.'), 'fail', /misplaced/],
  null: [by('null'), 'fail', /placeholder/],
  wildcard: [by('*'), 'fail', /wildcard/],
  'comma list of junk': [
    by('sam,alex,<script>x</script>,a|b,kim,lee'),
    'fail',
    /HTML[\s\S]*separator[\s\S]*not among the approvers/
  ],
  'semicolon list': [by('riley-release;sam'), 'fail', /separator/],
  'approved in 2001': [by('riley-release', '2001-01-01'), 'fail', /not after the version was registered/],
  'impossible date': [by('riley-release', '2026-02-30'), 'missing', /not a real RFC 3339/],
  'not RFC 3339': [by('riley-release', '1780000000000'), 'missing', /not a real RFC 3339/],
  'at the exact registration time': [by('riley-release', '@created'), 'fail', /not after the version was registered/],
  'in the future beyond skew': [by('riley-release', '@future'), 'fail', /in the future/],
  'no approval time': [{ 'aims.approved_by': 'riley-release' }, 'missing', /approved_at is not/]
}

const CASES: ForgedCase[] = [
  { key: 'control', from: 'challenger', tags: by('riley-release') },
  { key: 'control-alias', from: 'challenger', tags: by('riley@example.com') },
  ...Object.entries(FORGERIES).map(([key, [tags]]) => ({ key, from: 'challenger' as const, tags }))
]

let targets: ForgeryTarget[] = []
const runs = new Map<string, GateRun>()

beforeAll(async () => {
  await assertBundleFresh()
  await mkdir(workRoot, { recursive: true })
  targets = await forgeryTargets(workRoot)
  for (const target of targets) {
    const { model, versions } = await forgeVersions(target, CASES, workRoot)
    const results = await inPairs(
      CASES.map((c) => () => gate(target, model, versions[c.key]!, EXAMPLE_POLICY, workRoot))
    )
    CASES.forEach((c, i) => {
      runs.set(`${target.label}|${c.key}`, results[i]!)
    })
  }
}, 900_000)
afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

describe.each(['mlflow2', 'mlflow3', 'sqlite'])('forged approvals on %s', (label) => {
  it('lets the honestly approved copy through (the forgeries below differ only in their approval)', () => {
    for (const key of ['control', 'control-alias']) {
      const run = runs.get(`${label}|${key}`)
      // The forged copies' champion was set by hand, so check says so (and only that).
      expect(
        run?.stderr.split('\n').filter((line) => line !== ''),
        key
      ).toEqual([
        expect.stringMatching(
          new RegExp(
            String.raw`^warning: alias "champion" of forged-[\w-]+ points at version \d+, which has no` +
              String.raw` promotion record: it was moved outside the gate\.`
          )
        )
      ])
      expect(run?.report?.verdict, key).toBe('pass')
      expect(run?.code, key).toBe(0)
      expect(requirementOf(run, 'release-approval')?.status, key).toBe('pass')
    }
  })

  it.each(Object.entries(FORGERIES))('blocks %s', (key, [, status, reason]) => {
    const run = runs.get(`${label}|${key}`)
    expect(run?.code).toBe(1)
    expect(run?.report?.blocking).toEqual(['release-approval'])
    const approval = requirementOf(run, 'release-approval')
    expect(approval?.status).toBe(status)
    expect(approval?.observed).toBe('0 approvals')
    expect(approval?.message).toMatch(reason)
  })
})
