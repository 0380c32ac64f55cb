/**
 * dist/cli.js on a Node.js too old for aims-gate: one line with the fix and exit 2 (invalid
 * invocation), no stack, before the CLI proper (which imports node:sqlite) is loaded. Run on a real
 * older Node when the machine has one on its PATH, and always on Node 24 told it is older.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { unsupportedNode } from '../../src/entry/node-support.js'
import { assertBundleFresh, CLI } from '../support/cli-runner.js'

const NODE = resolve('node_modules/.bin/node')
const exec = promisify(execFile)

async function run(node: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(node, args, { env: { PATH: process.env.PATH ?? '' } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

function nodeVersion(node: string): string | undefined {
  try {
    return execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}

/** A Node.js binary on this machine older than aims-gate supports (the system's, say), if any. */
function olderNode(): { node: string; version: string } | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '' && !dir.includes('node_modules'))
  for (const node of [...dirs.map((dir) => join(dir, 'node')), '/usr/bin/node', '/usr/local/bin/node']) {
    const version = existsSync(node) ? nodeVersion(node) : undefined
    if (version !== undefined && unsupportedNode(version) !== undefined) return { node, version }
  }
  return undefined
}

const older = olderNode()
// Node 24 with process.versions.node rewritten before the bin entry runs.
const pretend = (version: string): string[] => [
  '--import',
  `data:text/javascript,Object.defineProperty(process.versions,"node",{value:${JSON.stringify(version)}})`
]

function expectRefused(outcome: { code: number; stdout: string; stderr: string }, version: string): void {
  expect(outcome.code).toBe(2)
  expect(outcome.stdout).toBe('')
  expect(outcome.stderr).toBe(`${unsupportedNode(version)}\n`)
  expect(outcome.stderr).not.toMatch(/ERR_UNKNOWN_BUILTIN_MODULE|\n\s+at /)
}

beforeAll(async () => {
  await assertBundleFresh()
})

describe('dist/cli.js on an unsupported Node.js', () => {
  it.skipIf(older === undefined)(`prints one line and exits 2 on this machine's Node ${older?.version}`, async () => {
    expectRefused(await run(older!.node, [CLI, '--help']), older!.version)
  })

  it.each(['20.11.1', '22.15.1', '23.11.0'])('prints one line and exits 2 on Node %s', async (version) => {
    expectRefused(await run(NODE, [...pretend(version), CLI, 'check', '--model', 'm', '--alias', 'a']), version)
  })

  it('runs on Node 24', async () => {
    const outcome = await run(NODE, [CLI, '--help'])
    expect(outcome.code).toBe(0)
    expect(outcome.stdout).toContain('Usage: aims-gate <command> [options]')
    expect(outcome.stderr).toBe('')
  })

  it('names the fix in one line when node:sqlite is switched off', async () => {
    const outcome = await run(NODE, ['--no-experimental-sqlite', CLI, '--help'])
    expect(outcome.code).toBe(2)
    expect(outcome.stderr).toMatch(/^aims-gate: could not start: .*node:sqlite.*--no-experimental-sqlite.*\n$/)
  })
})
