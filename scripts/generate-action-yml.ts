/**
 * Rewrites the `inputs:` section of action.yml from the option table. Run after adding or
 * changing an option the action reads:
 *
 *   npm run generate:action-yml
 *
 * Node runs the sources directly, without a build (scripts/source-hook.mjs).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
// @ts-expect-error: a plain JavaScript module without type declarations
import { registerSourceHook } from './source-hook.mjs'

registerSourceHook()

const { withGeneratedInputs } = (await import('./action-yml.js')) as typeof import('./action-yml.js')
const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'action.yml')
writeFileSync(file, withGeneratedInputs(readFileSync(file, 'utf8')))
