/**
 * Errors are handled once, in each entry: a command throws, the CLI entry prints one line and,
 * with AIMS_GATE_DEBUG set, the stack, whichever command failed; the action entry decides its
 * failure line, summary and stack in one function (errorReport).
 */
import { describe, expect, it } from 'vitest'
import type { CommandIO } from '../../../src/commands/command.js'
import { createCheckCommand } from '../../../src/commands/check.js'
import { controlsCommand } from '../../../src/commands/controls.js'
import { createDiffCommand } from '../../../src/commands/diff.js'
import { createInspectCommand } from '../../../src/commands/inspect.js'
import { policyCommand } from '../../../src/commands/policy-validate.js'
import { invalid } from '../../../src/core/errors.js'
import { errorReport } from '../../../src/entry/action/github-report.js'
import { main } from '../../../src/entry/cli.js'
import type { OpenStoreOptions } from '../../../src/collect/mlflow/open-store.js'

function capture(env: CommandIO['env'] = {}) {
  const out = { stdout: '', stderr: '' }
  const io: CommandIO = {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    env,
    cwd: process.cwd(),
    isTTY: false
  }
  return { io, out }
}

const refusingStore = async (): Promise<never> => {
  throw invalid('no store in this test')
}
const COMMANDS = [
  createCheckCommand({ openStore: refusingStore }),
  createInspectCommand({ openStore: refusingStore }),
  createDiffCommand({ collectEvidence: refusingStore }),
  controlsCommand,
  policyCommand
]

// One failing invocation per command, each ending in a GateError thrown by the command.
const FAILING: [string[], RegExp][] = [
  [['check', '--model', 'm', '--alias', 'a', '--tracking-uri', 'http://127.0.0.1:1'], /no store in this test/],
  [['inspect', '--model', 'm', '--alias', 'a', '--tracking-uri', 'http://127.0.0.1:1'], /no store in this test/],
  [['diff', '--model', 'm', '--alias', 'a'], /no store in this test/],
  [['controls', '--profile', 'prod'], /did you mean "production"/],
  [['policy', 'validate', 'nope.yml'], /nope\.yml: policy file does not exist/]
]

describe('the CLI entry reports every command error once', () => {
  it.each(FAILING)('%j: one line, exit 2; with AIMS_GATE_DEBUG the stack follows', async (argv, message) => {
    const plain = capture()
    expect(await main(argv, plain.io, COMMANDS)).toBe(2)
    expect(plain.out.stderr).toMatch(message)
    expect(plain.out.stderr.trim().split('\n')).toHaveLength(1)

    const debug = capture({ AIMS_GATE_DEBUG: '1' })
    expect(await main(argv, debug.io, COMMANDS)).toBe(2)
    const [first, ...stack] = debug.out.stderr.trim().split('\n')
    expect(first).toMatch(message)
    expect(stack[0]).toMatch(/^(Gate|Policy)Error: /)
    expect(stack.some((line) => /^\s+at /.test(line))).toBe(true)
  })

  it('lets a command error escape to the entry instead of answering it itself', async () => {
    const { io } = capture()
    await expect(controlsCommand.run(['--profile', 'prod'], io)).rejects.toThrow(/did you mean "production"/)
    await expect(policyCommand.run(['validate', 'nope.yml'], io)).rejects.toThrow(/does not exist/)
  })

  it('hands check the timeout from MLFLOW_HTTP_REQUEST_TIMEOUT when no --timeout is given', async () => {
    const seen: OpenStoreOptions[] = []
    const check = createCheckCommand({
      openStore: async (_uri, _env, options) => {
        seen.push(options)
        throw invalid('stop here')
      }
    })
    const argv = ['check', '--model', 'm', '--alias', 'a', '--tracking-uri', 'http://127.0.0.1:1']
    await main(argv, capture({ MLFLOW_HTTP_REQUEST_TIMEOUT: '7' }).io, [check])
    await main([...argv, '--timeout', '3'], capture({ MLFLOW_HTTP_REQUEST_TIMEOUT: '7' }).io, [check])
    await main(argv, capture().io, [check])
    expect(seen.map((options) => options.timeoutSeconds)).toEqual([7, 3, 30])
  })
})

describe('the action entry decides its error report in one place', () => {
  it('a GateError: its message, the stack in the debug log unless AIMS_GATE_DEBUG shows it', () => {
    const error = invalid('input "model" is required; fix: add `model: …`')
    const quiet = errorReport(error, {})
    expect(quiet.failure).toBe('aims-gate: input "model" is required; fix: add `model: …`')
    expect(quiet.summary).toMatch(/the gate could not evaluate, release blocked/)
    expect(quiet.stack).toMatch(/^GateError: /)
    expect(quiet.showStack).toBe(false)
    expect(errorReport(error, { AIMS_GATE_DEBUG: '1' }).showStack).toBe(true)
  })

  it('anything else: unexpected, fail closed, with the stack', () => {
    const report = errorReport(new TypeError('boom'), { AIMS_GATE_DEBUG: '1' })
    expect(report.failure).toMatch(/^aims-gate: unexpected error: boom\. The release is blocked \(fail closed\)\./)
    expect(report.summary).toMatch(/unexpected error, release blocked/)
    expect(report.stack).toMatch(/^TypeError: boom/)
    expect(report.showStack).toBe(true)
  })
})
