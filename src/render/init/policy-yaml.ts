/**
 * The starter policy as YAML. The document is built by the `yaml` library from data, never by
 * joining strings, so a metric or dataset name holding quotes, `: `, `#` or a newline is quoted
 * and reads back as the same string. Comments carry only the notes' own static text.
 */
import { Document, isMap, isScalar, isSeq, visit, type Node } from 'yaml'
import type { NotePath, StarterPolicy } from '../../core/init/starter-policy.js'

const HEADER = [
  ' Starter policy written by aims-gate init from the evidence MLflow holds for one version.',
  ' Thresholds are proposals: read each one, then run aims-gate policy validate on this file.',
  ' Profiles: pull-request <- staging <- production (each inherits the one it extends).'
].join('\n')

/** The node a note belongs before: a map entry's key (so the comment sits above `key:`) or a list item. */
function noteTarget(document: Document, path: NotePath): Node | undefined {
  const parentPath = path.slice(0, -1)
  const last = path.at(-1)
  const parent = parentPath.length === 0 ? document.contents : document.getIn(parentPath, true)
  if (isSeq(parent) && typeof last === 'number') return parent.items[last] as Node | undefined
  if (!isMap(parent)) return undefined
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last)
  return isScalar(pair?.key) ? pair.key : undefined
}

export function renderPolicyYaml(policy: StarterPolicy): string {
  // Fresh nodes for repeated values: anchors and aliases (`&a1`, `*a1`) would puzzle a first reader.
  const document = new Document(policy.document, { aliasDuplicateObjects: false })
  // Lists of plain values on one line (`controls: [A.6.2.4]`), as people write policies.
  visit(document, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true
    }
  })
  for (const note of policy.notes) {
    const target = noteTarget(document, note.path)
    if (target === undefined) throw new Error(`starter policy note has no node at ${note.path.join('.')}`)
    const text = note.text
      .split('\n')
      .map((line) => ` ${line}`)
      .join('\n')
    target.commentBefore = target.commentBefore === undefined ? text : `${target.commentBefore}\n${text}`
  }
  document.commentBefore = HEADER
  return document.toString({ lineWidth: 0, flowCollectionPadding: false })
}
