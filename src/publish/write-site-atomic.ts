/**
 * Writes a whole static site so readers never see a mix of old and new files: every file goes
 * into a staging folder beside DIR (same filesystem), flushed, then the staging folder takes DIR's
 * place (the old one is moved aside first and removed after; between the two renames there is,
 * for an instant, no DIR: Node has no atomic exchange of two folders). A failure before the swap
 * leaves DIR as it was. DIR is only ever replaced when it is empty or holds an earlier posture
 * site (`marker` present): pointing `--out` at a folder of other files is refused, not emptied.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { invalid } from '../core/errors.js'
import { writeNewFileSynced } from './write-file-atomic.js'

/** What no segment may hold: separators, drive colons, control characters (names come from the registry). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const UNSAFE_SEGMENT = /[\\:\u0000-\u001f\u007f]/

/** A relative path of plain segments: nothing that could climb out of the site folder. */
function checkedRelative(rel: string): string[] {
  const parts = rel.split('/')
  if (parts.some((p) => p === '' || p === '.' || p === '..' || UNSAFE_SEGMENT.test(p))) {
    throw new Error(`site file name "${rel}" is not a plain relative path`)
  }
  return parts
}

async function replaceable(dir: string, marker: string): Promise<boolean> {
  let entries: string[]
  try {
    if (!(await stat(dir)).isDirectory()) return false
    entries = await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true
    throw error
  }
  return entries.length === 0 || entries.includes(marker)
}

/**
 * `files` is consumed one entry at a time (a generator renders each page as it is written, so
 * only the page being written is held); a path given twice is refused rather than overwritten.
 */
export async function writeSiteAtomic(
  dir: string,
  files: Iterable<readonly [string, string]>,
  marker: string
): Promise<string[]> {
  const target = path.resolve(dir)
  if (!(await replaceable(target, marker))) {
    throw invalid(
      `--out ${dir} exists and is not an earlier posture site (no ${marker} in it); the posture replaces the ` +
        'whole folder. Fix: pass an empty or new folder.'
    )
  }
  const parent = path.dirname(target)
  await mkdir(parent, { recursive: true })
  const tag = `${process.pid}.${randomBytes(6).toString('hex')}`
  const staging = path.join(parent, `.${path.basename(target)}.staging.${tag}`)
  const old = path.join(parent, `.${path.basename(target)}.old.${tag}`)
  await mkdir(staging)
  try {
    const written = new Set<string>()
    for (const [rel, text] of files) {
      if (written.has(rel)) throw new Error(`site file name "${rel}" was produced twice`)
      written.add(rel)
      const file = path.join(staging, ...checkedRelative(rel))
      await mkdir(path.dirname(file), { recursive: true })
      await writeNewFileSynced(file, text)
    }
    let moved = false
    try {
      await rename(target, old)
      moved = true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    try {
      await rename(staging, target)
    } catch (error) {
      if (moved) await rename(old, target)
      throw error
    }
    if (moved) await rm(old, { recursive: true, force: true })
    return [...written].sort()
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    throw error
  }
}
