/**
 * A CLI sub-command. The CLI entry parses nothing itself beyond the command name: each command
 * owns its flags (node:util parseArgs, strict) and returns an exit code from `EXIT`.
 * Commands write through `io` so tests can capture output; they never call process.exit.
 */
import type { ExitCode } from '../core/errors.js'

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
  run(argv: string[], io: CommandIO): Promise<ExitCode>
}
