/**
 * The three outcomes every entry maps to an exit code:
 *   0 release allowed · 1 release blocked (including evidence that could not be fetched) ·
 *   2 invalid invocation or configuration (nothing evaluated).
 */
export const EXIT = { allowed: 0, blocked: 1, invalid: 2 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export type GateErrorKind =
  /** Bad flags, inputs or policy: exit 2. */
  | 'invalid'
  /** The store could not give the evidence (unreachable, 5xx, timeout, 401): exit 1, fail closed. */
  | 'evidence'

/**
 * An error meant for a person: `message` is one line that names what was asked, what went wrong
 * and the fix. Never a raw stack or a server's HTML page.
 */
export class GateError extends Error {
  constructor(
    readonly kind: GateErrorKind,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'GateError'
  }

  get exitCode(): ExitCode {
    return this.kind === 'invalid' ? EXIT.invalid : EXIT.blocked
  }
}

export const invalid = (message: string, cause?: unknown): GateError =>
  new GateError('invalid', message, cause === undefined ? undefined : { cause })

export const evidenceError = (message: string, cause?: unknown): GateError =>
  new GateError('evidence', message, cause === undefined ? undefined : { cause })
