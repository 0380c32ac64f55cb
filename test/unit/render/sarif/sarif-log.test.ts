/**
 * The SARIF renderer on built reports: results only for failing and missing requirements, levels
 * by severity, the policy line as the location only when the checkout's file governed, untrusted
 * text kept as plain text, and the same report giving the same bytes.
 */
import { describe, expect, it } from 'vitest'
import type { Report } from '../../../../src/render/report-schema.js'
import { renderSarif, sarifText } from '../../../../src/render/sarif/sarif-log.js'
import { sarifPolicyLocation } from '../../../../src/pipeline/sarif-output.js'

type Requirement = Report['requirements'][number]

function requirement(id: string, status: Requirement['status'], severity: Requirement['severity'], line: number) {
  return {
    id,
    check: 'metric',
    status,
    severity,
    controls: ['A.6.2.4'],
    supports: [],
    observed: '0.7',
    expected: '≥ 0.8',
    message: `roc_auc is 0.7 [see](https://evil.example)\u001b[31m`,
    evidence: [],
    location: { file: 'policy.yml', line }
  } satisfies Requirement
}

const report = {
  schemaVersion: 2,
  verdict: 'fail',
  evaluatedAt: '2026-01-31T12:00:00.000Z',
  generator: { name: 'aims-gate', version: '0.1.0' },
  model: { name: 'credit-risk', version: '2' },
  profile: 'production',
  policy: { name: 'p', file: 'policy.yml', sha256: 'a'.repeat(64) },
  blocking: ['auc'],
  summary: { pass: 1, fail: 2, missing: 1, waived: 1 },
  requirements: [
    requirement('auc', 'fail', 'block', 14),
    requirement('accuracy', 'fail', 'warn', 19),
    requirement('card', 'missing', 'block', 41),
    requirement('fine', 'pass', 'block', 50),
    requirement('excused', 'waived', 'block', 60)
  ],
  controls: []
} satisfies Report

const here = { uri: 'policy.yml', lines: true }

interface Log {
  runs: {
    tool: { driver: { rules: { id: string; help: { text: string } }[] } }
    results: {
      ruleId: string
      ruleIndex: number
      level: string
      message: { text: string }
      locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[]
    }[]
  }[]
}

const parse = (text: string): Log => JSON.parse(text) as Log

describe('renderSarif', () => {
  it('gives one result per failing or missing requirement, on its policy line, error or warning', () => {
    const run = parse(renderSarif({ report, descriptions: new Map(), policy: here })).runs[0]!
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['auc', 'accuracy', 'card', 'fine', 'excused'])
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['auc', 0, 'error'],
      ['accuracy', 1, 'warning'],
      ['card', 2, 'error']
    ])
    expect(run.results.map((r) => r.locations[0]!.physicalLocation.region?.startLine)).toEqual([14, 19, 41])
  })

  it('points at the file without a line when the lines are not the checkout’s', () => {
    const run = parse(renderSarif({ report, descriptions: new Map(), policy: { uri: 'policy.yml', lines: false } }))
    const result = run.runs[0]!.results[0]!
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'policy.yml', uriBaseId: '%SRCROOT%' }
    })
    expect(result.message.text).toContain('the policy line is not in this checkout')
  })

  it('keeps MLflow and policy text as plain text: no embedded link, no terminal escape', () => {
    const descriptions = new Map([['auc', 'Ship [it](1) now']])
    const text = renderSarif({ report, descriptions, policy: here })
    const run = parse(text).runs[0]!
    expect(run.results[0]!.message.text).toContain('\\[see\\](https://evil.example)')
    expect(run.results[0]!.message.text).not.toContain('\u001b')
    expect(run.tool.driver.rules[0]!.help.text).toContain('Ship \\[it\\](1) now')
    expect(sarifText('a]b[c')).toBe('a\\]b\\[c')
  })

  it('is deterministic', () => {
    const a = renderSarif({ report, descriptions: new Map(), policy: here })
    expect(renderSarif({ report: structuredClone(report), descriptions: new Map(), policy: here })).toBe(a)
  })
})

describe('sarifPolicyLocation', () => {
  it('uses the lines of a working-tree file inside the checkout only', () => {
    expect(sarifPolicyLocation({ source: 'working-tree', file: 'policies/x.yml', sha256: '' })).toEqual({
      uri: 'policies/x.yml',
      lines: true
    })
    expect(sarifPolicyLocation({ source: 'pull-request-base', file: 'policies/x.yml', sha256: '' }).lines).toBe(false)
    expect(sarifPolicyLocation({ source: 'working-tree', file: '../elsewhere/x.yml', sha256: '' })).toEqual({
      uri: 'x.yml',
      lines: false
    })
    expect(sarifPolicyLocation({ source: 'built-in', file: 'policies/default.yml', sha256: '' }).lines).toBe(false)
  })
})
