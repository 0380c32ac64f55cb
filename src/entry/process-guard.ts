/**
 * The last line of defence of both entries: nothing ends the process with a Node stack trace or
 * leaves downloaded models in the temporary folder.
 *
 * - An exception or rejection nobody caught is reported in one line (the entry decides how: a
 *   stderr line for the CLI, a failed step for the action) and ends the process with the entry's
 *   exit code for it: the release is blocked, fail closed.
 * - SIGINT and SIGTERM remove the temporary folders, print one line and exit 128 + the signal
 *   number (130, 143), as shells do, so a cancelled gate is never read as an allowed release.
 */
import { removeAllTempFoldersSync } from '../temp-folders.js'

/** The part of `process` the guard uses (a fake in unit tests). */
export interface GuardedProcess {
  on(
    event: 'uncaughtException' | 'unhandledRejection' | 'SIGINT' | 'SIGTERM' | 'exit',
    listener: (reason?: unknown) => void
  ): unknown
  exit(code: number): void
}

export interface ProcessGuardOptions {
  /** Reports an error nobody caught (one line; the stack only in debug) and returns the exit code. */
  reportUncaught: (error: unknown) => number
  /** Writes one line (the interrupt notice). */
  writeLine: (line: string) => void
}

export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const

export function installProcessGuard(proc: GuardedProcess, options: ProcessGuardOptions): void {
  let ending = false
  const end = (code: number): void => {
    removeAllTempFoldersSync()
    proc.exit(code)
  }
  const crash = (error: unknown): void => {
    // A second failure while reporting the first must not print a stack either.
    if (ending) return
    ending = true
    let code = 1
    try {
      code = options.reportUncaught(error)
    } catch {
      // the report itself failed: still block the release
    }
    end(code)
  }
  // However the process ends (a command's `finally` already removed its own folders).
  proc.on('exit', () => removeAllTempFoldersSync())
  proc.on('uncaughtException', crash)
  proc.on('unhandledRejection', crash)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    proc.on(signal, () => {
      if (ending) return
      ending = true
      options.writeLine(
        `aims-gate: interrupted (${signal}); temporary files removed, nothing was ` +
          `decided (exit ${SIGNAL_EXIT_CODES[signal]}).`
      )
      end(SIGNAL_EXIT_CODES[signal])
    })
  }
}
