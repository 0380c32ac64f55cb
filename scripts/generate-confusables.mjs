/**
 * Writes `data/unicode/confusables-map.json` from Unicode's `data/unicode/confusables.txt`
 * (UTS #39 confusable mappings). The identity rule imports it as JSON, so the bundle carries the data
 * and the pure core reads no file; as data it stays out of the source-file size limits.
 * Run after replacing the data file with a newer Unicode release:
 *
 *   node scripts/generate-confusables.mjs
 *
 * test/unit/core/identity/confusables-table.test.ts fails when the map is not what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** The JSON map's text for the given confusables.txt text: each entry is SOURCE>TARGET in hexadecimal. */
export function renderConfusablesTable(text) {
  const version = /^# Version: (\S+)/m.exec(text)?.[1] ?? 'unknown'
  const entries = []
  for (const raw of text.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.replace(/#.*$/, '').trim()
    if (line === '') continue
    const [source, target] = line.split(';').map((field) => field.trim())
    if (!/^[0-9A-F]+$/.test(source) || !/^[0-9A-F]+( [0-9A-F]+)*$/.test(target))
      throw new Error(`unreadable line: ${raw}`)
    entries.push(`${source}>${target}`)
  }
  const map = {
    source: 'data/unicode/confusables.txt (Unicode data licence: data/unicode/README.md)',
    version,
    entries
  }
  return `${JSON.stringify(map, null, 1)}\n`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = readFileSync(`${root}data/unicode/confusables.txt`, 'utf8')
  writeFileSync(`${root}data/unicode/confusables-map.json`, renderConfusablesTable(text))
}
