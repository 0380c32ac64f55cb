/**
 * File names for model pages. A model name is untrusted registry text: it may hold `/`, `..`,
 * `\`, NUL, quotes, `<script>`, any script, or differ from another name only in case (which a
 * case-insensitive file system or GitHub Pages' URLs would merge). Every name becomes
 * `<ascii slug>-<8 hex digits of its SHA-256>.html`: only `[a-z0-9-]`, never a path separator or
 * a dot segment, and two different names never share a file (the digest tells them apart, and a
 * digest collision among the names of one report still gets a numbered suffix).
 */
import { createHash } from 'node:crypto'

const MAX_SLUG = 48

/** The readable part: ASCII letters and digits of the name, lower-cased, runs of others as `-`. */
function slug(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '')
  return ascii === '' ? 'model' : ascii
}

const digest = (name: string): string => createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8)

/**
 * Model name → page file name (without folder), for every model of the report. Names are taken
 * in sorted order so the mapping does not depend on the order models were listed in.
 */
export function modelFileNames(names: readonly string[]): Map<string, string> {
  const files = new Map<string, string>()
  const used = new Set<string>()
  for (const name of [...new Set(names)].sort()) {
    const base = `${slug(name)}-${digest(name)}`
    let file = `${base}.html`
    for (let n = 2; used.has(file); n += 1) file = `${base}-${n}.html`
    used.add(file)
    files.set(name, file)
  }
  return files
}
