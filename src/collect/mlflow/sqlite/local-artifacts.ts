/**
 * Lists and reads artifacts in a local folder the way MLflow's `LocalArtifactRepository` answers
 * `artifacts/list`: one level, paths relative to the artifact root, sizes for files only, an
 * absent folder (or a file) listed as empty. An entry that is a symbolic link leading out of the
 * store is listed with `outside` (why) and never followed; reads through one are refused.
 */
import { copyFileSync, type Dirent, readdirSync, readFileSync, statSync } from 'node:fs'
import type { ArtifactFile } from '../../../core/evidence/types.js'
import { invalid } from '../../../core/errors.js'
import { compareCodePoints } from '../record-helpers.js'
import { artifactPath, type ResolvedRoot } from './artifact-root.js'
import { escapesTo } from './containment.js'

export function listLocalArtifacts(root: ResolvedRoot, rootUri: string, relPath: string): ArtifactFile[] {
  const dir = artifactPath(root, relPath, rootUri)
  const prefix = relPath
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/')
  let entries: Dirent[]
  try {
    if (!statSync(dir).isDirectory()) return []
    entries = readdirSync(dir, { withFileTypes: true })
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return []
    throw invalid(
      `Cannot list artifacts "${prefix}" of "${rootUri}" in "${dir}" ` +
        `(${codeOf(error)}). Fix: check the folder's permissions.`,
      error
    )
  }
  const files: ArtifactFile[] = []
  for (const entry of entries) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    const full = `${dir}/${entry.name}`
    if (entry.isSymbolicLink()) {
      // Listed (so a document or model file that is such a link is reported by name) but marked,
      // never followed: nothing outside the store is read.
      const real = escapesTo(full, [root.container, root.boundary])
      if (real !== undefined) {
        files.push({
          path,
          isDir: false,
          outside: `it is a symbolic link to "${real}", outside the store's artifact folder`
        })
        continue
      }
    }
    // Follow symlinks that stay inside, like Python's os.path.isdir/getsize do.
    const stat = statSync(full, { throwIfNoEntry: false })
    if (stat === undefined) continue
    files.push(stat.isDirectory() ? { path, isDir: true } : { path, isDir: false, size: stat.size })
  }
  return files.sort((a, b) => compareCodePoints(a.path, b.path))
}

export function readLocalArtifact(root: ResolvedRoot, rootUri: string, relPath: string): Uint8Array {
  return withArtifactFile(root, rootUri, relPath, (file) => new Uint8Array(readFileSync(file)))
}

/** Copies an artifact file (the kernel copies it; nothing is held in memory). */
export function copyLocalArtifact(root: ResolvedRoot, rootUri: string, relPath: string, destination: string): void {
  withArtifactFile(root, rootUri, relPath, (file) => copyFileSync(file, destination))
}

function withArtifactFile<T>(root: ResolvedRoot, rootUri: string, relPath: string, use: (file: string) => T): T {
  const file = artifactPath(root, relPath, rootUri)
  try {
    return use(file)
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'EISDIR') || isErrno(error, 'ENOTDIR')) {
      throw invalid(
        `Artifact "${relPath}" of "${rootUri}" not found (looked at "${file}"). Fix: ` +
          `check the path in the run's artifacts; if the store was copied, copy its ` +
          `artifact folder (mlruns/ or mlartifacts/) along with it (see ` +
          `docs/local-store.md).`,
        error
      )
    }
    throw invalid(
      `Cannot read artifact "${relPath}" of "${rootUri}" at "${file}" ` +
        `(${codeOf(error)}). Fix: check the file's permissions.`,
      error
    )
  }
}

function isErrno(error: unknown, code: string): boolean {
  return codeOf(error) === code
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : String(error)
}
