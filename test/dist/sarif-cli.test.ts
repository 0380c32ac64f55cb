/**
 * `check --sarif` through what ships (dist/cli.js) on the example store: the file validates
 * against the SARIF 2.1.0 JSON Schema (Ajv, strict), has one result per failing or missing
 * requirement of the report (blocking → error, warn → warning) on the line of the policy where
 * that requirement is written, rules carrying the controls, policy text kept plain, and a rerun
 * with the same clock gives the same bytes.
 */
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../support/action-runner.js'
import { BLOCKED_NOW, EXAMPLE, scratch } from '../support/bundle-fixture.js'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import { sarifValidator } from '../support/sarif-schema.js'

/** A warn-only requirement that fails, with a description an author could use to plant a link. */
const HOSTILE_WARN = [
  '      - id: accuracy-stretch',
  '        description: "Stretch goal [click](https://evil.example) \\u001b[31m"',
  '        check: metric',
  '        metric: accuracy_score',
  '        min: 0.999',
  '        severity: warn',
  '        controls: [A.6.2.4]',
  '        supports: [A.6.1.2]'
]

interface SarifLog {
  version: string
  runs: {
    tool: {
      driver: {
        name: string
        version: string
        informationUri: string
        rules: { id: string; help: { text: string }; properties: { tags: string[] } }[]
      }
    }
    results: {
      ruleId: string
      level: string
      message: { text: string }
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]
    }[]
  }[]
}

interface ReportLike {
  requirements: { id: string; status: string; severity: string }[]
}

let work: string
let policyText: string

function args(name: string): string[] {
  const argv = EXAMPLE.map((a) => (a.endsWith('policy.yml') ? 'policy.yml' : a))
  return [...argv, '--card-dir', `${name}-cards`, '--report', `${name}.report.json`, '--sarif', `${name}.sarif`]
}

beforeAll(async () => {
  await assertBundleFresh()
  work = await scratch('sarif')
  const lines = (await readFile(path.join(ROOT, 'examples/credit-risk/policy.yml'), 'utf8')).split('\n')
  const after = lines.findIndex((line) => line.trim() === 'severity: warn') + 2
  lines.splice(after, 0, ...HOSTILE_WARN)
  policyText = lines.join('\n')
  await writeFile(path.join(work, 'policy.yml'), policyText)
}, 60_000)

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

/** The line (1-based) of `- id: <id>` in the policy, found by reading the text. */
const lineOf = (id: string): number => policyText.split('\n').findIndex((l) => l.trim() === `- id: ${id}`) + 1

describe('check --sarif', () => {
  it('writes SARIF 2.1.0 that the schema accepts, one result per failing or missing requirement', async () => {
    const run = await runCli([...args('first'), '--now', BLOCKED_NOW], { cwd: work })
    expect(run.code, run.stderr).toBe(1)
    expect(run.stdout).toContain('SARIF:  first.sarif')
    const text = await readFile(path.join(work, 'first.sarif'), 'utf8')
    const { validate, text: schemaText } = await sarifValidator()
    expect(schemaText).not.toMatch(/exclusiveM(in|ax)imum/)
    const log = JSON.parse(text) as SarifLog
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true)
    expect(log.version).toBe('2.1.0')
    // The validator is not vacuous: a result with a level SARIF does not define is refused.
    const broken = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] }
    broken.runs[0]!.results[0]!.level = 'blocker'
    expect(validate(broken)).toBe(false)

    const sarif = log.runs[0]!
    const driver = sarif.tool.driver
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect([driver.name, driver.version]).toEqual(['aims-gate', pkg.version])
    expect(driver.informationUri).toMatch(/^https:\/\//)

    const report = JSON.parse(await readFile(path.join(work, 'first.report.json'), 'utf8')) as ReportLike
    const bad = report.requirements.filter((r) => r.status === 'fail' || r.status === 'missing')
    expect(bad.some((r) => r.severity === 'block')).toBe(true)
    expect(bad.some((r) => r.id === 'accuracy-stretch')).toBe(true)
    expect(sarif.results.map((r) => [r.ruleId, r.level])).toEqual(
      bad.map((r) => [r.id, r.severity === 'block' ? 'error' : 'warning'])
    )
    for (const result of sarif.results) {
      const where = result.locations[0]!.physicalLocation
      expect(where.artifactLocation.uri).toBe('policy.yml')
      expect(where.region.startLine, result.ruleId).toBe(lineOf(result.ruleId))
    }
    expect(driver.rules.map((r) => r.id)).toEqual(report.requirements.map((r) => r.id))
    const stretch = driver.rules.find((r) => r.id === 'accuracy-stretch')!
    expect(stretch.properties.tags).toEqual(expect.arrayContaining(['A.6.2.4', 'A.6.1.2']))
    expect(stretch.help.text).toContain('Stretch goal \\[click\\](https://evil.example) ␛')
    expect(stretch.help.text).toMatch(/Fix: /)
    expect(text).not.toContain('\u001b')
  }, 120_000)

  it('gives the same bytes on a rerun with the same clock', async () => {
    const a = await runCli([...args('a'), '--now', BLOCKED_NOW], { cwd: work })
    const b = await runCli([...args('b'), '--now', BLOCKED_NOW], { cwd: work })
    expect([a.code, b.code]).toEqual([1, 1])
    const bytes = await Promise.all(['a', 'b'].map((n) => readFile(path.join(work, `${n}.sarif`))))
    expect(bytes[0]!.equals(bytes[1]!)).toBe(true)
  }, 120_000)
})
