/**
 * A CLI sub-command. The CLI entry parses nothing itself beyond the command name: each command
 * reads its options from the option table (src/options/) and returns an exit code from `EXIT`;
 * errors it throws are reported once, by the entry.
 * Commands write through `io` so tests can capture output; they never call process.exit.
 */
import { EXIT, type ExitCode } from '../core/errors.js'

export interface CommandIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Record<string, string | undefined>
  cwd: string
  /** True when stdout is a terminal (progress bars, colours). */
  isTTY: boolean
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

/** Answers `--help` for a command run directly (the CLI entry answers it before a command runs). */
export function usage(io: CommandIO, text: string): ExitCode {
  io.stdout(text)
  return EXIT.allowed
}
