/**
 * Which Node.js versions can run aims-gate. The local-store reader needs `node:sqlite` without a
 * flag (22.13, 23.4) and two of its later additions: the `timeout` option and `isTransaction`
 * (22.16 and 24.0; Node 23 never got them). Kept free of imports: the bin entry checks the version
 * with it before it loads anything that could fail on an older Node.
 */

/** The range for package.json `engines.node` (a unit test keeps the two in step). */
export const SUPPORTED_NODE_RANGE = '>=22.16.0 <23 || >=24.0.0'

/** The one line to print when `version` (`process.versions.node`) cannot run aims-gate; else undefined. */
export function unsupportedNode(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10))
  if (major >= 24 || (major === 22 && minor >= 16)) return undefined
  return (
    `aims-gate needs Node.js 22.16 or later (22.x from 22.16, or 24 and later); this is Node.js ${version}. ` +
    'Fix: install Node.js 24 (or 22.16+), or in a clone of aims-gate run `npm ci` and `npx aims-gate`, ' +
    'which uses the Node.js 24 installed as a dev dependency.'
  )
}
