/**
 * Recursive artifact listing on top of any `MlflowReader`, bounded so a run with a huge artifact tree
 * cannot stall the gate: breadth-first, depth- and entry-limited, sorted by path.
 */
import type { ArtifactFile } from '../../core/evidence/types.js'
import { compareCodePoints } from './record-helpers.js'
import type { MlflowReader } from './store.js'

export interface WalkLimits {
  maxEntries: number
  maxDepth: number
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxEntries: 5_000, maxDepth: 12 }

export type WalkResult =
  | { complete: true; files: ArtifactFile[] }
  | { complete: false; files: ArtifactFile[]; reason: string }

/** Every entry (directories included) below `rootUri`, paths relative to it. */
export async function walkArtifacts(
  store: Pick<MlflowReader, 'listArtifacts'>,
  rootUri: string,
  limits: WalkLimits = DEFAULT_WALK_LIMITS
): Promise<WalkResult> {
  const out: ArtifactFile[] = []
  let level: string[] = ['']
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > limits.maxDepth) {
      return { complete: false, files: sorted(out), reason: `deeper than ${limits.maxDepth} directory levels` }
    }
    const next: string[] = []
    for (const dir of level) {
      for (const entry of await store.listArtifacts(rootUri, dir)) {
        // A store that echoes the directory itself (some list calls do) must not loop forever.
        if (entry.path === dir) continue
        out.push(entry)
        if (out.length > limits.maxEntries) {
          return { complete: false, files: sorted(out), reason: `more than ${limits.maxEntries} entries` }
        }
        if (entry.isDir) next.push(entry.path)
      }
    }
    level = next
  }
  return { complete: true, files: sorted(out) }
}

function sorted(files: ArtifactFile[]): ArtifactFile[] {
  return files.sort((a, b) => compareCodePoints(a.path, b.path))
}
