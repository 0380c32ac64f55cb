/**
 * Every temporary folder aims-gate makes (downloaded models, evaluation data) is made here, so
 * one place knows them all: commands remove theirs on every path, and the process guard removes
 * whatever is left when a signal or a crash ends the process before a `finally` could run.
 */
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

const live = new Set<string>()

/** A new folder `<tmpdir>/aims-gate-<purpose>-XXXXXX` (TMPDIR is honoured), registered for removal. */
export async function makeTempFolder(purpose: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), `aims-gate-${purpose}-`))
  live.add(folder)
  return folder
}

export async function removeTempFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true })
  live.delete(folder)
}

/** Runs `work` with a fresh temporary folder and removes it however `work` ends. */
export async function withTempFolder<T>(purpose: string, work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await makeTempFolder(purpose)
  try {
    return await work(folder)
  } finally {
    await removeTempFolder(folder)
  }
}

/**
 * Synchronous, for signal and crash handlers that exit right after: removes every folder still
 * registered. Never throws (a folder that cannot be removed must not hide why the process ends).
 */
export function removeAllTempFoldersSync(): void {
  for (const folder of live) {
    try {
      rmSync(folder, { recursive: true, force: true })
    } catch {
      // best effort: the process is ending either way
    }
    live.delete(folder)
  }
}

/** The folders not yet removed (for tests). */
export function liveTempFolders(): string[] {
  return [...live]
}
