/**
 * The shipped JSON Schemas compiled with Ajv 8 in strict mode (draft 2020-12, with formats), so
 * every report a test reads is checked against `schemas/report.schema.json` exactly as a
 * consumer would check it, independently of the zod schema it was generated from.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats'
import { expect } from 'vitest'
import type { Report } from '../../src/render/report-schema.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

// ajv-formats is CommonJS: depending on the loader its plugin is the default export or under it.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin

export function readShippedSchema(name: 'report' | 'policy' | 'posture'): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as Record<string, unknown>
}

/** Compiles a shipped schema with Ajv strict; throws on any strict-mode complaint. */
export function compileStrict(schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  addFormats(ajv)
  return ajv.compile(schema)
}

let reportValidator: ValidateFunction | undefined

/** The errors Ajv finds in a report (empty when it is valid). */
export function reportSchemaErrors(report: unknown): string[] {
  reportValidator ??= compileStrict(readShippedSchema('report'))
  if (reportValidator(report)) return []
  return (reportValidator.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`
  )
}

/** Asserts a written report (parsed JSON or its text) validates against the shipped report schema. */
export function expectValidReport(report: unknown): void {
  const json = typeof report === 'string' ? (JSON.parse(report) as unknown) : report
  expect(reportSchemaErrors(json), 'report does not match schemas/report.schema.json').toEqual([])
}

/** Parses a written report's text and asserts it matches the shipped schema. */
export function parseValidReport<T = Report>(text: string): T {
  const json = JSON.parse(text) as unknown
  expectValidReport(json)
  return json as T
}
