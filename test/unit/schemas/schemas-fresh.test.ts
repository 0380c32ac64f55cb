import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { schemaFiles } from '../../../scripts/schema-files.js'

describe('shipped JSON Schemas', () => {
  for (const file of schemaFiles()) {
    it(
      `${file.path} matches the zod schema (regenerate: node ` +
        `--experimental-transform-types scripts/generate-schemas.ts)`,
      () => {
        expect(readFileSync(file.path, 'utf8')).toBe(file.text)
      }
    )
  }
  it('offers the control ids to editors', () => {
    const policy = JSON.parse(readFileSync('schemas/policy.schema.json', 'utf8')) as {
      properties: { controls: { propertyNames: { enum: string[] } } }
    }
    expect(policy.properties.controls.propertyNames.enum).toHaveLength(38)
  })
})
