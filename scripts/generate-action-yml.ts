/**
 * Rewrites the `inputs:` section of action.yml from the option table. Run after adding or
 * changing an option the action reads:
 *
 *   npm run generate:action-yml
 *
 * Sources import each other with `.js` specifiers (as tsc wants); the resolve hook below maps them
 * to the `.ts` files so Node runs the sources directly, without a build.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
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

const { withGeneratedInputs } = (await import('./action-yml.js')) as typeof import('./action-yml.js')
const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'action.yml')
writeFileSync(file, withGeneratedInputs(readFileSync(file, 'utf8')))
