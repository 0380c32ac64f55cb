// The action's logic entry, shaped as in actions/typescript-action: it exports `run()` and runs
// nothing on import, so `npx @github/local-action run . src/main.ts .env` can load it from source
// with @actions/core stubbed and call `run()` itself. The runner executes src/index.ts (bundled to
// dist/index.js), which installs the process guard and then calls the same `run()`.
export { run } from './entry/action.js'
