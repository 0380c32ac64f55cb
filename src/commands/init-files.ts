/**
 * Writes the files `aims-gate init` produced: every target is checked before anything is written,
 * so an existing file (without --force) leaves the folder exactly as it was, and each file is
 * written atomically (a reader never sees half a policy).
 */
import { lstat } from 'node:fs/promises'
import path from 'node:path'
import { invalid } from '../core/errors.js'
import { writeFileAtomic } from '../publish/write-file-atomic.js'

export interface InitFile {
  /** Relative to the output folder, with `/` separators (as printed). */
  path: string
  text: string
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}

export async function writeInitFiles(outDir: string, files: readonly InitFile[], force: boolean): Promise<string[]> {
  if (!force) {
    for (const file of files) {
      if (await exists(path.join(outDir, file.path))) {
        throw invalid(
          `${path.join(outDir, file.path)} already exists; nothing was written. ` +
            'Fix: move it away, or pass --force to replace it.'
        )
      }
    }
  }
  const written: string[] = []
  for (const file of files) {
    await writeFileAtomic(path.join(outDir, file.path), file.text)
    written.push(file.path)
  }
  return written
}
