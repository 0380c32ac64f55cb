/**
 * Reads an evidence bundle folder into memory: every regular file by its `/`-separated path.
 * A symlink or special file is reported, never followed (it could point anywhere on the
 * auditor's machine); a folder that is not there, or holds no manifest, is unusable (exit 2).
 */
import { lstat, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { invalid } from '../core/errors.js'
import { MANIFEST_FILE } from '../core/bundle/manifest.js'

/** Far above any bundle aims-gate writes (model files and data are bound by digest, not copied). */
const MAX_FILE_BYTES = 256 * 1024 * 1024

export interface BundleFolder {
  files: Map<string, Buffer>
  /** Entries that are not regular files (symlinks, devices), by path. */
  strange: string[]
}

export async function readBundleFolder(dir: string): Promise<BundleFolder> {
  const info = await lstat(dir).catch(() => undefined)
  if (info === undefined || !info.isDirectory())
    throw invalid(`${dir} is not a folder; fix: give the folder check --bundle wrote`)
  const files = new Map<string, Buffer>()
  const strange: string[] = []
  const walk = async (relative: string[]): Promise<void> => {
    for (const entry of (await readdir(path.join(dir, ...relative), { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1
    )) {
      const parts = [...relative, entry.name]
      const name = parts.join('/')
      if (entry.isDirectory()) await walk(parts)
      else if (!entry.isFile()) strange.push(name)
      else {
        const full = path.join(dir, ...parts)
        const size = (await lstat(full)).size
        if (size > MAX_FILE_BYTES)
          throw invalid(`${name} in the bundle is ${size} bytes, more than any bundle holds; fix: check the folder`)
        files.set(name, await readFile(full))
      }
    }
  }
  await walk([])
  if (!files.has(MANIFEST_FILE))
    throw invalid(
      `${dir} has no ${MANIFEST_FILE}, so it is no evidence bundle; fix: give the folder check --bundle wrote`
    )
  return { files, strange }
}
