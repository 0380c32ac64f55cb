/**
 * How the governing policy and its change are shown: weakening above the verdict, hostile text
 * from the policy inert in Markdown and on a terminal, long lists cut with a count.
 */
import { describe, expect, it } from 'vitest'
import {
  policyChangeLines,
  policyDetailsMarkdown,
  policyWarningMarkdown
} from '../../../src/render/policy-change-markdown.js'
import { BASE, entry, HOSTILE_CHANGE, section } from '../../support/policy-change-fixtures.js'

describe('policy change rendering', () => {
  it('puts the weakening in a warning that says which version the verdict used', () => {
    const md = policyWarningMarkdown(section([entry('requirement auc: min lowered (0.8 → 0.5)')]))
    expect(md.split('\n')[0]).toBe('> [!WARNING]')
    expect(md).toContain('The verdict below ignores them')
    expect(md).toContain('> - requirement auc: min lowered \\(0.8 → 0.5\\)')
    expect(policyWarningMarkdown(section([entry('x')], 'working-tree'))).toContain(
      'computed with these weaker rules (`policy-ref: head`)'
    )
  })

  it('shows no warning without weakening, and lists the other changes collapsed', () => {
    const s = section([entry('requirement auc: min raised (0.8 → 0.9)', 'strengthened')])
    expect(policyWarningMarkdown(s)).toBe('')
    expect(policyDetailsMarkdown(s)).toMatch(
      /<details>\n<summary>Other policy changes against commit ba5e00000000: 1 strengthened, 0 not ranked<\/summary>/
    )
  })

  it('keeps text from the policy inert (HTML, mentions, a line break starting a heading)', () => {
    // Also read by GitHub's renderer: test/oracle/render/policy-change-gfm.test.ts.
    const md = policyWarningMarkdown(section([entry(HOSTILE_CHANGE)]))
    expect(md).not.toContain('<script>')
    expect(md).toContain('`@acme/everyone`')
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toEqual([])
  })

  it('keeps terminal escapes out of the terminal lines', () => {
    const lines = policyChangeLines(section([entry('control marked not applicable (\u001b[2J\u001b[32mall good)')]))
    expect(lines.join('\n')).not.toContain('\u001b')
    expect(lines[0]).toBe(
      `Policy: evaluated as in the pull request's base commit ${BASE.slice(0, 12)} (policies/gate.yml)`
    )
  })

  it('cuts a long list with a count and a pointer to the report', () => {
    const md = policyWarningMarkdown(section(Array.from({ length: 100 }, (_, i) => entry(`change ${i}`))))
    expect(md).toContain('change 39')
    expect(md).not.toContain('change 40')
    expect(md).toContain('… and 60 more in the JSON report (policy.change).')
  })

  it('states why no comparison was made', () => {
    const md = policyDetailsMarkdown({
      governing: section([]).governing,
      change: { status: 'unavailable', reason: 'the pull request adds the policy' }
    })
    expect(md).toContain('Policy change not compared: the pull request adds the policy.')
  })
})
