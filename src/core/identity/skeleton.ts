/**
 * UTS #39 skeletons: two strings are confusable when their skeletons are equal
 * (`skeleton(X) = NFD(map every code point of NFD(X) to its prototype)`, Unicode TR39 §4).
 * The prototypes are Unicode's own data (data/unicode/confusables.txt, compiled into
 * `data/unicode/confusables-map.json`, which the bundle inlines), so `dаna` with a Cyrillic а and
 * `dana` have the same skeleton.
 */
import confusables from '../../../data/unicode/confusables-map.json' with { type: 'json' }

/** Entries as SOURCE>TARGET hexadecimal code points (a target may be several). */
const CONFUSABLE_ENTRIES: readonly string[] = confusables.entries

let table: Map<number, string> | undefined

/** Code point → prototype string, built once on first use (about 6,300 entries). */
function prototypes(): Map<number, string> {
  if (table !== undefined) return table
  table = new Map()
  for (const entry of CONFUSABLE_ENTRIES) {
    const [source, target] = entry.split('>') as [string, string]
    const prototype = String.fromCodePoint(...target.split(' ').map((hex) => Number.parseInt(hex, 16)))
    table.set(Number.parseInt(source, 16), prototype)
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
