/**
 * Parsed YAML document → plain data, refusing the two ways anchors and aliases attack a reader:
 *
 * - a "billion laughs" document (anchors of lists of aliases of anchors…) that a few hundred bytes
 *   long expands to gigabytes: the `yaml` library counts alias expansions and stops at
 *   `MAX_ALIAS_COUNT` (its resource-exhaustion guard), which becomes a policy problem;
 * - an alias with no anchor (`*x` before or without `&x`): a policy problem too, on its line.
 *
 * Either way the result is a `PolicyProblem` naming the file and the fix, never a thrown library
 * error (which the CLI would report as an unexpected error, exit 1, without the file).
 */
import { isAlias, visit, type Document, type LineCounter } from 'yaml'
import type { PolicyProblem } from './policy-problems.js'

/**
 * Alias expansions allowed while building the data. The library's measure is, per anchor, the
 * times it is used × the size of its value in aliases (1 for a plain value, the product for
 * aliases of aliases), so a plain shared value (a `controls:` list) may be reused up to 100 times
 * while aliases of aliases, which is what makes a document expand exponentially, pass 100 within a
 * few levels. Aliased collections are shared objects, but the schema walks every use, so the
 * bound is what keeps validation time small. 100 is also the library's default.
 */
export const MAX_ALIAS_COUNT = 100

export type YamlData = { kind: 'data'; value: unknown } | { kind: 'problem'; problem: PolicyProblem }

export function yamlToData(doc: Document, lineCounter: LineCounter, file: string): YamlData {
  try {
    return { kind: 'data', value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) }
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error)
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(text)
    if (unresolved !== null) {
      const name = unresolved[1] ?? ''
      return problem(
        file,
        firstAliasLine(doc, lineCounter, name),
        `YAML alias *${name} refers to no anchor; fix: define &${name} on a value above it, or write the value out`
      )
    }
    if (/Excessive alias count/i.test(text)) {
      return problem(
        file,
        firstAliasLine(doc, lineCounter, undefined),
        `YAML aliases expand to more than ${MAX_ALIAS_COUNT} copies (nested anchors and ` +
          `aliases, a "billion laughs" document); fix: write the values out instead of ` +
          `aliasing aliases`
      )
    }
    return problem(
      file,
      undefined,
      `YAML cannot be turned into data (${text.split('\n')[0] ?? text}); fix: ` +
        `simplify the YAML (plain mappings, lists and scalars)`
    )
  }
}

function problem(file: string, line: number | undefined, message: string): YamlData {
  return { kind: 'problem', problem: { file, ...(line === undefined ? {} : { line }), path: '', message } }
}

/** Line of the first alias (of `name`, when given), for the problem's location. */
function firstAliasLine(doc: Document, lineCounter: LineCounter, name: string | undefined): number | undefined {
  let offset: number | undefined
  visit(doc, (_, node) => {
    if (isAlias(node) && (name === undefined || node.source === name)) {
      offset = node.range?.[0]
      return visit.BREAK
    }
    return undefined
  })
  return offset === undefined ? undefined : lineCounter.linePos(offset).line
}
