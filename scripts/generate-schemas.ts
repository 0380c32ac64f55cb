/**
 * Writes `schemas/policy.schema.json` and `schemas/report.schema.json` from the zod schemas.
 * Run after changing the policy language or the report:
 *
 *   node --experimental-transform-types scripts/generate-schemas.ts
 *
 * Node runs the sources directly, without a build (scripts/source-hook.mjs).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
// @ts-expect-error: a plain JavaScript module without type declarations
import { registerSourceHook } from './source-hook.mjs'

registerSourceHook()

const { schemaFiles } = (await import('./schema-files.js')) as typeof import('./schema-files.js')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
for (const file of schemaFiles()) {
  const target = join(root, file.path)
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, file.text)
  console.log(`wrote ${file.path}`)
}
