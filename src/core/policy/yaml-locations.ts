/**
 * Maps a path in the parsed YAML to its line, so problems and requirement results can point at
 * the exact place in the policy file (annotations on the pull request use this).
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'
import type { YamlPath } from './policy-problems.js'

/** 1-based line of the deepest existing node along `path` (a missing key points at its parent). */
export function lineOf(doc: Document, lineCounter: LineCounter, path: YamlPath): number | undefined {
  let node: unknown = doc.contents
  let offset: number | undefined = rangeStart(node)
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
      if (pair === undefined) break
      // Point at the key (`min:`), which is where a reader looks.
      offset = rangeStart(pair.key) ?? offset
      node = pair.value
      if (isMap(node) || isSeq(node)) offset = rangeStart(pair.key) ?? offset
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment]
      if (item === undefined) break
      node = item
      offset = rangeStart(item) ?? offset
    } else {
      break
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range
  return Array.isArray(range) ? range[0] : undefined
}
