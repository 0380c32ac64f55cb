/** Placeholder replaced below. */
async function run() { }

// Bin entry of the action (bundled to dist/index.js): the runner executes this file.
await run();
