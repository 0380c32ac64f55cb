/**
 * The CLI's output with every credential it could leak scrubbed: the MLflow and GitHub variables
 * and any tracking URI on the command line (see src/core/text/redact.ts for the forms covered).
 * The entry wraps its writers once, so no command, error line or retry notice can bypass it.
 */
import { collectSecrets, createRedactor, urisInArgv } from '../core/text/redact.js'
import type { CommandIO } from './command.js'

export function redactedIO(io: CommandIO, argv: readonly string[]): CommandIO {
  const redact = createRedactor(collectSecrets(io.env, urisInArgv(argv)))
  return {
    ...io,
    stdout: (text) => io.stdout(redact(text)),
    stderr: (text) => io.stderr(redact(text)),
    redact: io.redact === undefined ? redact : (text) => redact(io.redact!(text))
  }
}
