/**
 * The CLI entry's contract: one line per error, and the documented exit codes
 * (0 allowed · 1 blocked or evidence unreachable · 2 invalid invocation, nothing evaluated).
 */
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { CommandIO } from '../../../src/commands/command.js'
import { main } from '../../../src/entry/cli.js'

async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const io: CommandIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    cwd: process.cwd(),
    isTTY: false
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

/** A port nothing listens on: bind, read the number, close. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('aims-gate CLI entry', () => {
  it('prints the commands for --help and exits 0', async () => {
    const { code, stdout } = await cli(['--help'])
    expect(code).toBe(0)
    for (const name of ['check', 'inspect', 'diff', 'policy', 'controls']) expect(stdout).toContain(`  ${name}`)
    expect(stdout).toMatch(/Exit codes: 0 release allowed/)
  })

  it('gives each command its own --help', async () => {
    const { code, stdout } = await cli(['check', '--help'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Usage: aims-gate check/)
  })

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', '--alias', 'challenger'], /--model is required/],
    [
      ['check', '--model', 'm', '--alias', 'a', '--bogus'],
      /Unknown option '--bogus'\. Fix: see aims-gate check --help\./
    ],
    [['check', '--model', 'm', '--version', 'three'], /--version: a version is a whole number/],
    [
      ['check', '--model', 'm', '--alias', 'a', '--tracking-uri', 'sqlite:///does/not/exist.db'],
      /does\/not\/exist\.db/
    ],
    [['check', '--model', 'm', '--alias', 'a', '--tracking-uri', 'ftp://example'], /ftp/],
    [
      [
        'check',
        '--model',
        'm',
        '--alias',
        'a',
        '--tracking-uri',
        'http://127.0.0.1:1',
        '--policy',
        'no-such-policy.yml'
      ],
      /no-such-policy\.yml/
    ]
  ])('refuses %j with exit 2 and one line', async (argv, message) => {
    const { code, stderr } = await cli(argv)
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
    expect(stderr.trim().split('\n')).toHaveLength(1)
  })

  it('fails closed (exit 1) within the timeout when the server cannot be reached', async () => {
    const port = await closedPort()
    const started = Date.now()
    const { code, stderr } = await cli([
      'check',
      '--model',
      'm',
      '--alias',
      'a',
      '--tracking-uri',
      `http://127.0.0.1:${port}`,
      '--timeout',
      '1'
    ])
    expect(code).toBe(1)
    expect(stderr).toContain(`127.0.0.1:${port}`)
    // One line per retry (so a wait is never silent), then the one error line.
    const lines = stderr.trim().split('\n')
    expect(lines).toHaveLength(4)
    for (const [i, line] of lines.slice(0, 3).entries())
      expect(line).toMatch(
        new RegExp(`^aims-gate: GET .* → ECONNREFUSED: attempt ${i + 1} of 4 failed; retrying in \\d+\\.\\d s$`)
      )
    expect(lines[3]).toMatch(/^aims-gate check: GET .*cannot reach/)
    expect(Date.now() - started).toBeLessThan(30_000)
  })
})
