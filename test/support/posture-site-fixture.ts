/**
 * A registry-wide posture report for the site's tests, written out by hand: six models in
 * distinct states (passing, blocked, never gated, alias moved by hand, stale policy, expiring
 * waiver), each with the finding that state produces, and optionally a hostile model whose name
 * and texts try to escape the page (path segments, markup, quotes, script links, bidi controls).
 */
import { CONTROLS } from '../../src/core/controls/catalog.js'
import type {
  GateRecord,
  ModelPosture,
  PostureFinding,
  PostureReport,
  VersionPosture
} from '../../src/core/posture/types.js'

const POLICY_NOW = 'a'.repeat(64)
const POLICY_OLD = 'b'.repeat(64)

export const HOSTILE_NAME = '../../etc/<script>alert("x")</script>\'/\u202Eevil'
export const HOSTILE_TEXT = '<img src=x onerror=alert(1)> & "quoted" \'single\' </main>'

function gate(verdict: 'pass' | 'fail', checkedAt: string, extra: Partial<GateRecord> = {}): GateRecord {
  return {
    verdict,
    blocking: verdict === 'pass' ? [] : ['auc', 'fairness-gap'],
    policy: 'policies/credit.yml',
    policySha256: POLICY_NOW,
    profile: 'production',
    checkedAt,
    runUrl: 'https://github.com/acme/models/actions/runs/1',
    ...extra
  }
}

/** Statuses for the considered version: every control, a few of them not passing. */
function controls(seed: number): Record<string, string> {
  const cycle = [
    'satisfied',
    'satisfied',
    'supported',
    'missing',
    'satisfied',
    'not-applicable',
    'supported',
    'failed',
    'not-assessed'
  ]
  return Object.fromEntries(CONTROLS.map((c, i) => [c.id, cycle[(i + seed) % cycle.length] as string]))
}

function version(v: string, aliases: string[], record?: GateRecord, seed?: number): VersionPosture {
  return {
    version: v,
    createdAt: `2026-10-0${v}T09:00:00Z`,
    aliases,
    ...(record === undefined ? {} : { gate: record }),
    ...(seed === undefined ? {} : { controls: controls(seed) })
  }
}

interface Seed {
  model: ModelPosture
  findings: PostureFinding[]
}

function finding(f: Omit<PostureFinding, 'id' | 'links'> & { links?: PostureFinding['links'] }): PostureFinding {
  const version = f.version === undefined ? '' : `:${f.version}`
  const id = `${f.kind}:${f.model}${version}${f.alias === undefined ? '' : `@${f.alias}`}`
  return { links: [], ...f, id }
}

function seeds(hostile: boolean): Seed[] {
  const pass1 = gate('pass', '2026-10-10T10:00:00Z')
  const list: Seed[] = [
    {
      model: model('credit-risk', 'passing', { production: '2' }, [
        version('2', ['production'], pass1, 0),
        version('1', [], gate('fail', '2026-10-05T10:00:00Z'), 1)
      ]),
      findings: []
    },
    {
      model: model('fraud-detector', 'blocked', { production: '3' }, [
        version('3', ['production'], gate('fail', '2026-10-12T10:00:00Z'), 2)
      ]),
      findings: [
        finding({
          kind: 'blocked',
          severity: 'high',
          model: 'fraud-detector',
          version: '3',
          alias: 'production',
          reason: 'The gate blocked version 3, which production serves: auc and fairness-gap failed.',
          links: [{ label: 'Gate run', href: 'https://github.com/acme/models/actions/runs/3' }]
        })
      ]
    },
    {
      model: model('churn-forecast', 'never-gated', { production: '1' }, [version('1', ['production'])]),
      findings: [
        finding({
          kind: 'never-gated',
          severity: 'high',
          model: 'churn-forecast',
          version: '1',
          alias: 'production',
          reason: 'Production points at version 1, which the gate never decided on.'
        })
      ]
    },
    {
      model: model('pricing-model', 'never-gated', { production: '5' }, [
        version('5', ['production']),
        version('4', [], gate('pass', '2026-10-08T10:00:00Z'), 3)
      ]),
      findings: [
        finding({
          kind: 'alias-moved',
          severity: 'high',
          model: 'pricing-model',
          version: '5',
          alias: 'production',
          reason: 'Production was moved by hand to version 5; the last passing verdict named version 4.',
          observed: 'production → 5',
          expected: 'production → 4'
        })
      ]
    },
    {
      model: model('support-triage', 'passing', { production: '2' }, [
        version('2', ['production'], gate('pass', '2026-09-01T10:00:00Z', { policySha256: POLICY_OLD }), 4)
      ]),
      findings: [
        finding({
          kind: 'stale-policy',
          severity: 'medium',
          model: 'support-triage',
          version: '2',
          alias: 'production',
          reason: 'Version 2 passed under a policy that has changed since (digest bbbbbbbbbbbb, now aaaaaaaaaaaa).'
        })
      ]
    },
    {
      model: model('loan-approval', 'passing', { production: '1' }, [
        version('1', ['production'], gate('pass', '2026-10-20T10:00:00Z'), 5)
      ]),
      findings: [
        finding({
          kind: 'waiver-expiring',
          severity: 'low',
          model: 'loan-approval',
          version: '1',
          alias: 'production',
          reason: 'The waiver for requirement fairness-gap expires on 2026-11-20, in 18 days.'
        })
      ]
    }
  ]
  if (hostile) list.push(hostileSeed())
  return list
}

function hostileSeed(): Seed {
  return {
    model: model(HOSTILE_NAME, 'blocked', { 'prod"><script>': '1' }, [
      version('1"><b>', [`prod"><script>`], gate('fail', '2026-10-15T10:00:00Z', { runUrl: 'javascript:alert(1)' }), 6)
    ]),
    findings: [
      finding({
        kind: 'blocked',
        severity: 'high',
        model: HOSTILE_NAME,
        version: '1"><b>',
        alias: `prod"><script>`,
        reason: HOSTILE_TEXT,
        observed: '<script>alert(2)</script>',
        links: [
          { label: '<b>click</b>', href: 'javascript:alert(3)' },
          { label: 'data', href: 'data:text/html,<script>alert(4)</script>' },
          { label: 'with password', href: 'https://user:hunter2@mlflow.example.com/x' },
          { label: 'Report', href: 'https://mlflow.example.com/#/models/x?a="b"&c=<d>' }
        ]
      })
    ]
  }
}

function model(
  name: string,
  state: ModelPosture['state'],
  aliases: Record<string, string>,
  versions: VersionPosture[]
) {
  const timeline = versions
    .filter((v) => v.gate !== undefined)
    .map((v) => ({ version: v.version, ...(v.gate as GateRecord) }))
    .sort((a, b) => (a.checkedAt < b.checkedAt ? -1 : 1))
  return { name, aliases, state, versions, timeline, findings: [] as string[] }
}

const SEVERITY = { high: 0, medium: 1, low: 2 }

/** The report, its totals and control roll-up counted from the seeded models. */
export function postureFixture(options: { hostile?: boolean } = {}): PostureReport {
  const list = seeds(options.hostile === true)
  for (const s of list) s.model.findings = s.findings.map((f) => f.id)
  const models = list.map((s) => s.model).sort((a, b) => (a.name < b.name ? -1 : 1))
  const findings = list
    .flatMap((s) => s.findings)
    .sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity] || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0))
  const byKind: Record<string, number> = {}
  for (const f of findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1
  const considered = models.map((m) => m.versions.find((v) => v.aliases.includes('production')) ?? m.versions[0])
  const rollup = CONTROLS.map((c) => {
    const counts: Record<string, number> = {}
    let without = 0
    for (const v of considered) {
      const status = v?.controls?.[c.id]
      if (status === undefined) without += 1
      else counts[status] = (counts[status] ?? 0) + 1
    }
    return { id: c.id, title: c.title, area: c.area, counts, modelsWithoutEvidence: without }
  })
  return {
    schemaVersion: 1,
    generatedAt: '2026-11-02T12:00:00Z',
    trackingUri: 'https://mlflow.example.com',
    toolVersion: '0.1.0',
    aliases: ['production'],
    policy: { name: 'policies/credit.yml', sha256: POLICY_NOW, profile: 'production' },
    totals: {
      models: models.length,
      gated: models.filter((m) => m.timeline.length > 0).length,
      passing: models.filter((m) => m.state === 'passing').length,
      blocked: models.filter((m) => m.state === 'blocked').length,
      neverGated: models.filter((m) => m.state === 'never-gated').length,
      findings: findings.length,
      byKind
    },
    models,
    controls: rollup,
    findings,
    requests: { count: 42, maxInFlight: 8 }
  }
}
