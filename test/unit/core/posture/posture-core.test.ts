/**
 * The pure posture: gate tags read back fail closed, a version passes only when its report backs
 * its tags, waivers / approvals / aliases judged against the clock and the gate's own records.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type {
  CollectedModel,
  CollectedVersion,
  PostureContext,
  ReportFacts
} from '../../../../src/core/posture/collected.js'
import { GATE_TAG_PREFIX, readGateRecord } from '../../../../src/core/posture/gate-record.js'
import { modelPosture } from '../../../../src/core/posture/model-posture.js'
import { postureReport } from '../../../../src/core/posture/posture-report.js'
import { WRITEBACK_TAG_PREFIX } from '../../../../src/render/writeback-tags.js'

const POLICY_SHA = 'a'.repeat(64)
const REPORT_SHA = 'b'.repeat(64)
const ctx: PostureContext = {
  now: new Date('2026-06-15T12:00:00Z'),
  trackingUri: 'http://mlflow.example',
  uiBase: 'http://mlflow.example',
  toolVersion: '0.1.0',
  aliases: [],
  approvalMaxAgeDays: 90
}

const gateTags = (over: Record<string, string> = {}): Record<string, string> => ({
  'aims.gate.verdict': 'pass',
  'aims.gate.blocking': '',
  'aims.gate.policy': 'p',
  'aims.gate.policy_sha256': POLICY_SHA,
  'aims.gate.profile': 'production',
  'aims.gate.checked_at': '2026-06-10T09:00:00Z',
  'aims.gate.report_sha256': REPORT_SHA,
  ...over
})

const facts = (over: Partial<ReportFacts> = {}): ReportFacts => ({
  model: 'm',
  version: '1',
  verdict: 'pass',
  policySha256: POLICY_SHA,
  controls: { 'A.6.2.4': 'pass' },
  waivers: [],
  approvals: [],
  ...over
})

function version(over: Partial<CollectedVersion> = {}): CollectedVersion {
  return {
    version: '1',
    createdAt: 0,
    runId: 'r1',
    tags: gateTags(),
    aliases: ['production'],
    artifacts: { report: { kind: 'read', sha256: REPORT_SHA, facts: facts() }, cardPresent: true },
    ...over
  }
}

const model = (
  versions: CollectedVersion[],
  aliases: Record<string, string> = { production: '1' },
  tags: Record<string, string> = {}
): CollectedModel => ({
  name: 'm',
  aliases,
  tags,
  versions
})
const ids = (m: CollectedModel, c: PostureContext = ctx) =>
  modelPosture(m, c)
    .findings.map((f) => f.id)
    .sort()

describe('gate tags', () => {
  it('uses the prefix the write-back writes', () => {
    expect(GATE_TAG_PREFIX).toBe(WRITEBACK_TAG_PREFIX)
  })

  it('reads a complete set, and calls anything else malformed (never a partial record)', () => {
    expect(readGateRecord(gateTags()).kind).toBe('record')
    expect(readGateRecord({ other: 'x' }).kind).toBe('none')
    const broken: Array<Record<string, string>> = [
      { 'aims.gate.verdict': 'PASS' },
      { 'aims.gate.verdict': 'pass ' },
      { 'aims.gate.policy_sha256': 'short' },
      { 'aims.gate.checked_at': 'yesterday' },
      { 'aims.gate.checked_at': '2026-06-10' },
      { 'aims.gate.report_sha256': '' }
    ]
    for (const over of broken) {
      expect(readGateRecord(gateTags(over)).kind, JSON.stringify(over)).toBe('malformed')
    }
    const { 'aims.gate.verdict': _, ...noVerdict } = gateTags()
    expect(readGateRecord(noVerdict)).toMatchObject({ kind: 'malformed', reason: 'tag aims.gate.verdict is missing' })
  })
})

describe('judging a version (forgeries)', () => {
  it('passes only when the report was read, its digest matches and it backs the tags', () => {
    expect(modelPosture(model([version()]), ctx).posture.state).toBe('passing')
    expect(ids(model([version()]))).toEqual([])
  })

  it('a pass tag with no report, a malformed tag set, a tampered or borrowed report is never passing', () => {
    const cases: Array<[Partial<CollectedVersion>, string]> = [
      [
        { artifacts: { report: { kind: 'absent', reason: 'none' }, cardPresent: false } },
        'report-unreadable:m:1@production'
      ],
      [{ runId: undefined, artifacts: undefined }, 'report-unreadable:m:1@production'],
      [{ tags: gateTags({ 'aims.gate.verdict': 'yes' }) }, 'report-unreadable:m:1@production:tags'],
      [
        { artifacts: { report: { kind: 'read', sha256: 'c'.repeat(64), facts: facts() }, cardPresent: true } },
        'report-mismatch:m:1@production'
      ],
      [
        {
          artifacts: { report: { kind: 'read', sha256: REPORT_SHA, facts: facts({ version: '2' }) }, cardPresent: true }
        },
        'report-mismatch:m:1@production'
      ],
      [
        {
          artifacts: { report: { kind: 'read', sha256: REPORT_SHA, facts: facts({ model: 'x' }) }, cardPresent: true }
        },
        'report-mismatch:m:1@production'
      ],
      [
        {
          artifacts: {
            report: { kind: 'read', sha256: REPORT_SHA, facts: facts({ verdict: 'fail' }) },
            cardPresent: true
          }
        },
        'report-mismatch:m:1@production'
      ],
      [
        { artifacts: { report: { kind: 'unreadable', reason: 'not JSON' }, cardPresent: true } },
        'report-unreadable:m:1@production'
      ]
    ]
    for (const [over, expected] of cases) {
      const result = modelPosture(model([version(over)]), ctx)
      expect(result.posture.state, expected).toBe('blocked')
      expect(result.findings.map((f) => f.id)).toContain(expected)
    }
  })

  it('reports a missing card, a failing verdict, a stale policy and never-gated versions', () => {
    const noCard = version({
      artifacts: { report: { kind: 'read', sha256: REPORT_SHA, facts: facts() }, cardPresent: false }
    })
    expect(ids(model([noCard]))).toEqual(['card-missing:m:1@production'])
    const failed = version({
      tags: gateTags({ 'aims.gate.verdict': 'fail', 'aims.gate.blocking': 'score' }),
      artifacts: { report: { kind: 'read', sha256: REPORT_SHA, facts: facts({ verdict: 'fail' }) }, cardPresent: true }
    })
    expect(ids(model([failed]))).toEqual(['blocked:m:1@production'])
    const policy = { name: 'new', sha256: 'd'.repeat(64) }
    expect(ids(model([version()]), { ...ctx, policy })).toEqual(['stale-policy:m:1@production'])
    const bare = version({ tags: {}, artifacts: undefined })
    expect(ids(model([bare]))).toEqual(['never-gated:m:1@production'])
    expect(ids(model([{ ...bare, aliases: [] }], {}))).toEqual(['never-gated:m:1'])
    expect(modelPosture(model([bare]), ctx).posture.state).toBe('never-gated')
  })

  it('links only to http(s): a javascript: run URL tag is dropped', () => {
    const hostile = version({ tags: gateTags({ 'aims.gate.run_url': 'javascript:alert(1)' }), artifacts: undefined })
    const links = modelPosture(model([hostile]), ctx).findings[0]?.links ?? []
    expect(links.map((l) => l.href)).toEqual(['http://mlflow.example/#/models/m/versions/1'])
  })
})

describe('waivers and approvals from the report', () => {
  const withFacts = (over: Partial<ReportFacts>) =>
    model([
      version({ artifacts: { report: { kind: 'read', sha256: REPORT_SHA, facts: facts(over) }, cardPresent: true } })
    ])

  it('expired (after its whole last day), expiring within 30 days, or fine', () => {
    const waiver = (expires: string) => ({ waivers: [{ requirement: 'r', expires, approvedBy: 'x' }] })
    expect(ids(withFacts(waiver('2026-06-14')))).toEqual(['waiver-expired:m:1@production:r'])
    expect(ids(withFacts(waiver('not a date')))).toEqual(['waiver-expired:m:1@production:r'])
    expect(ids(withFacts(waiver('2026-06-15')))).toEqual(['waiver-expiring:m:1@production:r'])
    expect(ids(withFacts(waiver('2026-07-15')))).toEqual(['waiver-expiring:m:1@production:r'])
    expect(ids(withFacts(waiver('2026-07-16')))).toEqual([])
  })

  it('approvals older than the limit, or of an unreadable time, are stale', () => {
    const approval = (at: string) => ({ approvals: [{ requirement: 'ok', login: 'rev', at }] })
    expect(ids(withFacts(approval('2026-03-01T00:00:00Z')))).toEqual(['approval-stale:m:1@production:ok:rev'])
    expect(ids(withFacts(approval('soon')))).toEqual(['approval-stale:m:1@production:ok:rev'])
    expect(ids(withFacts(approval('2026-06-01T00:00:00Z')))).toEqual([])
  })
})

describe('aliases moved outside the gate', () => {
  it("uses the gate's promotion history when there is one", () => {
    const history = { 'aims.promotion.production.history': '["1"]' }
    const m = model([version(), version({ version: '2', aliases: ['production'] })], { production: '2' }, history)
    expect(ids(m).filter((id) => id.startsWith('alias-moved'))).toEqual(['alias-moved:m:2@production'])
  })

  it('without history, names the newest passing version when the holder does not pass', () => {
    const bare = version({ version: '2', tags: {}, artifacts: undefined })
    const m = model([version({ aliases: [] }), bare], { production: '2' })
    expect(ids(m)).toEqual(['alias-moved:m:2@production', 'never-gated:m:2@production'])
    expect(modelPosture(m, ctx).findings.find((f) => f.kind === 'alias-moved')?.expected).toBe('version 1')
  })
})

describe('the roll-up', () => {
  it('counts states, orders findings by severity then model, and rolls controls up', () => {
    const results = [
      modelPosture(model([version()]), ctx),
      modelPosture({ ...model([version({ tags: {}, artifacts: undefined })]), name: 'a' }, ctx)
    ]
    const report = postureReport(results, ctx, { count: 3, maxInFlight: 2 })
    expect(report.totals).toMatchObject({ models: 2, gated: 1, passing: 1, neverGated: 1, findings: 1 })
    expect(report.models.map((m) => m.name)).toEqual(['a', 'm'])
    expect(report.controls).toHaveLength(38)
    const control = report.controls.find((c) => c.id === 'A.6.2.4')
    expect(control).toMatchObject({ counts: { pass: 1 }, modelsWithoutEvidence: 1 })
    expect(createHash('sha256').update(JSON.stringify(report)).digest('hex')).toBe(
      createHash('sha256')
        .update(JSON.stringify(postureReport(results, ctx, { count: 3, maxInFlight: 2 })))
        .digest('hex')
    )
  })
})
