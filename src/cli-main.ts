// The CLI proper (bundled to dist/cli-main.js), loaded by the bin entry (src/cli.ts) once it has
// checked the Node.js version. Process concerns live here and nowhere else.
import { main, reportError } from './entry/cli.js'
import { installProcessGuard } from './entry/process-guard.js'

const argv = process.argv.slice(2)
const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stderr.isTTY),
  ...(terminalColumns() === undefined ? {} : { columns: terminalColumns() })
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

/** The table of `check` goes to stdout, so its width wins; stderr's when stdout is piped but stderr is not. */
function terminalColumns(): number | undefined {
  const columns = process.stdout.columns || process.stderr.columns
  return columns > 0 ? columns : undefined
}
