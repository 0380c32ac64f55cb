/**
 * The CLI entry: argv in, exit code out. It only picks the sub-command; each command reads its
 * own options (src/options/). Errors are reported here, once. The only place besides the action
 * entry that knows about process-level concerns.
 */
import { EXIT, GateError, type ExitCode } from '../core/errors.js'
import type { Command, CommandIO } from '../commands/command.js'
import { redactedIO } from '../commands/redacted-io.js'
import { COMMANDS } from '../commands/registry.js'
import { VERSION } from '../version.js'
import { showControls, showControlsInline } from '../core/text/control-chars.js'

export function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    `aims-gate ${VERSION}: gate ML model releases in MLflow on ISO/IEC 42001 Annex A controls.`,
    '',
    'Usage: aims-gate <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `aims-gate <command> --help` for the options of a command.',
    '',
    'Exit codes: 0 release allowed · 1 release blocked (including evidence that could not be',
    'fetched) · 2 invalid invocation or configuration (nothing evaluated) · 130/143 interrupted.'
  ].join('\n')
}

/** Finds the command named by the first one or two words (`policy validate`). */
function findCommand(argv: string[], commands: readonly Command[]): { command: Command; rest: string[] } | undefined {
  const two = argv.slice(0, 2).join(' ')
  const byTwo = commands.find((c) => c.name === two)
  if (byTwo) return { command: byTwo, rest: argv.slice(2) }
  const byOne = commands.find((c) => c.name === argv[0])
  return byOne ? { command: byOne, rest: argv.slice(1) } : undefined
}

export async function main(
  argv: string[],
  rawIO: CommandIO,
  commands: readonly Command[] = COMMANDS
): Promise<ExitCode> {
  // Before anything is printed: no line, ours or a server's, may show a credential.
  const io = redactedIO(rawIO, argv)
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    ;(argv.length === 0 ? io.stderr : io.stdout)(`${usage(commands)}\n`)
    return argv.length === 0 ? EXIT.invalid : EXIT.allowed
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.stdout(`${VERSION}\n`)
    return EXIT.allowed
  }
  const found = findCommand(argv, commands)
  if (!found) {
    const names = commands.map((c) => c.name).join(', ')
    io.stderr(
      `aims-gate: unknown command "${showControlsInline(argv[0] ?? '')}". ` +
        `Commands: ${names}. Run \`aims-gate --help\`.\n`
    )
    return EXIT.invalid
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    io.stdout(`${found.command.usage}\n`)
    return EXIT.allowed
  }
  try {
    return await found.command.run(found.rest, io)
  } catch (error) {
    return reportError(error, io, found.command.name, found.command.errorPrefix ?? true)
  }
}

/**
 * The one place a command's error is reported: one line for a person (a GateError's message, or
 * the first line of anything else), and the stack when AIMS_GATE_DEBUG is set.
 */
export function reportError(error: unknown, io: CommandIO, commandName: string, prefix = true): ExitCode {
  if (error instanceof GateError) {
    io.stderr(`${prefix ? `aims-gate ${commandName}: ` : ''}${showControls(error.message)}\n`)
    if (io.env.AIMS_GATE_DEBUG) io.stderr(`${showControls(error.stack ?? '')}\n`)
    return error.exitCode
  }
  // One line: a library's multi-line message (a stack in disguise) is cut at its first line.
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
  io.stderr(
    `aims-gate ${commandName}: unexpected error: ${showControls(message)}. The release is blocked (fail closed). ` +
      'Set AIMS_GATE_DEBUG=1 for details and report it if it persists.\n'
  )
  if (io.env.AIMS_GATE_DEBUG && error instanceof Error) io.stderr(`${showControls(error.stack ?? '')}\n`)
  return EXIT.blocked
}
