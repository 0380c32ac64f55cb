#!/usr/bin/env node
/**
 * Which Node.js versions can run aims-gate. The local-store reader needs `node:sqlite` without a
 * flag (22.13, 23.4) and two of its later additions: the `timeout` option and `isTransaction`
 * (22.16 and 24.0; Node 23 never got them). Kept free of imports: the bin entry checks the version
 * with it before it loads anything that could fail on an older Node.
 */
/** The range for package.json `engines.node` (a unit test keeps the two in step). */
/** The one line to print when `version` (`process.versions.node`) cannot run aims-gate; else undefined. */
function unsupportedNode(version) {
    const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
    if (major >= 24 || (major === 22 && minor >= 16))
        return undefined;
    return (`aims-gate needs Node.js 22.16 or later (22.x from 22.16, or 24 and later); this is Node.js ${version}. ` +
        'Fix: install Node.js 24 (or 22.16+), or in a clone of aims-gate run `npm ci` and `npx aims-gate`, ' +
        'which uses the Node.js 24 installed as a dev dependency.');
}

// Bin entry of the CLI (bundled to dist/cli.js). It checks the Node.js version before anything
// else loads: the CLI proper (src/cli-main.ts, bundled to dist/cli-main.js) imports node:sqlite at
// its top, which on an older Node fails before any of its code could explain why.
const problem = unsupportedNode(process.versions.node);
if (problem !== undefined) {
    process.stderr.write(`${problem}\n`);
    process.exitCode = 2;
}
else {
    // Not awaited at the top level, as in every entry (see rollup.config.mjs). The import fails only
    // when the installation is broken or Node was started without node:sqlite (--no-experimental-sqlite).
    import('./cli-main.js').catch((error) => {
        const code = error?.code;
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        const fix = code === 'ERR_UNKNOWN_BUILTIN_MODULE'
            ? 'Fix: run Node.js without --no-experimental-sqlite (aims-gate reads MLflow stores with node:sqlite).'
            : 'Fix: reinstall aims-gate (dist/ must be complete).';
        process.stderr.write(`aims-gate: could not start: ${message}. ${fix}\n`);
        process.exitCode = 2;
    });
}
