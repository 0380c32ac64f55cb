/**
 * Reads the shipped sector packs (`policies/packs/<name>.yml`, next to the bundle in
 * `dist/assets/` or in the repository when running from source) for `extends: pack:…`.
 * The thin I/O edge; expanding them is pure (`core/policy/packs.ts`).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { assetPath } from '../assets.js'
import type { PackLibrary } from '../core/policy/packs.js'

export const PACKS_ASSET = 'policies/packs/'

let cached: PackLibrary | undefined

/** Every shipped pack by name; read once per process (the files are part of the installation). */
export function shippedPacks(): PackLibrary {
  if (cached !== undefined) return cached
  const dir = assetPath(PACKS_ASSET)
  const library: Record<string, string> = {}
  for (const entry of readdirSync(dir).sort()) {
    if (entry.endsWith('.yml')) library[entry.slice(0, -'.yml'.length)] = readFileSync(join(dir, entry), 'utf8')
  }
  cached = library
  return library
}
