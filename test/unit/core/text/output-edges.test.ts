/**
 * Every output edge with hostile text (ANSI CSI, OSC-8 link, C1 CSI, NUL, U+202E, U+2066, CR,
 * backspace, zero-width): nothing reaches the terminal, the Markdown, the annotations or the
 * card's front matter raw.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandIO } from '../../../../src/commands/command.js'
import { controlsCommand } from '../../../../src/commands/controls.js'
import { policyCommand } from '../../../../src/commands/policy-validate.js'
import { invalid } from '../../../../src/core/errors.js'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { resolveProfile } from '../../../../src/core/policy/resolve-profile.js'
import type { RequirementResult } from '../../../../src/core/verdict/types.js'
import { evaluate } from '../../../../src/core/verdict/evaluate.js'
import { main, reportError } from '../../../../src/entry/cli.js'
import { planAnnotations } from '../../../../src/publish/github/annotations.js'
import { buildFrontMatter } from '../../../../src/render/card/card-front-matter.js'
import * as escapes from '../../../../src/render/escape.js'
import { buildReport } from '../../../../src/render/report.js'
import { renderTerminalTable } from '../../../../src/render/terminal-table.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { HOSTILE_INVALID_POLICY, HOSTILE_VALID_POLICY } from '../../../support/hostile-policy.js'
import { expectNoRawControls, HOSTILE_TEXT } from '../../../support/raw-controls.js'
import { fixtureDocumentation, fixtureEvidence, fixtureVerdict } from '../../../support/card-fixtures.js'

function capture(cwd = process.cwd()) {
  const out = { stdout: '', stderr: '' }
  const io: CommandIO = {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    env: {},
    cwd,
    isTTY: false
  }
  return { io, out }
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aims-gate-edges-'))
  await writeFile(path.join(dir, 'valid.yml'), HOSTILE_VALID_POLICY)
  await writeFile(path.join(dir, 'invalid.yml'), HOSTILE_INVALID_POLICY)
})
afterAll(async () => rm(dir, { recursive: true, force: true }))

describe('Markdown and HTML escaping (cards, job summary, PR comment)', () => {
  it.each([
    ['escapeMarkdownInline', escapes.escapeMarkdownInline],
    ['escapeMarkdownBlock', escapes.escapeMarkdownBlock],
    ['escapeTableCell', escapes.escapeTableCell],
    ['escapeHtml', escapes.escapeHtml],
    ['escapeHtmlText', escapes.escapeHtmlText],
    ['fencedBlock', (t: string) => escapes.fencedBlock(t)],
    ['inlineCode', escapes.inlineCode],
    ['neutraliseReviewedMarkdown', escapes.neutraliseReviewedMarkdown]
  ])('%s leaves no raw control character', (name, fn) => {
    expectNoRawControls(fn(HOSTILE_TEXT), name)
    expect(fn(HOSTILE_TEXT)).toMatch(/␛\\?\[31m/)
  })
})

describe('card front matter', () => {
  it('escapes the characters in YAML and still reads back the exact values', () => {
    const candidate = fixtureEvidence().candidate
    candidate.modelVersion.value.name = HOSTILE_TEXT
    const yaml = buildFrontMatter({
      candidate,
      documentation: fixtureDocumentation(),
      verdict: { ...fixtureVerdict(), blocking: [HOSTILE_TEXT] },
      policy: { name: HOSTILE_TEXT, sha256: 'd'.repeat(64), profile: HOSTILE_TEXT },
      generatedAt: '2026-11-27T12:00:05.000Z'
    })
    expectNoRawControls(yaml, 'front matter')
    const data = parse(yaml) as { aims_gate: Record<string, unknown> }
    expect(data.aims_gate.model).toBe(HOSTILE_TEXT)
    expect(data.aims_gate.blocking).toEqual([HOSTILE_TEXT])
  })
})

describe('terminal table', () => {
  it('shows hostile ids, names, messages and values inert (and with colour only our codes)', () => {
    const policy = parsePolicy(HOSTILE_VALID_POLICY, 'valid.yml')
    const profile = resolveProfile(policy, 'production')
    const evidence = EvidenceBuilder.passing().build()
    const report = buildReport({
      verdict: evaluate(profile, evidence, { now: NOW }),
      evidence,
      profile: profile.name,
      policy: profile.policy,
      now: NOW
    })
    report.model.name = HOSTILE_TEXT
    report.requirements = report.requirements.map((r) => ({
      ...r,
      message: HOSTILE_TEXT,
      observed: HOSTILE_TEXT,
      expected: HOSTILE_TEXT,
      status: 'fail' as const
    }))
    const plain = renderTerminalTable(report)
    expectNoRawControls(plain, 'table')
    expect(plain).toContain('␛[31m')
    const coloured = renderTerminalTable(report, { colour: true })
    // Our own SGR codes are the only escapes left.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removes the table's own colour codes
    expectNoRawControls(coloured.replace(/\u001b\[(0|3[1236])m/g, ''), 'coloured table')
    // A hostile line break cannot start a line that reads like the verdict.
    expect(plain.split('\n').filter((l) => l.startsWith('RELEASE'))).toHaveLength(1)
  })
})

describe('GitHub annotations', () => {
  it('titles and messages carry no raw control character', () => {
    const result: RequirementResult = {
      id: 'auc',
      check: 'metric',
      status: 'fail',
      severity: 'block',
      controls: ['A.6.2.4'],
      observed: HOSTILE_TEXT,
      expected: HOSTILE_TEXT,
      message: HOSTILE_TEXT,
      evidence: [],
      location: { file: 'policy.yml', line: 3 }
    }
    const plan = planAnnotations([result, { ...result, location: undefined, id: 'x' }])
    for (const a of plan.annotations) {
      expectNoRawControls(a.title, 'title')
      expectNoRawControls(a.message, 'message')
    }
  })
})

describe('CLI output', () => {
  it('error lines quote hostile text inert (GateError and unexpected errors, with the stack)', () => {
    const a = capture()
    a.io.env.AIMS_GATE_DEBUG = '1'
    expect(reportError(invalid(HOSTILE_TEXT), a.io, 'check')).toBe(2)
    expect(reportError(new Error(HOSTILE_TEXT), a.io, 'check')).toBe(1)
    expectNoRawControls(a.out.stderr, 'stderr')
  })
  it('an unknown command is echoed inert', async () => {
    const a = capture()
    expect(await main([HOSTILE_TEXT], a.io)).toBe(2)
    expectNoRawControls(a.out.stderr, 'stderr')
    expect(a.out.stderr).toContain('␛[31m')
  })
  it('policy validate: the summary, the JSON and the problems of an invalid policy', async () => {
    for (const argv of [
      ['validate', 'valid.yml'],
      ['validate', 'valid.yml', '--json'],
      ['validate', 'invalid.yml']
    ]) {
      const a = capture(dir)
      await main(['policy', ...argv], a.io, [policyCommand])
      expectNoRawControls(a.out.stdout + a.out.stderr, argv.join(' '))
      expect(a.out.stdout + a.out.stderr).toMatch(/␛\[31m|\\u001b\[31m/)
    }
    const json = capture(dir)
    await main(['policy', 'validate', 'valid.yml', '--json'], json.io, [policyCommand])
    expect((JSON.parse(json.out.stdout) as { name: string }).name).toContain('\u001b[31m')
  })
  it('controls: text and JSON', async () => {
    for (const argv of [
      ['--policy', 'valid.yml'],
      ['--policy', 'valid.yml', '--json'],
      ['--policy', 'invalid.yml']
    ]) {
      const a = capture(dir)
      await main(['controls', ...argv], a.io, [controlsCommand])
      expectNoRawControls(a.out.stdout + a.out.stderr, argv.join(' '))
    }
  })
})
