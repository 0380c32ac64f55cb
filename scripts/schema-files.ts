/**
 * The JSON Schema files shipped in `schemas/`, generated from the zod schemas so they can never
 * drift from what the code accepts (a unit test fails when the committed files are stale).
 *
 * The policy schema describes the *input* (what a person writes, defaults optional) so editors
 * autocomplete it; the report and posture schemas describe the *output* the gate writes.
 */
import { z } from 'zod'
import { CONTROL_IDS } from '../src/core/controls/catalog.js'
import { controlIdSchema } from '../src/core/policy/requirement-base.js'
import { policySchema } from '../src/core/policy/schema.js'
import { reportSchema } from '../src/render/report-schema.js'
import { postureSchema } from '../src/render/posture/posture-schema.js'

export interface SchemaFile {
  /** Repository-relative path. */
  path: string
  text: string
}

function render(schema: z.ZodType, io: 'input' | 'output', id: string, title: string): string {
  const json = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    // Control ids are validated in code (to name the nearest real one); editors get the list.
    override: (ctx) => {
      if (ctx.zodSchema === controlIdSchema) ctx.jsonSchema.enum = [...CONTROL_IDS]
    }
  })
  // The policy's statement of applicability is keyed by control id: constrain the property names
  // too. (The report's `controls` is an array, where `propertyNames` would check nothing.)
  const controls = (
    json as { properties?: Record<string, { type?: unknown; propertyNames?: Record<string, unknown> }> }
  ).properties?.controls
  if (controls?.type === 'object') controls.propertyNames = { enum: [...CONTROL_IDS] }
  return `${JSON.stringify({ ...json, $id: id, title }, null, 2)}\n`
}

export function schemaFiles(): SchemaFile[] {
  return [
    {
      path: 'schemas/policy.schema.json',
      text: render(policySchema, 'input', 'https://aims-gate.dev/schemas/policy.schema.json', 'aims-gate policy')
    },
    {
      path: 'schemas/report.schema.json',
      text: render(reportSchema, 'output', 'https://aims-gate.dev/schemas/report.schema.json', 'aims-gate report')
    },
    {
      path: 'schemas/posture.schema.json',
      text: render(postureSchema, 'output', 'https://aims-gate.dev/schemas/posture.schema.json', 'aims-gate posture')
    }
  ]
}
