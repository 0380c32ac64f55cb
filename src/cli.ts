// Bin entry of the CLI (bundled to dist/cli.js). Process concerns live here and nowhere else.
import { main } from './entry/cli.js'

// node:sqlite and the bundled runtime need Node 24 (what GitHub runs actions on). Say so plainly
// instead of failing later on a missing built-in module.
const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  process.stderr.write(
    `aims-gate needs Node.js 24 or later; this is Node.js ${process.versions.node}. ` +
      'Fix: run `npm ci` in the repository and use `npx aims-gate` (npm scripts use the Node 24 installed as a dev dependency), or install Node 24.\n'
  )
  process.exitCode = 2
} else {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY)
  })
}
