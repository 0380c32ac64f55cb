/**
 * Front-matter YAML that every reader takes back as the same values. The Hub reads cards with
 * PyYAML (YAML 1.1), where plain `2026-12-01T10:00:00Z` is a datetime, `yes`/`no`/`on` are
 * booleans, `0123` is octal and `1:20` a number: any string a YAML 1.1 or 1.2 reader would retype
 * is double-quoted. Control, bidi and invisible characters are written as YAML escapes (`\u202e`)
 * inside double quotes, so the file shows them and still reads back to the exact value.
 * Metric entries, task, dataset and tag lists are written in flow style, one line each, to keep
 * the block short.
 */
import { Document, isMap, isSeq, parse, visit, type Scalar } from 'yaml'
import { hasControls, replaceControls } from '../../../core/text/control-chars.js'

/** True when `text`, written plain, would read back as something other than this string. */
export function retypes(text: string): boolean {
  for (const version of ['1.1', '1.2'] as const) {
    try {
      if (parse(text, { version }) !== text) return true
    } catch {
      return true
    }
  }
  return false
}

/** Values that are identifiers or times: always quoted, whatever they look like today. */
const ALWAYS_QUOTED = new Set([
  'version',
  'aims_gate_version',
  'run_id',
  'commit',
  'generated_at',
  'revision',
  'policy_sha256'
])

export function frontMatterYaml(data: unknown): string {
  const doc = new Document(data)
  visit(doc, {
    Scalar(key, node: Scalar) {
      if (key === 'key' || typeof node.value !== 'string') return
      if (hasControls(node.value) || retypes(node.value)) node.type = 'QUOTE_DOUBLE'
    },
    Pair(_, pair) {
      const name = (pair.key as Scalar | null)?.value
      const value = pair.value as Scalar | null
      if (
        typeof name === 'string' &&
        ALWAYS_QUOTED.has(name) &&
        value !== null &&
        typeof value === 'object' &&
        typeof value.value === 'string'
      )
        value.type = 'QUOTE_DOUBLE'
      // `tags: [a, b]` and `metrics: [{type, value, name}, …]`: short and still plain YAML.
      if (name === 'tags' || name === 'datasets' || name === 'blocking') {
        if (isSeq(pair.value)) pair.value.flow = true
      }
      if ((name === 'task' || name === 'dataset') && isMap(pair.value)) pair.value.flow = true
      if (name === 'metrics' && isSeq(pair.value)) {
        for (const item of pair.value.items) if (isMap(item)) item.flow = true
      }
    }
  })
  // lineWidth 0: never fold long strings, so a value reads back exactly as it was logged.
  const text = doc.toString({ lineWidth: 0, minContentWidth: 0 })
  // Only double-quoted scalars can hold these characters now, and there escapes are valid YAML.
  return replaceControls(text, (c) => {
    const code = c.codePointAt(0) ?? 0
    return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
