import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SUPPORTED_NODE_RANGE, unsupportedNode } from '../../../src/entry/node-support.js'

describe('unsupportedNode', () => {
  it.each(['22.16.0', '22.21.1', '24.0.0', '24.21.0', '25.2.1', '26.0.0'])('accepts Node %s', (version) => {
    expect(unsupportedNode(version)).toBeUndefined()
  })

  // 22.13-22.15 and 23.4+ have node:sqlite unflagged but not its `timeout` option or isTransaction.
  it.each(['18.20.8', '20.20.2', '21.7.3', '22.5.0', '22.13.0', '22.15.1', '23.4.0', '23.11.1'])(
    'refuses Node %s in one line naming the version and the fix',
    (version) => {
      const line = unsupportedNode(version)
      expect(line).toContain(`this is Node.js ${version}`)
      expect(line).toContain('22.16')
      expect(line).toMatch(/Fix: install Node\.js 24/)
      expect(line).not.toContain('\n')
    }
  )

  it('is the range package.json declares in engines', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines?: { node?: string } }
    expect(pkg.engines?.node).toBe(SUPPORTED_NODE_RANGE)
  })
})
