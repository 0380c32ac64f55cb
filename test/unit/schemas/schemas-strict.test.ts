/**
 * The shipped JSON Schemas compile under Ajv strict (draft 2020-12) and check what they claim:
 * a control id outside Annex A fails wherever one appears in a report, and the policy's
 * statement of applicability only takes Annex A ids as keys. (Python's jsonschema, a second
 * validator: test/oracle/schemas.)
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { CONTROL_IDS } from '../../../src/core/controls/catalog.js'
import { EvidenceBuilder } from '../../support/evidence-builder.js'
import { compileStrict, readShippedSchema, reportSchemaErrors } from '../../support/report-schema.js'
import { FORGERIES, reportFor } from '../../support/schema-forgeries.js'

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
      properties: {
        requirements: { items: { properties: { controls: { items: { enum: string[] } } } } }
        controls: { items: { properties: { id: { enum: string[] } } } }
      }
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
})

function parsePolicyYaml(file: string): Record<string, unknown> {
  return parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>
}
