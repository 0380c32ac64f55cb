/** The compiled confusables map is exactly what the generator makes of Unicode's data file. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs build script without type declarations
import { renderConfusablesTable } from '../../../../scripts/generate-confusables.mjs'

describe('confusables table', () => {
  it('matches data/unicode/confusables.txt (regenerate: node scripts/generate-confusables.mjs)', () => {
    const render = renderConfusablesTable as (text: string) => string
    const expected = render(readFileSync('data/unicode/confusables.txt', 'utf8'))
    expect(readFileSync('data/unicode/confusables-map.json', 'utf8')).toBe(expected)
  })
})
