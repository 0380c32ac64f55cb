// Bin entry of the CLI (bundled to dist/cli.js). Process concerns live here and nowhere else.
import { main } from './entry/cli.js'

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stderr.isTTY)
})
process.exitCode = code
