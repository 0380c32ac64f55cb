// Bin entry of the action (bundled to dist/index.js): the runner executes this file.
import { run } from './entry/action.js'

await run()
