/**
 * Python's jsonschema, a second validator independent of Ajv, reads the shipped report schema
 * the same way on real and forged reports.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { EvidenceBuilder } from '../../support/evidence-builder.js'
import { pythonScript, REPO_ROOT, runPython } from '../../support/python.js'
import { reportSchemaErrors } from '../../support/report-schema.js'
import { FORGERIES, reportFor } from '../../support/schema-forgeries.js'

/** Python jsonschema's verdict on each document (a second, independent validator). */
function pythonErrors(schema: 'report' | 'policy', documents: unknown[]): string[][] {
  const schemaFile = path.join(REPO_ROOT, `schemas/${schema}.schema.json`)
  const out = runPython('oracles', [pythonScript('validate_json_schema.py'), schemaFile], {
    input: JSON.stringify(documents)
  })
  return JSON.parse(out) as string[][]
}

describe('shipped JSON Schemas under Python jsonschema', () => {
  it('Python jsonschema agrees with Ajv on real and forged reports', () => {
    const documents = [
      reportFor(EvidenceBuilder.passing()),
      reportFor(EvidenceBuilder.passing().metric('roc_auc', 0.5).noChampion()),
      ...FORGERIES.map(([, r]) => r)
    ]
    const python = pythonErrors('report', documents)
    expect(python.map((errors) => errors.length === 0)).toEqual(
      documents.map((d) => reportSchemaErrors(d).length === 0)
    )
    expect(python.slice(0, 2)).toEqual([[], []])
    for (const errors of python.slice(2)) expect(errors.join('\n')).toMatch(/A\.99\.bogus|is not one of/)
  })
})
