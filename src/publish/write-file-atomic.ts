/**
 * Writes a file so that readers see either the old content or the new content, never a
 * half-written file: the bytes go to a temporary file in the same directory (same filesystem,
 * so the rename is atomic), are flushed to disk, and the temporary file is renamed over the
 * target. A crash before the rename leaves the target untouched; the temporary file is removed
 * on any error we live to see.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, unlink } from 'node:fs/promises'
import path from 'node:path'

export interface AtomicWriteHooks {
  /** Called after the temporary file is written and flushed, before the rename (tests use it to simulate a crash). */
  beforeRename?: (tempPath: string) => Promise<void> | void
}

/** Creates `file` (never replaces one) and flushes it to disk before returning. */
export async function writeNewFileSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx', 0o644)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  hooks: AtomicWriteHooks = {}
): Promise<void> {
  const dir = path.dirname(target)
  await mkdir(dir, { recursive: true })
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeNewFileSynced(temp, data)
    await hooks.beforeRename?.(temp)
    await rename(temp, target)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
  await syncDirectory(dir)
}

/** Flushes the directory entry so the rename itself survives a power loss (best effort: not every platform allows it).
 * */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Windows cannot open a directory for fsync; the rename is still atomic there.
  }
}
