/** docs/controls.md states the check kind → control table; it must say what the code does. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTROL_IDS } from '../../../../src/core/controls/catalog.js'
import { CHECK_CLAIMS } from '../../../../src/core/controls/check-claims.js'

const doc = readFileSync('docs/controls.md', 'utf8')
const rows = doc.split('\n').filter((line) => /^\| `[a-z-]+` \| A\./.test(line))

describe('docs/controls.md', () => {
  it('lists every claim of every check kind with its level, and nothing else', () => {
    const documented = rows.map((row) => {
      const [kind, control, level] = row
        .split('|')
        .slice(1, 4)
        .map((cell) => cell.trim())
      return `${kind?.replaceAll('`', '')} ${control?.split(' ')[0]} ${level}`
    })
    const coded = Object.entries(CHECK_CLAIMS).flatMap(([kind, claims]) =>
      claims.map((c) => `${kind} ${c.control} ${c.level}`)
    )
    expect(documented).toEqual(coded)
  })
  it('names exactly the controls no check kind reaches', () => {
    const reached = new Set(Object.values(CHECK_CLAIMS).flatMap((claims) => claims.map((c) => c.control)))
    const unreached = CONTROL_IDS.filter((id) => !reached.has(id))
    const sentence = /The controls no check reaches \(([^)]*)\)/.exec(doc.replace(/\n/g, ' '))?.[1] ?? ''
    const expand = (item: string): string[] => {
      const range = /^A\.(\d+)\.(\d+)–A\.\1\.(\d+)$/.exec(item)
      if (range === null) return [item]
      const [, area, from, to] = range
      return Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => `A.${area}.${Number(from) + i}`)
    }
    expect(sentence.split(/,\s*/).flatMap(expand)).toEqual(unreached)
  })
})
