/**
 * Where an artifact root URI recorded in a local MLflow store lives on this machine.
 *
 * - `mlflow-artifacts:/<path>` (written through a server with `--artifacts-destination`) →
 *   `<artifacts destination>/<path>`; the destination defaults to `<store folder>/mlartifacts`,
 *   MLflow server's own default.
 * - `file:///abs`, `/abs` → used as is when the folder exists. Otherwise the store was copied or
 *   moved, and the root is relocated: the longest suffix of the recorded path that starts at an
 *   `mlruns` or `mlartifacts` component (tried below the store folder) or at an experiment id (all
 *   digits; tried below the store folder, its mlruns/ and the artifacts destination) and exists wins.
 *   `/old/place/mlruns/1/<run>/artifacts` → `<store folder>/mlruns/1/<run>/artifacts`.
 * - relative paths are taken relative to the store folder.
 * - `models:/m-…` → the logged model's artifact location; `runs:/<id>/<path>` → the run's root + path.
 * - remote schemes (s3://, gs://, …) are not local: the caller gets an 'evidence' error.
 */
import { existsSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evidenceError, invalid } from '../../../core/errors.js'
import { escapesTo, isBelowStore, isInside as inside } from './containment.js'

export interface ArtifactRootContext {
  /** Folder holding the database file. */
  storeDir: string
  /** Absolute folder behind `mlflow-artifacts:/`. */
  artifactsDestination: string
  /** Artifact location of a logged model (`undefined` when unknown). */
  loggedModelLocation(modelId: string): string | undefined
  /** Artifact URI of a run (`undefined` when unknown). */
  runArtifactUri(runId: string): string | undefined
}

export interface ResolvedRoot {
  /** Absolute local folder (may not exist: a run that logged no artifacts has none). */
  dir: string
  /** Folder `mlflow-artifacts:/` or relocation confined the root to; reads never leave it. */
  boundary: string
  /**
   * The store's artifact folder the root lies in (the artifacts destination, or the store folder
   * for roots below it). Real paths (symlinks resolved) of everything read must stay inside it
   * and inside `boundary`, so a symlinked run folder cannot lead out either.
   */
  container: string
}

const STORE_FOLDERS = /^(mlruns|mlartifacts)$/
const EXPERIMENT_ID = /^\d+$/
const MAX_INDIRECTIONS = 3

export function resolveArtifactRoot(rootUri: string, context: ArtifactRootContext, depth = 0): ResolvedRoot {
  const uri = rootUri.trim().replace(/\/+$/, '')
  if (depth > MAX_INDIRECTIONS) {
    throw invalid(
      `Artifact root "${rootUri}" refers to itself through models:/ or runs:/ URIs. ` +
        `Fix: check the model version's source in the registry.`
    )
  }
  const model = /^models:\/(m-[0-9a-f]{32})(?:\/(.*))?$/.exec(uri)
  if (model?.[1]) {
    const location = context.loggedModelLocation(model[1])
    if (location === undefined) {
      throw invalid(
        `Logged model ${model[1]} (from "${rootUri}") is not in this local MLflow ` +
          `store. Fix: check that the tracking URI names the store the model was logged to.`
      )
    }
    return resolveArtifactRoot(joinUri(location, model[2]), context, depth + 1)
  }
  const run = /^runs:\/([0-9a-f]+)(?:\/(.*))?$/.exec(uri)
  if (run?.[1]) {
    const location = context.runArtifactUri(run[1])
    if (location === undefined) {
      throw invalid(
        `Run ${run[1]} (from "${rootUri}") is not in this local MLflow store. Fix: ` +
          `check that the tracking URI names the store the run was logged to.`
      )
    }
    return resolveArtifactRoot(joinUri(location, run[2]), context, depth + 1)
  }
  const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?(\/.*)?$/.exec(uri)
  if (proxied) {
    const boundary = resolve(context.artifactsDestination)
    const dir = resolve(boundary, `.${decodePath(proxied[1] ?? '')}`)
    if (!inside(boundary, dir)) throw traversal(rootUri, boundary)
    return { dir, boundary, container: boundary }
  }
  // A recorded root that climbs with ".." was not written by MLflow (it records resolved paths):
  // resolving it would quietly move the root anywhere on the machine.
  if (decodePath(uri).split(/[\\/]/).includes('..')) throw dotDotRoot(rootUri)
  if (/^file:/i.test(uri)) return local(fileUriToPath(uri, rootUri), context)
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri)) {
    const scheme = uri.slice(0, uri.indexOf(':'))
    throw evidenceError(
      `Artifact root "${rootUri}" is remote (${scheme}), and the local-store reader ` +
        `only reads artifacts on this machine. Fix: read this store through an MLflow ` +
        `server that can reach the artifacts (--tracking-uri http://…).`
    )
  }
  return local(isAbsolute(uri) ? uri : resolve(context.storeDir, uri), context)
}

/**
 * An absolute local path, relocated when it no longer exists. Candidates, longest suffix first:
 * a suffix starting at `mlruns`/`mlartifacts` is tried below the store folder; one starting at an
 * experiment id (digits) below the store folder, its `mlruns/` and the artifacts destination.
 */
function local(path: string, context: ArtifactRootContext): ResolvedRoot {
  const recorded = resolve(path)
  // Below the store folder, the store folder contains it; a root recorded elsewhere (an absolute
  // --default-artifact-root) contains itself.
  const contained = (dir: string): ResolvedRoot => ({
    dir,
    boundary: dir,
    container: isBelowStore(resolve(context.storeDir), dir) ? resolve(context.storeDir) : dir
  })
  if (isDir(recorded)) return contained(recorded)
  const segments = recorded.split(sep).filter((s) => s !== '')
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string
    const suffix = segments.slice(i)
    const bases = STORE_FOLDERS.test(segment)
      ? [context.storeDir]
      : EXPERIMENT_ID.test(segment)
        ? [context.storeDir, join(context.storeDir, 'mlruns'), context.artifactsDestination]
        : []
    for (const base of bases) {
      const candidate = join(base, ...suffix)
      if (isDir(candidate)) return contained(candidate)
    }
  }
  return contained(recorded)
}

/**
 * `<root>/<relPath>` for a path relative to an artifact root; `..`, absolute paths and anything
 * that would leave the root are refused (an artifact path comes from policies and MLmodel files).
 */
export function artifactPath(root: ResolvedRoot, relPath: string, rootUri: string): string {
  const parts = relPath.split('/').filter((s) => s !== '' && s !== '.')
  if (relPath.startsWith('/') || parts.some((s) => s === '..' || s.includes('\\')))
    throw traversal(`${rootUri} + ${relPath}`, root.dir)
  const target = join(root.dir, ...parts)
  if (!inside(root.boundary, target)) throw traversal(`${rootUri} + ${relPath}`, root.boundary)
  const real = escapesTo(target, [root.container, root.boundary])
  if (real !== undefined) throw symlinkEscape(`${rootUri} + ${relPath}`, real, root.container)
  return target
}

function fileUriToPath(uri: string, rootUri: string): string {
  try {
    // file:/abs (one slash) is what MLflow writes on some platforms; URL parsing accepts both forms.
    return fileURLToPath(new URL(uri.replace(/^file:(?!\/\/)/i, 'file://')))
  } catch (error) {
    throw invalid(
      `Artifact root "${rootUri}" is not a valid file: URI. Fix: check the ` +
        `experiment's artifact location in the store.`,
      error
    )
  }
}

/** Percent-decoding as MLflow's URI handling does; a malformed escape is kept literally. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

function joinUri(base: string, rest: string | undefined): string {
  return rest ? `${base.replace(/\/+$/, '')}/${rest}` : base
}

function isDir(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory()
  } catch {
    return false
  }
}

function traversal(what: string, boundary: string) {
  return invalid(
    `Artifact path "${what}" points outside its artifact root "${boundary}", which ` +
      `is refused. Fix: use a path relative to the run's artifact root without "..".`
  )
}

/** The reason an artifact that leads out of the store through a symlink is refused. */
export function symlinkEscape(what: string, real: string, container: string) {
  return invalid(
    `Artifact "${what}" leads outside the store's artifact folder "${container}" ` +
      `through a symbolic link (it resolves to "${real}"), so it is not evidence and ` +
      `is refused. Fix: log the file itself as a run artifact (mlflow.log_artifact ` +
      `copies it); symlinks out of the store are never read.`
  )
}

function dotDotRoot(rootUri: string) {
  return invalid(
    `Artifact root "${rootUri}" contains "..", which MLflow never records; it could ` +
      `point anywhere on this machine, so it is refused. Fix: check the run's artifact ` +
      `location and the version's source in the store.`
  )
}
