/**
 * Writes an evidence bundle as one step: every file goes into a fresh temporary folder beside
 * the target, is flushed, and the folder is renamed into place, so a reader (or a crash) never
 * sees half a bundle. An existing bundle at the target is replaced; any other existing folder
 * with content is refused rather than deleted.
 */
import { randomBytes, type KeyObject } from 'node:crypto'
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { buildManifest } from '../core/bundle/build-bundle.js'
import { DSSE_FILE, signEnvelope } from '../core/bundle/dsse.js'
import { externalInputs, MANIFEST_FILE } from '../core/bundle/manifest.js'
import type { Evidence } from '../core/evidence/types.js'
import { invalid } from '../core/errors.js'
import { writeNewFileSynced } from './write-file-atomic.js'

async function writeSynced(file: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeNewFileSynced(file, bytes)
}

/** Moves an existing target out of the way: only an empty folder or an earlier bundle. */
async function clearTarget(target: string, flag: string): Promise<string | undefined> {
  const info = await stat(target).catch(() => undefined)
  if (info === undefined) return undefined
  if (!info.isDirectory()) throw invalid(`${flag} ${target} exists and is not a folder; fix: name a new folder`)
  const entries = await readdir(target)
  if (entries.length === 0) {
    await rmdir(target)
    return undefined
  }
  if (!entries.includes(MANIFEST_FILE))
    throw invalid(
      `${flag} ${target} is a folder with other content (no ${MANIFEST_FILE}); fix: name a new or empty folder`
    )
  const old = `${target}.old-${randomBytes(6).toString('hex')}`
  await rename(target, old)
  return old
}

export interface WriteBundleInput {
  dir: string
  files: Map<string, Buffer>
  statement: Buffer
  evidence: Evidence
  toolVersion: string
  signingKey?: KeyObject
  /** How the user named the folder (`--bundle`, `input "bundle"`), for messages. */
  flag: string
}

export async function writeBundle(input: WriteBundleInput): Promise<string> {
  const target = path.resolve(input.dir)
  const files = new Map(input.files)
  if (input.signingKey !== undefined) {
    const envelope = signEnvelope(input.statement, input.signingKey)
    files.set(DSSE_FILE, Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`, 'utf8'))
  }
  files.set(MANIFEST_FILE, buildManifest(files, externalInputs(input.evidence), input.toolVersion))
  await mkdir(path.dirname(target), { recursive: true })
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  )
  try {
    for (const [name, bytes] of files) await writeSynced(path.join(temp, ...name.split('/')), bytes)
    const old = await clearTarget(target, input.flag)
    await rename(temp, target)
    if (old !== undefined) await rm(old, { recursive: true, force: true })
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
  return target
}
