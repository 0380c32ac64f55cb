import { describe, expect, it } from 'vitest'
import type { CommandIO } from '../../../src/commands/command.js'
import { createInspectCommand } from '../../../src/commands/inspect.js'
import { main } from '../../../src/entry/cli.js'

function io(env: CommandIO['env'] = {}) {
  const out = { stdout: '', stderr: '' }
  const value: CommandIO = {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    env,
    cwd: process.cwd(),
    isTTY: false
  }
  return { io: value, out }
}

// Any store access would be a bug in these invocations: they must fail before opening one.
const inspect = createInspectCommand({
  openStore: async () => {
    throw new Error('store opened')
  }
})

describe('inspect invocation errors (exit 2, one line, no store opened)', () => {
  it.each([
    [['--model', 'm', '--alias', 'a'], /No MLflow tracking URI given/],
    [['--bogus'], /^aims-gate inspect: Unknown option '--bogus'\. Fix: see aims-gate inspect --help\.$/m],
    [['--model', 'm', '--tracking-uri', 'http://h:1'], /neither --version nor --alias/],
    [['models:/m@a', 'extra', '--tracking-uri', 'http://h:1'], /Unexpected argument "extra"/],
    [['models:/m/latest', '--tracking-uri', 'http://h:1'], /stages and "latest" are not supported/],
    [
      ['--model', 'm', '--version', '1', '--tracking-uri', 'http://h:1', '--timeout', '0'],
      /--timeout: must be more than 0 seconds; fix: e\.g\. --timeout 30/
    ]
  ])('%j', async (argv, pattern) => {
    const { io: value, out } = io()
    // Through the CLI entry, which reports the command's errors.
    expect(await main(['inspect', ...argv], value, [inspect])).toBe(2)
    expect(out.stderr).toMatch(pattern)
    expect(out.stderr.trim().split('\n')).toHaveLength(1)
    expect(out.stdout).toBe('')
  })

  it('prints usage for --help', async () => {
    const { io: value, out } = io()
    expect(await inspect.run(['--help'], value)).toBe(0)
    expect(out.stdout).toContain('Usage: aims-gate inspect')
  })
})
