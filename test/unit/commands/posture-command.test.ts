/** `aims-gate posture` refuses what it cannot do before reading anything (exit 2, with the fix). */
import { describe, expect, it } from 'vitest'
import type { CommandIO } from '../../../src/commands/command.js'
import { postureCommand } from '../../../src/commands/posture.js'

const io: CommandIO = { stdout: () => {}, stderr: () => {}, env: {}, cwd: process.cwd(), isTTY: false }
const run = (argv: string[]) => postureCommand.run(argv, io)

describe('aims-gate posture invocation', () => {
  it.each([
    [['--tracking-uri', 'http://127.0.0.1:9'], /--out DIR/],
    [['--tracking-uri', 'http://127.0.0.1:9', '--out', 'x', '--profile', 'p'], /--profile needs --policy/],
    [['--tracking-uri', 'sqlite:///mlflow.db', '--out', 'x'], /local store/],
    [['--tracking-uri', 'http://127.0.0.1:9', '--out', 'x', '--max-in-flight', '0'], /--max-in-flight/],
    [['--tracking-uri', 'http://127.0.0.1:9', '--out', 'x', '--alias', 'bad alias'], /--alias/],
    [['--tracking-uri', 'http://127.0.0.1:9', '--out', 'x', '--now', 'tomorrow'], /--now/]
  ])('%j is refused', async (argv, message) => {
    await expect(run(argv)).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(message) })
  })

  it('lists its options in --help', async () => {
    let out = ''
    await postureCommand.run(['--help'], { ...io, stdout: (t) => (out += t) })
    for (const flag of ['--out', '--alias', '--policy', '--max-in-flight', '--approval-max-age', '--now'])
      expect(out).toContain(flag)
  })
})
