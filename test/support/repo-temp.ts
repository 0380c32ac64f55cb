/**
 * Throw-away folders below the repository's git-ignored .tmp/ (shared with other runs, so each
 * test takes its own), and a fingerprint of a folder to prove a reader wrote nothing into it.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const REPO = resolve(import.meta.dirname, '../..')

/** A fresh temporary folder below .tmp/ (removed by `removeTemp`). */
export function makeTemp(prefix: string): string {
  const base = join(REPO, '.tmp')
  mkdirSync(base, { recursive: true })
  return mkdtempSync(join(base, `${prefix}-`))
}

export function removeTemp(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
}

/** SHA-256 of every file in a folder (names included), to prove nothing was written. */
export function folderFingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    try {
      out[name] = createHash('sha256').update(readFileSync(path)).digest('hex')
    } catch {
      out[name] = 'dir'
    }
  }
  return out
}
