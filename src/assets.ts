/**
 * Finds files that ship with the tool (default policy, card templates, JSON schemas).
 * In the bundle they sit in `dist/assets/` (copied by scripts/package.mjs, so `dist/` works on its
 * own); when running from source they are the repository's own folders.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const CANDIDATE_ROOTS = [
  // dist/index.js or dist/cli.js → dist/assets/
  new URL('./assets/', import.meta.url),
  // src/assets.ts → repository root
  new URL('../', import.meta.url)
]

/** Absolute path of a shipped asset such as `policies/default.yml`. */
export function assetPath(relative: string): string {
  for (const root of CANDIDATE_ROOTS) {
    const candidate = fileURLToPath(new URL(relative, root))
    if (existsSync(candidate)) return candidate
  }
  throw new Error(`shipped file ${relative} is missing from this installation; reinstall aims-gate`)
}
