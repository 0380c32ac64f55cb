/**
 * Keeps local-store reads inside the store. Checking a path's text is not enough: a symlink
 * inside the artifact folder (`impact_assessment.md` → `/etc/passwd`, `eval/` → a folder
 * elsewhere, or the run's `artifacts/` folder itself) would make any file on the machine evidence.
 * So the real path (every symlink on the way resolved) of whatever is read or listed must stay
 * inside the real path of the folder that holds the store's artifacts.
 */
import { realpathSync } from 'node:fs'
import { basename, dirname, isAbsolute, relative, sep } from 'node:path'

/** True when `target` is `folder` or below it (both already absolute and normalised). */
export function isInside(folder: string, target: string): boolean {
  const rel = relative(folder, target)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/** The real path of `path`, or of its deepest existing ancestor when it does not exist yet. */
export function realOrAncestor(path: string): string {
  let current = path
  for (;;) {
    try {
      const real = realpathSync(current)
      return current === path ? real : `${real}${sep}${relative(current, path)}`
    } catch (error) {
      const parent = dirname(current)
      // A dangling symlink or an absent file: judge the folder it would be in.
      if (parent === current || (error as { code?: string }).code !== 'ENOENT') return current
      current = parent
    }
  }
}

/**
 * Whether `dir` lies below `storeDir`: by its text, or by real paths (MLflow records the real
 * working folder, which may differ from how the tracking URI names the store). Judged on the
 * recorded path *without* following a symlink at its end, so a run folder that is itself a link
 * out of the store still counts as below the store, and is then refused by `escapesTo`.
 */
export function isBelowStore(storeDir: string, dir: string): boolean {
  if (isInside(storeDir, dir)) return true
  return isInside(realOrAncestor(storeDir), `${realOrAncestor(dirname(dir))}${sep}${basename(dir)}`)
}

/**
 * Undefined when `target`'s real location is inside the real location of every `container`;
 * otherwise where it really leads (for the message).
 */
export function escapesTo(target: string, containers: readonly string[]): string | undefined {
  const real = realOrAncestor(target)
  for (const container of containers) {
    if (!isInside(realOrAncestor(container), real)) return real
  }
  return undefined
}
