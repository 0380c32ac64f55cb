/**
 * Writes `schemas/policy.schema.json` and `schemas/report.schema.json` from the zod schemas.
 * Run after changing the policy language or the report:
 *
 *   node --experimental-transform-types scripts/generate-schemas.ts
 *
 * Sources import each other with `.js` specifiers (as tsc wants); the resolve hook below maps them
 * to the `.ts` files so Node runs the sources directly, without a build.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL !== undefined) {
      const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL)
      if (existsSync(fileURLToPath(candidate))) return nextResolve(candidate.href, context)
    }
    return nextResolve(specifier, context)
  }
})

const { schemaFiles } = (await import('./schema-files.js')) as typeof import('./schema-files.js')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
for (const file of schemaFiles()) {
  const target = join(root, file.path)
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, file.text)
  console.log(`wrote ${file.path}`)
}
