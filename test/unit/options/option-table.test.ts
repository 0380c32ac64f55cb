/**
 * The option table read by the CLI and the action: one parse per value, the environment
 * fallback in between the flag/input and the default, and messages that name the option the
 * way its surface spells it (`--timeout` on the command line, `input "timeout"` in a workflow).
 */
import { describe, expect, it } from 'vitest'
import { refusal } from '../../support/gate-refusal.js'
import { readActionInputs, inputVariable } from '../../../src/options/action-inputs.js'
import { parseCommandLine, type CliCommand } from '../../../src/options/cli-options.js'
import { optionsHelp } from '../../../src/options/help.js'
import { OPTIONS } from '../../../src/options/option-table.js'
import { optionsOf } from '../../../src/options/read-options.js'

const action = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  readActionInputs({ ...env, ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v])) })

const COMMANDS: CliCommand[] = [
  'check',
  'promote',
  'rollback',
  'inspect',
  'diff',
  'controls',
  'policy validate',
  'init',
  'posture'
]

describe('the --timeout option, parsed once with its environment fallback', () => {
  const check = (argv: string[], env: Record<string, string> = {}) => parseCommandLine('check', argv, env, true).values

  it('takes the flag, else MLFLOW_HTTP_REQUEST_TIMEOUT, else 30 (CLI)', () => {
    expect(check(['--timeout', '5'], { MLFLOW_HTTP_REQUEST_TIMEOUT: '7' }).timeoutSeconds).toBe(5)
    expect(check([], { MLFLOW_HTTP_REQUEST_TIMEOUT: '7' }).timeoutSeconds).toBe(7)
    expect(check([], { MLFLOW_HTTP_REQUEST_TIMEOUT: '  ' }).timeoutSeconds).toBe(30)
    expect(check([]).timeoutSeconds).toBe(30)
    expect(parseCommandLine('inspect', [], { MLFLOW_HTTP_REQUEST_TIMEOUT: '9' }).values.timeoutSeconds).toBe(9)
  })

  it('takes the input, else MLFLOW_HTTP_REQUEST_TIMEOUT, else 30 (action)', () => {
    expect(action({ model: 'm', timeout: '5' }, { MLFLOW_HTTP_REQUEST_TIMEOUT: '7' }).options.timeoutSeconds).toBe(5)
    expect(action({ model: 'm', timeout: '' }, { MLFLOW_HTTP_REQUEST_TIMEOUT: '7' }).options.timeoutSeconds).toBe(7)
    expect(action({ model: 'm' }).options.timeoutSeconds).toBe(30)
  })

  it('names the flag in the CLI, the input in the action and the variable when it is to blame', () => {
    expect(refusal(() => check(['--timeout', 'soon'])).message).toBe(
      '--timeout is "soon", which is not a number of seconds; fix: e.g. --timeout 30'
    )
    expect(refusal(() => check(['--timeout=-1'])).message).toBe(
      '--timeout: must be more than 0 seconds; fix: e.g. --timeout 30.'
    )
    expect(refusal(() => action({ model: 'm', timeout: '-1' })).message).toBe(
      'input "timeout": must be more than 0 seconds; fix: e.g. timeout: 30.'
    )
    expect(refusal(() => check([], { MLFLOW_HTTP_REQUEST_TIMEOUT: 'soon' })).message).toBe(
      'MLFLOW_HTTP_REQUEST_TIMEOUT is "soon", which is not a number of seconds; ' +
        'fix: e.g. MLFLOW_HTTP_REQUEST_TIMEOUT=30'
    )
  })
})

describe('messages name the option as its surface spells it', () => {
  it('never names a CLI flag in an action message', () => {
    const cases: Record<string, string>[] = [
      { model: 'm', version: 'latest' },
      { model: 'm', alias: 'a b' },
      { model: 'm', 'write-back': 'yes' },
      { model: 'm', deadline: 'later' },
      { model: 'm', 'promote-to': '../x' },
      { model: 'm', 'policy-ref': 'main' }
    ]
    for (const inputs of cases) {
      const message = refusal(() => action(inputs)).message
      expect(message, JSON.stringify(inputs)).toMatch(/^input "[a-z-]+"/)
      expect(message).not.toMatch(/--[a-z]/)
    }
  })

  it('names the flag on the command line', () => {
    expect(refusal(() => parseCommandLine('check', ['--version', 'three'], {})).message).toBe(
      '--version: a version is a whole number such as 3.'
    )
    expect(refusal(() => parseCommandLine('promote', ['--expect-current', 'latest'], {})).message).toMatch(
      /^--expect-current is "latest"; fix: copy promotion.expectedCurrent/
    )
  })

  it('refuses a flag given twice, a value on a switch and a missing value (exit 2)', () => {
    for (const argv of [['--to', 'a', '--to', 'b'], ['--write-back=yes'], ['--to'], ['--expect-current', '--json']]) {
      const error = refusal(() => parseCommandLine('promote', argv, {}))
      expect(error.exitCode, argv.join(' ')).toBe(2)
      expect(error.message).toMatch(/Fix: see aims-gate promote --help\.$/)
    }
    expect(parseCommandLine('inspect', ['--document', 'a', '--document', 'b'], {}).values.documents).toEqual(['a', 'b'])
  })
})

describe('the table is the one list of options', () => {
  it.each(COMMANDS)('%s --help lists exactly the flags it parses', (command) => {
    const help = optionsHelp(command)
    for (const [, spec] of optionsOf(command)) {
      if (spec.flag !== undefined) expect(help).toContain(`  --${spec.flag}`)
    }
    const listed = [...help.matchAll(/^ {2}(?:-h, )?--([a-z-]+)/gm)].map((m) => m[1])
    const flags = optionsOf(command).flatMap(([, spec]) => (spec.flag === undefined ? [] : [spec.flag]))
    expect(listed.sort()).toEqual([...flags, 'help'].sort())
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(100)
  })

  it('gives each flag and each input to one option per command', () => {
    for (const command of [...COMMANDS, 'action'] as const) {
      const specs = optionsOf(command).map(([, spec]) => spec)
      const flags = specs.flatMap((s) => (s.flag === undefined ? [] : [s.flag]))
      const inputs = specs.flatMap((s) => (s.input === undefined || command !== 'action' ? [] : [s.input]))
      expect(new Set(flags).size, command).toBe(flags.length)
      expect(new Set(inputs).size, command).toBe(inputs.length)
    }
  })

  it('reads each default through the option schema', () => {
    for (const [key, spec] of Object.entries(OPTIONS)) {
      if (spec.default === undefined || spec.kind === 'list') continue
      const coerced = { seconds: Number(spec.default), boolean: spec.default === 'true', string: spec.default }
      const raw = coerced[spec.kind]
      expect(spec.schema.safeParse(raw).success, key).toBe(true)
    }
  })
})
