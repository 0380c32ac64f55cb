/**
 * The Statement of Applicability (`controls --soa`, Markdown and CSV) and the OSCAL assessment
 * results (`check --oscal`) through dist/cli.js. The CSV is read back by Python's csv module;
 * the OSCAL file is loaded by compliance-trestle (models generated from NIST's OSCAL schema) and
 * validated against NIST's OSCAL 1.1.2 assessment-results JSON Schema with Ajv (vendored in
 * test/fixtures/oscal/), and two runs with the same --now write the same bytes (deterministic UUIDs).
 */
import { readFile, rm } from 'node:fs/promises'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../support/action-runner.js'
import { assertBundleFresh, runCli } from '../../support/cli-runner.js'
import { pythonScript, runPythonAsync } from '../../support/python.js'
import { BLOCKED_NOW, EXAMPLE, PASSING_NOW, scratch } from '../../support/bundle-fixture.js'

const POLICY = path.join(ROOT, 'examples/credit-risk/policy.yml')
const OSCAL_SCHEMA = path.join(ROOT, 'test/fixtures/oscal/oscal_assessment-results_schema.json')
let work: string

// ajv-formats is CommonJS: depending on the loader its plugin is the default export or under it.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin

/** NIST's schema under Ajv's draft-07, strict, with formats (its `\p{L}` patterns need Unicode mode, Ajv's default). */
async function oscalValidator(): Promise<ValidateFunction> {
  const schema = JSON.parse(await readFile(OSCAL_SCHEMA, 'utf8')) as Record<string, unknown>
  expect(schema.$id).toBe('http://csrc.nist.gov/ns/oscal/1.0/oscal-ar-1.1.2-schema.json')
  const ajv = new Ajv({ strict: true, allErrors: true })
  addFormats(ajv)
  return ajv.compile(schema)
}

async function python<T>(script: string, file: string): Promise<T> {
  return JSON.parse(await runPythonAsync('audit', [pythonScript(script), file])) as T
}

beforeAll(async () => {
  await assertBundleFresh()
  work = await scratch('soa-oscal')
})

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

describe('controls --soa', () => {
  it('writes the 38 controls: applicability, justification, requirements mapped (CSV, Markdown)', async () => {
    const listed = await runCli(['controls', '--policy', POLICY, '--profile', 'production', '--json'], { cwd: work })
    expect(listed.code).toBe(0)
    const controls = (
      JSON.parse(listed.stdout) as {
        controls: {
          id: string
          applicable: boolean
          justification?: string
          requirements: { id: string; level: 'satisfies' | 'supports' }[]
          crosswalk: { 'nist-ai-rmf': string[]; 'eu-ai-act': string[] }
        }[]
      }
    ).controls
    expect(controls).toHaveLength(38)

    const csvFile = path.join(work, 'soa.csv')
    const csv = await runCli(['controls', '--policy', POLICY, '--profile', 'production', '--soa', csvFile], {
      cwd: work
    })
    expect(csv.code, csv.stderr).toBe(0)
    const rows = await python<Record<string, string>[]>('read_csv.py', csvFile)
    expect(rows).toHaveLength(38)
    expect(rows.map((r) => r.control)).toEqual(controls.map((c) => c.id))
    for (const [i, control] of controls.entries()) {
      const row = rows[i]!
      expect(row.applicable).toBe(control.applicable ? 'yes' : 'no')
      expect(row.justification).toBe(control.justification ?? '')
      expect(row.requirements).toBe(control.requirements.map((r) => r.id).join(' '))
      const satisfying = control.requirements.filter((r) => r.level === 'satisfies').map((r) => r.id)
      expect(row.satisfied_by).toBe(satisfying.join(' '))
      expect(row.supported_by).toBe(
        control.requirements
          .filter((r) => r.level === 'supports')
          .map((r) => r.id)
          .join(' ')
      )
      expect(row.nist_ai_rmf).toBe(control.crosswalk['nist-ai-rmf'].join('; '))
      expect(row.eu_ai_act).toBe(control.crosswalk['eu-ai-act'].join('; '))
      expect(row.status).toBe(
        !control.applicable
          ? 'not-applicable'
          : control.requirements.length === 0
            ? 'not-assessed'
            : satisfying.length > 0
              ? 'assessed'
              : 'supported-only'
      )
    }
    // The approval only supports deployment: without a deployment plan A.6.2.5 can never read satisfied.
    expect(rows.find((r) => r.control === 'A.6.2.5')).toMatchObject({
      status: 'supported-only',
      supported_by: 'release-approval'
    })
    expect(rows.find((r) => r.control === 'A.3.2')?.nist_ai_rmf).toBe('GOVERN 2.1')
    expect(rows.filter((r) => r.applicable === 'no').every((r) => r.justification !== '')).toBe(true)

    const mdFile = path.join(work, 'soa.md')
    const md = await runCli(['controls', '--policy', POLICY, '--profile', 'production', '--soa', mdFile], { cwd: work })
    expect(md.code).toBe(0)
    const table = (await readFile(mdFile, 'utf8')).split('\n').filter((line) => /^\| A\.\d/.test(line))
    expect(table).toHaveLength(38)
  })

  it('refuses a file that is neither .md nor .csv (exit 2)', async () => {
    const run = await runCli(['controls', '--policy', POLICY, '--soa', path.join(work, 'soa.txt')], { cwd: work })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('must end in .md (Markdown) or .csv')
  })
})

describe('check --oscal', () => {
  type Loaded = {
    valid: boolean
    error: string | null
    results: number
    observations: number
    findings: Record<string, number>
    excluded: string[]
  }

  it.each([
    ['blocked', BLOCKED_NOW],
    ['passing', PASSING_NOW]
  ])('writes assessment results trestle loads, identical on a rerun (%s)', async (name, now) => {
    const files = [1, 2].map((n) => path.join(work, `${name}-${n}.oscal.json`))
    for (const [n, file] of files.entries()) {
      const run = await runCli(
        [...EXAMPLE, '--card-dir', path.join(work, `${name}-cards-${n}`), '--now', now, '--oscal', file, '--json'],
        { cwd: work }
      )
      expect(run.code).toBe(name === 'passing' ? 0 : 1)
    }
    const [first, second] = await Promise.all(files.map((f) => readFile(f)))
    expect(first!.equals(second!)).toBe(true)
    const report = JSON.parse(
      (
        await runCli([...EXAMPLE, '--card-dir', path.join(work, `${name}-cards-r`), '--now', now, '--json'], {
          cwd: work
        })
      ).stdout
    ) as {
      requirements: unknown[]
      controls: { id: string; status: string; applicable: boolean; requirements: string[] }[]
    }
    const validate = await oscalValidator()
    const document = JSON.parse(first!.toString('utf8')) as Record<string, unknown>
    expect(validate(document), JSON.stringify(validate.errors, null, 1)).toBe(true)
    // Not vacuous: a finding state OSCAL does not define is refused.
    const forged = structuredClone(document) as {
      'assessment-results': { results: { findings: { target: { status: { state: string } } }[] }[] }
    }
    forged['assessment-results'].results[0]!.findings[0]!.target.status.state = 'passed'
    expect(validate(forged)).toBe(false)
    const loaded = await python<Loaded>('validate_oscal.py', files[0]!)
    expect(loaded.error).toBeNull()
    expect(loaded.valid).toBe(true)
    expect(loaded.results).toBe(1)
    expect(loaded.observations).toBe(report.requirements.length)
    const assessed = report.controls.filter((c) => c.applicable && c.requirements.length > 0)
    expect(loaded.findings.satisfied).toBe(assessed.filter((c) => c.status === 'satisfied').length)
    expect(loaded.findings['not-satisfied']).toBe(assessed.filter((c) => c.status !== 'satisfied').length)
    // Partial evidence is never exported as a met control: supported is not-satisfied, and says why.
    type Finding = {
      title: string
      props?: { name: string; value: string }[]
      target: { status: { state: string; reason?: string; remarks?: string } }
    }
    const oscal = JSON.parse(await readFile(files[0]!, 'utf8')) as {
      'assessment-results': { results: { findings: Finding[] }[] }
    }
    const findings = oscal['assessment-results'].results[0]!.findings
    const finding = (id: string) => findings.find((f) => f.title.startsWith(`${id} `))
    const supported = assessed.filter((c) => c.status === 'supported').map((c) => c.id)
    if (name === 'passing') expect(supported).toContain('A.6.2.5')
    for (const id of supported) {
      expect(finding(id)?.target.status).toMatchObject({ state: 'not-satisfied', reason: 'other' })
      expect(finding(id)?.target.status.remarks).toMatch(/^Supported, not satisfied: /)
    }
    expect(finding('A.6.2.4')?.props).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'eu-ai-act-article', value: 'Art. 15' })])
    )
    expect(loaded.excluded).toEqual(report.controls.filter((c) => !c.applicable).map((c) => c.id.toLowerCase()))
    if (name === 'blocked') expect(loaded.findings['not-satisfied']).toBeGreaterThan(0)
  })
})
