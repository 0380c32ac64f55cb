// Bin entry of the action (bundled to dist/index.js): the runner executes this file.
import { actionGuard, run } from './entry/action.js'
import { installProcessGuard } from './entry/process-guard.js'

installProcessGuard(process, actionGuard)
// Not a top-level await: the bundle inlines lazily imported modules after this statement, and a
// module body suspended here would leave them uninitialised when run() imports them.
void run()
