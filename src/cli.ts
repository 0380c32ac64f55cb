// Bin entry of the CLI (bundled to dist/cli.js). Process concerns live here and nowhere else.
import { main, reportError } from './entry/cli.js'
import { installProcessGuard } from './entry/process-guard.js'

// node:sqlite and the bundled runtime need Node 24 (what GitHub runs actions on). Say so plainly
// instead of failing later on a missing built-in module.
const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  process.stderr.write(
    `aims-gate needs Node.js 24 or later; this is Node.js ${process.versions.node}. ` +
      'Fix: run `npm ci` in the repository and use `npx aims-gate` (npm scripts use ' +
      'the Node 24 installed as a dev dependency), or install Node 24.\n'
  )
  process.exitCode = 2
} else {
  const argv = process.argv.slice(2)
  const io = {
    stdout: (text: string) => process.stdout.write(text),
    stderr: (text: string) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY)
  }
  installProcessGuard(process, {
    reportUncaught: (error) => reportError(error, io, argv[0] ?? 'cli'),
    writeLine: (line) => process.stderr.write(`${line}\n`)
  })
  // Not a top-level await: the bundle inlines lazily imported modules after this statement, and
  // a module body suspended here would leave them uninitialised when main() imports them. A
  // rejection of main() is reported by the guard (unhandledRejection), in one line.
  void main(argv, io).then((code) => {
    process.exitCode = code
  })
}
