import { describe, expect, it } from 'vitest'
import { createDiffCommand } from '../../../src/commands/diff.js'
import type { Command, CommandIO } from '../../../src/commands/command.js'
import { main } from '../../../src/entry/cli.js'
import { missing } from '../../../src/core/evidence/items.js'
import { buildCardDiff, renderCardDiffMarkdown } from '../../../src/render/card-diff.js'
import { fixtureDocumentation, fixtureEvidence } from '../../support/card-fixtures.js'

/** Runs the command through the CLI entry, which reports its errors (as `aims-gate diff` does). */
const run = (command: Command, argv: string[], out: CommandIO) => main(['diff', ...argv], out, [command])

function io(): CommandIO & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: '.', isTTY: false }
}

describe('buildCardDiff', () => {
  const evidence = fixtureEvidence()
  const champion = evidence.champion.kind === 'present' ? evidence.champion.value : undefined
  if (champion === undefined) throw new Error('fixture has a champion')

  it('lists metrics with deltas, changed datasets and edited sections', () => {
    const diff = buildCardDiff({
      candidate: evidence.candidate,
      champion,
      candidateDocumentation: fixtureDocumentation(),
      championDocumentation: fixtureDocumentation({ limitations: 'Older.', users: 'Underwriters.' })
    })
    expect(diff.metrics.find((m) => m.key === 'roc_auc')).toEqual({
      key: 'roc_auc',
      candidate: 0.8731,
      champion: 0.861,
      change: 'changed'
    })
    expect(diff.metrics.find((m) => m.key === 'log_loss')?.change).toBe('removed')
    expect(diff.datasets).toEqual([
      { name: 'adult-eval', candidateDigest: '7b4e0d22', championDigest: 'aa11bb22', change: 'changed' },
      { name: 'adult-train', candidateDigest: '3f2a9c1d', championDigest: '3f2a9c1d', change: 'unchanged' }
    ])
    expect(diff.sections?.filter((s) => s.change !== 'unchanged')).toEqual([
      { id: 'users', title: 'Users', change: 'removed' },
      { id: 'limitations', title: 'Limitations', change: 'changed' }
    ])
    const markdown = renderCardDiffMarkdown(diff)
    expect(markdown).toContain('| roc\\_auc | 0.8731 | 0.861 | +0.0121 | changed |')
    expect(markdown).toContain('| adult-eval | digest changed | 7b4e0d22 | aa11bb22 |')
    expect(markdown).toContain('- Documentation: Limitations edited')
    expect(markdown).toContain('- Documentation: Users removed')
  })

  it('says when documentation could not be compared', () => {
    expect(renderCardDiffMarkdown(buildCardDiff({ candidate: evidence.candidate, champion }))).toContain(
      "Documentation not compared: the champion's documentation was not available."
    )
  })
})

describe('aims-gate diff', () => {
  it('prints the diff for the injected evidence', async () => {
    const requests: unknown[] = []
    const command = createDiffCommand({
      collectEvidence: async (request) => {
        requests.push({ ref: request.ref, baselineAlias: request.baselineAlias })
        return fixtureEvidence()
      }
    })
    const out = io()
    expect(await command.run(['--model', 'credit-risk', '--alias', 'challenger'], out)).toBe(0)
    expect(requests).toEqual([{ ref: { model: 'credit-risk', alias: 'challenger' }, baselineAlias: 'champion' }])
    expect(out.out.join('')).toContain('## Changes from credit-risk v2 (champion)')
  })

  it('prints JSON with --json and honours --against', async () => {
    const command = createDiffCommand({ collectEvidence: async () => fixtureEvidence() })
    const out = io()
    expect(await command.run(['--model', 'credit-risk', '--version', '3', '--against', 'prod', '--json'], out)).toBe(0)
    const diff = JSON.parse(out.out.join('')) as { baselineAlias: string; championVersion: string }
    expect(diff).toMatchObject({ baselineAlias: 'prod', championVersion: '2' })
  })

  it('exits 2 naming the fix when no version holds the alias', async () => {
    const evidence = fixtureEvidence()
    evidence.champion = missing('not-found', 'Alias "champion" is not set on credit-risk.')
    const command = createDiffCommand({ collectEvidence: async () => evidence })
    const out = io()
    expect(await run(command, ['--model', 'credit-risk', '--version', '3'], out)).toBe(2)
    expect(out.err.join('')).toMatch(
      /No version of credit-risk to compare with: Alias "champion" is not set on credit-risk\. Fix: pass --against/
    )
  })

  it('exits 2 on an unknown flag', async () => {
    const out = io()
    const command = createDiffCommand({ collectEvidence: async () => fixtureEvidence() })
    expect(await run(command, ['--modle', 'x'], out)).toBe(2)
    expect(out.err.join('')).toMatch(/aims-gate diff: Unknown option '--modle'\. Fix: see aims-gate diff --help\./)
  })
})
