/** No module in src/ imports itself through others (type-only imports included). */
import path from 'node:path'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterAll, describe, expect, it } from 'vitest'
import { importCycles } from '../../scripts/import-cycles.js'

const temp = mkdtempSync(path.join(tmpdir(), 'import-cycles-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

function tree(name: string, files: Record<string, string>): string {
  const root = path.join(temp, name)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }
  return root
}

describe('import cycles', () => {
  it('src/ has none', () => {
    expect(importCycles(path.resolve(import.meta.dirname, '../../src'))).toEqual([])
  })

  it('finds a type-only cycle across folders, and a re-export', () => {
    const root = tree('cyclic', {
      'a/http.ts': "import { stream } from './stream.js'\nexport type Fetch = () => void\n",
      'a/stream.ts': "import type { Fetch } from './http.js'\nexport const stream = 1\n",
      'b/one.ts': "export * from '../c/two.js'\n",
      'c/two.ts': "export { x } from '../b/one.js'\n",
      'd/leaf.ts': "import { readFile } from 'node:fs'\nimport '../a/http.js'\n"
    })
    expect(importCycles(root)).toEqual([
      ['a/http.ts', 'a/stream.ts', 'a/http.ts'],
      ['b/one.ts', 'c/two.ts', 'b/one.ts']
    ])
  })

  it('counts a dynamic import', () => {
    const root = tree('dynamic', { 'x.ts': "export const y = () => import('./y.js')\n", 'y.ts': "import './x.js'\n" })
    expect(importCycles(root)).toEqual([['x.ts', 'y.ts', 'x.ts']])
  })
})
