/**
 * A CLI sub-command. The CLI entry parses nothing itself beyond the command name: each command
 * reads its options from the option table (src/options/) and returns an exit code from `EXIT`;
 * errors it throws are reported once, by the entry.
 * Commands write through `io` so tests can capture output; they never call process.exit.
 */
import { EXIT, type ExitCode } from '../core/errors.js'
import { parseCommandLine, type CliCommand, type CommandLine } from '../options/cli-options.js'

export interface CommandIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Record<string, string | undefined>
  cwd: string
  /** True when stdout is a terminal (progress bars, colours). */
  isTTY: boolean
  /** The terminal's width in columns, when the output is a terminal that says (tables wrap to it). */
  columns?: number
  /**
   * The redactor the entry applied to stdout/stderr (src/commands/redacted-io.ts), for what a
   * command writes elsewhere (card, report, MLflow tags); absent = nothing to hide.
   */
  redact?: (text: string) => string
}

export interface Command {
  name: string
  /** One line for `aims-gate --help`. */
  summary: string
  /** Full `--help` text of the command. */
  usage: string
  /**
   * False: the entry prints a GateError's message as it is, without `aims-gate <command>: `
   * (for messages made of file:line lines). Default true.
   */
  errorPrefix?: boolean
  run(argv: string[], io: CommandIO): Promise<ExitCode>
}

export interface OptionCommand<C extends CliCommand> extends Omit<Command, 'run' | 'name'> {
  /** The command's row in the option table; also its name unless `name` says otherwise. */
  options: C
  name?: string
  /** Takes arguments besides flags (a models:/ URI, `validate FILE`). */
  positionals?: boolean
  run(line: CommandLine<C>, io: CommandIO): Promise<ExitCode>
}

/**
 * A command whose options come from the table: its `run` gets them parsed and checked, and
 * `--help` is answered for it (the CLI entry answers it first; this is for direct calls).
 */
export function defineCommand<C extends CliCommand>(spec: OptionCommand<C>): Command {
  const { options, positionals, run, ...command } = spec
  return {
    ...command,
    name: spec.name ?? options,
    async run(argv, io) {
      const line = parseCommandLine(options, argv, io.env, positionals ?? false)
      if (!line.help) return run(line, io)
      io.stdout(spec.usage)
      return EXIT.allowed
    }
  }
}
