// Lets Node run the TypeScript sources directly (with --experimental-transform-types): they import
// each other with `.js` specifiers, as tsc wants, and this resolve hook maps those to the `.ts`
// files that exist. Used by the generate scripts, which read the sources without a build.
import { existsSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { fileURLToPath } from 'node:url'

export function registerSourceHook() {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL !== undefined) {
        const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL)
        if (existsSync(fileURLToPath(candidate))) return nextResolve(candidate.href, context)
      }
      return nextResolve(specifier, context)
    }
  })
}
