/**
 * The shipped JSON Schemas compile under Ajv strict (draft 2020-12) and check what they claim:
 * a control id outside Annex A fails wherever one appears in a report, and the policy's
 * statement of applicability only takes Annex A ids as keys.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parsePolicy } from '../../../src/core/policy/parse-policy.js'
import { resolveProfile } from '../../../src/core/policy/resolve-profile.js'
import { evaluate } from '../../../src/core/verdict/evaluate.js'
import { EvidenceBuilder, NOW } from '../../support/evidence-builder.js'
import { withExampleRecompute } from '../../support/example-recompute.js'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { CONTROL_IDS } from '../../../src/core/controls/catalog.js'
import { buildReport } from '../../../src/render/report.js'
import { compileStrict, readShippedSchema, reportSchemaErrors } from '../../support/report-schema.js'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const policy = parsePolicy(readFileSync('examples/credit-risk/policy.yml', 'utf8'), 'examples/credit-risk/policy.yml')
const profile = resolveProfile(policy, 'production')

function reportFor(builder: EvidenceBuilder): Record<string, unknown> {
  const run = builder.build().candidate.run
  const evidence = withExampleRecompute(builder, run.kind === 'present' ? run.value.metrics['roc_auc']?.value.value : undefined)
  const report = buildReport({ verdict: evaluate(profile, evidence, { now: NOW }), evidence, profile: profile.name, policy: profile.policy, now: NOW })
  return JSON.parse(JSON.stringify(report)) as Record<string, unknown>
}

/** Python jsonschema's verdict on each document (a second, independent validator). */
function pythonErrors(schema: 'report' | 'policy', documents: unknown[]): string[][] {
  const out = execFileSync(path.join(ROOT, '.venvs/oracles/bin/python'), [path.join(ROOT, 'test/python/validate_json_schema.py'), path.join(ROOT, `schemas/${schema}.schema.json`)], {
    input: JSON.stringify(documents)
  })
  return JSON.parse(out.toString('utf8')) as string[][]
}

type Mutable = { requirements: { controls: string[] }[]; controls: { id: string }[] }

function forged(mutate: (report: Mutable) => void): Record<string, unknown> {
  const report = reportFor(EvidenceBuilder.passing())
  mutate(report as unknown as Mutable)
  return report
}

const FORGERIES: [string, Record<string, unknown>][] = [
  ['a requirement citing A.99.bogus', forged((r) => r.requirements[0]?.controls.push('A.99.bogus'))],
  ['a statement-of-applicability row for A.99.bogus', forged((r) => { if (r.controls[0]) r.controls[0].id = 'A.99.bogus' })],
  ['a control id with a trailing space', forged((r) => { if (r.controls[0]) r.controls[0].id = `${CONTROL_IDS[0]} ` })],
  ['a control id in another case', forged((r) => r.requirements[0]?.controls.splice(0, 1, 'a.6.2.4'))]
]

describe('shipped JSON Schemas under Ajv strict (draft 2020-12)', () => {
  it('both compile in strict mode', () => {
    expect(() => compileStrict(readShippedSchema('report'))).not.toThrow()
    expect(() => compileStrict(readShippedSchema('policy'))).not.toThrow()
  })

  it('a real report validates, passing and blocked', () => {
    expect(reportSchemaErrors(reportFor(EvidenceBuilder.passing()))).toEqual([])
    expect(reportSchemaErrors(reportFor(EvidenceBuilder.passing().metric('roc_auc', 0.5).noChampion()))).toEqual([])
  })

  it.each(FORGERIES)('rejects %s', (_, report) => {
    expect(reportSchemaErrors(report).join('\n')).toMatch(/must be equal to one of the allowed values/)
  })

  it('lists exactly the 38 Annex A ids wherever a report holds a control id', () => {
    const schema = readShippedSchema('report') as {
      properties: { requirements: { items: { properties: { controls: { items: { enum: string[] } } } } }; controls: { items: { properties: { id: { enum: string[] } } } } }
    }
    expect(schema.properties.requirements.items.properties.controls.items.enum).toEqual([...CONTROL_IDS])
    expect(schema.properties.controls.items.properties.id.enum).toEqual([...CONTROL_IDS])
    expect(CONTROL_IDS).toHaveLength(38)
  })

  it('a policy keying its statement of applicability by a made-up control fails', () => {
    const validate = compileStrict(readShippedSchema('policy'))
    const source = parsePolicyYaml('examples/credit-risk/policy.yml')
    expect(validate(source), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ ...source, controls: { 'A.99.bogus': { applicable: false, justification: 'x' } } })).toBe(false)
  })

  it('Python jsonschema agrees with Ajv on real and forged reports', () => {
    const documents = [reportFor(EvidenceBuilder.passing()), reportFor(EvidenceBuilder.passing().metric('roc_auc', 0.5).noChampion()), ...FORGERIES.map(([, r]) => r)]
    const python = pythonErrors('report', documents)
    expect(python.map((errors) => errors.length === 0)).toEqual(documents.map((d) => reportSchemaErrors(d).length === 0))
    expect(python.slice(0, 2)).toEqual([[], []])
    for (const errors of python.slice(2)) expect(errors.join('\n')).toMatch(/A\.99\.bogus|is not one of/)
  })
})

function parsePolicyYaml(file: string): Record<string, unknown> {
  return parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>
}
