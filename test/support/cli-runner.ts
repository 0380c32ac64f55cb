/**
 * Runs the bundled CLI (dist/cli.js) as a user does: a Node 24 process in a working folder, with
 * an environment that starts empty (nothing from the machine running the tests leaks in). Tests
 * that use it exercise what ships, so they refuse a bundle built from other sources than the ones
 * on disk (`assertBundleFresh`; rebuild with `npm run package`).
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { ROOT } from './action-runner.js'

export { assertBundleFresh } from './action-runner.js'

export const CLI = path.join(ROOT, 'dist', 'cli.js')
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export interface RunCliOptions {
  cwd: string
  /** Further variables (MLFLOW_*, AIMS_GATE_*, …) on top of PATH, HOME and TMPDIR. */
  env?: Record<string, string>
  timeoutMs?: number
}

/** `node dist/cli.js ...argv`; resolves with the exit code (a signal or time-out rejects). */
export async function runCli(argv: readonly string[], options: RunCliOptions): Promise<CliRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? options.cwd,
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    ...options.env
  }
  return await new Promise((resolve, reject) => {
    execFile(
      NODE,
      [CLI, ...argv],
      { cwd: options.cwd, env, timeout: options.timeoutMs ?? 110_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number')
          reject(new Error(`aims-gate ${argv.join(' ')} did not finish: ${error.message}\n${stderr}`))
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
      }
    )
  })
}
