import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parsePolicy } from '../../../src/core/policy/parse-policy.js'
import { resolveProfile } from '../../../src/core/policy/resolve-profile.js'
import { evaluate } from '../../../src/core/verdict/evaluate.js'
import { buildReport } from '../../../src/render/report.js'
import { reportSchema } from '../../../src/render/report-schema.js'
import { renderTerminalTable } from '../../../src/render/terminal-table.js'
import { EvidenceBuilder, NOW } from '../../support/evidence-builder.js'
import { withExampleRecompute } from '../../support/example-recompute.js'
import { expectValidReport } from '../../support/report-schema.js'

const policy = parsePolicy(readFileSync('examples/credit-risk/policy.yml', 'utf8'), 'examples/credit-risk/policy.yml')
const profile = resolveProfile(policy, 'production')

function reportFor(builder: EvidenceBuilder) {
  // The recomputed AUC equals the logged one, so only the logged-metric requirements differ.
  const run = builder.build().candidate.run
  const evidence = withExampleRecompute(
    builder,
    run.kind === 'present' ? run.value.metrics.roc_auc?.value.value : undefined
  )
  return buildReport({
    verdict: evaluate(profile, evidence, { now: NOW }),
    evidence,
    profile: profile.name,
    policy: profile.policy,
    now: NOW
  })
}

describe('report', () => {
  it('matches the report schema and carries model, policy, details and locations', () => {
    const report = reportFor(EvidenceBuilder.passing().metric('accuracy_score', 0.85))
    expect(reportSchema.parse(report)).toEqual(report)
    expectValidReport(JSON.parse(JSON.stringify(report)))
    expect(report).toMatchObject({
      verdict: 'pass',
      model: { name: 'credit-risk', version: '3', runId: 'run-candidate' },
      profile: 'production',
      policy: { name: 'credit-risk-release', sha256: policy.sha256 }
    })
    expect(report.requirements[0]).toMatchObject({
      id: 'auc',
      status: 'pass',
      details: { value: 0.87 },
      location: { line: 14 }
    })
    expect(report.controls).toHaveLength(38)
  })
  it('gives each control its roll-up, which requirements satisfy it, and its crosswalk (schema version 2)', () => {
    const report = reportFor(EvidenceBuilder.passing().metric('accuracy_score', 0.85))
    expect(report.schemaVersion).toBe(2)
    const control = (id: string) => report.controls.find((c) => c.id === id)
    expect(control('A.6.2.4')).toMatchObject({ status: 'satisfied', waived: [] })
    expect(control('A.6.2.5')).toMatchObject({
      status: 'supported',
      requirements: ['release-approval'],
      satisfiedBy: [],
      crosswalk: { 'nist-ai-rmf': [], 'eu-ai-act': ['Art. 17'] }
    })
    expect(control('A.3.2')?.crosswalk['nist-ai-rmf']).toEqual(['GOVERN 2.1'])
    const fairness = report.requirements.find((r) => r.id === 'equal-opportunity-sex')
    expect(fairness).toMatchObject({ controls: ['A.6.2.4'], supports: ['A.5.4'] })
    expect(fairness?.claimNotes).toBeUndefined()
  })
  it('writes non-finite numbers as null so the JSON keeps them', () => {
    const report = reportFor(
      EvidenceBuilder.passing().metric('roc_auc', 0.8, 'champion').metric('roc_auc', 0).metric('roc_auc', 0, 'champion')
    )
    expect(JSON.parse(JSON.stringify(report))).toEqual(report)
    expectValidReport(JSON.parse(JSON.stringify(report)))
  })
})

describe('terminal table', () => {
  it('reads without colour: verdict first, status words, reasons for non-passing requirements', () => {
    const text = renderTerminalTable(reportFor(EvidenceBuilder.passing().metric('roc_auc', 0.7).noChampion()))
    const lines = text.split('\n')
    expect(lines[0]).toBe(
      'RELEASE BLOCKED: credit-risk v3 fails profile "production" of policy ' +
        'credit-risk-release (blocking: auc, auc-vs-champion, auc-reconciled)'
    )
    expect(text).toMatch(/\[FAIL\] +auc +metric +block +0\.7 +≥ 0\.8 +A\.6\.2\.4/)
    expect(text).toContain('[MISSING] auc-vs-champion (examples/credit-risk/policy.yml:')
    expect(text).toMatch(/\[N\/A\] +A\.9\.3/)
    expect(text).not.toContain('\u001b[')
  })
  it('never cuts an observed or expected value: it uses a wide terminal and wraps on a narrow one', () => {
    const report = reportFor(EvidenceBuilder.passing().metric('roc_auc', 0.9593).metric('roc_auc', 0.8953, 'champion'))
    const row = report.requirements.find((r) => r.id === 'auc-vs-champion')
    expect(row?.observed.length).toBeGreaterThan(36)
    const wide = renderTerminalTable(report, { width: 220 })
    expect(wide).toContain(row?.observed)
    expect(wide).toContain(row?.expected)
    for (const width of [100, 140]) {
      const text = renderTerminalTable(report, { width })
      const lines = text.slice(text.indexOf('Requirements'), text.indexOf('\nWhy')).split('\n')
      expect(lines.filter((line) => line.length > width)).toEqual([])
      expect(lines.join('\n')).not.toContain('…')
      // Read down the OBSERVED and EXPECTED columns: each value is all there, in order.
      const header = lines[1] ?? ''
      const column = (from: string, to: string) =>
        lines
          .map((line) => line.slice(header.indexOf(from), header.indexOf(to)))
          .join('')
          .replace(/\s+/g, '')
      expect(column('OBSERVED', 'EXPECTED')).toContain((row?.observed ?? '').replace(/\s+/g, ''))
      expect(column('EXPECTED', 'CONTROLS')).toContain((row?.expected ?? '').replace(/\s+/g, ''))
    }
  })
  it('colours only when asked', () => {
    expect(renderTerminalTable(reportFor(EvidenceBuilder.passing()), { colour: true })).toContain('\u001b[32m[PASS]')
  })
})
