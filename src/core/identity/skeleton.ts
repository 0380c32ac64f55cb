/**
 * UTS #39 skeletons: two strings are confusable when their skeletons are equal
 * (`skeleton(X) = NFD(map every code point of NFD(X) to its prototype)`, Unicode TR39 §4).
 * The prototypes are Unicode's own data (data/unicode/confusables.txt, compiled into
 * `confusables-table.ts`), so `dаna` with a Cyrillic а and `dana` have the same skeleton.
 */
import { CONFUSABLE_ENTRIES } from './confusables-table.js'

let table: Map<number, string> | undefined

/** Code point → prototype string, built once on first use (about 6,300 entries). */
function prototypes(): Map<number, string> {
  if (table !== undefined) return table
  table = new Map()
  for (const chunk of CONFUSABLE_ENTRIES) {
    for (const entry of chunk.split(',')) {
      const [source, target] = entry.split('>') as [string, string]
      table.set(Number.parseInt(source, 16), String.fromCodePoint(...target.split(' ').map((hex) => Number.parseInt(hex, 16))))
    }
  }
  return table
}

export function skeleton(text: string): string {
  const map = prototypes()
  let mapped = ''
  for (const char of text.normalize('NFD')) {
    mapped += map.get(char.codePointAt(0)!) ?? char
  }
  return mapped.normalize('NFD')
}
