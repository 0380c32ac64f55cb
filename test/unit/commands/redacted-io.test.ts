/**
 * The CLI entry scrubs its own output: a command (or a server's echo inside an error line) cannot
 * print the credentials from the environment or from a tracking URI on the command line.
 */
import { describe, expect, it } from 'vitest'
import type { Command, CommandIO } from '../../../src/commands/command.js'
import { main } from '../../../src/entry/cli.js'
import { evidenceError } from '../../../src/core/errors.js'

function capture(env: Record<string, string>): { io: CommandIO; out: () => string } {
  let text = ''
  return {
    io: { stdout: (t) => (text += t), stderr: (t) => (text += t), env, cwd: '/', isTTY: false },
    out: () => text
  }
}

describe('redacted CLI output', () => {
  it('hides the token, the URI password and the Basic form in stdout, stderr and error lines', async () => {
    const basic = Buffer.from('ci:pw-secret-42').toString('base64')
    const echo: Command = {
      name: 'echo',
      summary: '',
      usage: '',
      async run(_argv, io) {
        io.stdout(`token tok-secret-41 and Basic ${basic}\n`)
        io.stderr('password pw-secret-42\n')
        throw evidenceError(`server said: Authorization: Bearer tok-secret-41; user info ci:pw-secret-42`)
      }
    }
    const { io, out } = capture({ MLFLOW_TRACKING_TOKEN: 'tok-secret-41' })
    const code = await main(['echo', '--tracking-uri', 'http://ci:pw-secret-42@host:5000'], io, [echo])
    expect(code).toBe(1)
    expect(out()).not.toMatch(/secret-4|Y2k6cHctc2VjcmV0/)
    expect(out()).toContain('***')
  })
})
