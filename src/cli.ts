// Bin entry of the CLI (bundled to dist/cli.js). It checks the Node.js version before anything
// else loads: the CLI proper (src/cli-main.ts, bundled to dist/cli-main.js) imports node:sqlite at
// its top, which on an older Node fails before any of its code could explain why.
import { unsupportedNode } from './entry/node-support.js'

const problem = unsupportedNode(process.versions.node)
if (problem !== undefined) {
  process.stderr.write(`${problem}\n`)
  process.exitCode = 2
} else {
  // Not awaited at the top level, as in every entry (see rollup.config.mjs). The import fails only
  // when the installation is broken or Node was started without node:sqlite (--no-experimental-sqlite).
  import('./cli-main.js').catch((error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    const fix =
      code === 'ERR_UNKNOWN_BUILTIN_MODULE'
        ? 'Fix: run Node.js without --no-experimental-sqlite (aims-gate reads MLflow stores with node:sqlite).'
        : 'Fix: reinstall aims-gate (dist/ must be complete).'
    process.stderr.write(`aims-gate: could not start: ${message}. ${fix}\n`)
    process.exitCode = 2
  })
}
