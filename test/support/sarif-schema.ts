/**
 * The SARIF 2.1.0 JSON Schema (OASIS, as published in schemastore and shipped by npm
 * `@microsoft/jest-sarif`), compiled with Ajv in strict mode. The file declares draft-04; it uses
 * none of the keywords whose meaning changed after draft-04 (boolean exclusiveMinimum/Maximum), so
 * only its `id`/`$schema` header is restated for Ajv's draft-07 (which the test asserts).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats'

// ajv-formats is CommonJS: depending on the loader its plugin is the default export or under it.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin

const require = createRequire(import.meta.url)
export const SARIF_SCHEMA_FILE = path.join(
  path.dirname(require.resolve('@microsoft/jest-sarif/package.json')),
  'lib/schemas/sarif-2.1.0-rtm.5.json'
)

/** The compiled schema, and the schema file's text (for the assertions about its keywords). */
export async function sarifValidator(): Promise<{ validate: ValidateFunction; text: string }> {
  const text = await readFile(SARIF_SCHEMA_FILE, 'utf8')
  const { id, $schema: _draft04, ...rest } = JSON.parse(text) as Record<string, unknown>
  const schema: Record<string, unknown> = { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...rest }
  // strictRequired only lints schemas (`required` in an anyOf branch that has no `properties` of its
  // own, as the published schema writes it); it does not change what validates.
  // unicodeRegExp off: the language pattern has a stray `]`, a literal in JavaScript's non-unicode
  // regular expressions (as ECMA 262 patterns are read in JSON Schema) but an error under the `u` flag.
  const ajv = new Ajv({ strict: true, strictRequired: false, unicodeRegExp: false, allErrors: true })
  addFormats(ajv)
  return { validate: ajv.compile(schema), text }
}
