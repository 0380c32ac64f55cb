// One SHA-256 over everything the bundle is built from. `npm run package` records it in
// dist/source.sha256 so a test (or a person) can tell in milliseconds whether dist/ was built from
// the sources on disk; `npm run check-dist` still does the full rebuild-and-compare.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const INPUTS = [
  'src',
  'policies',
  'model-cards/default',
  'schemas',
  'package.json',
  'package-lock.json',
  'rollup.config.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/package.mjs',
  'scripts/vendor-onnxruntime.mjs'
]

function files(path) {
  if (!existsSync(path)) return []
  if (statSync(path).isFile()) return [path]
  return readdirSync(path, { recursive: true })
    .map((p) => join(path, String(p)))
    .filter((p) => statSync(p).isFile())
}

export function sourceDigest(root = ROOT) {
  const hash = createHash('sha256')
  const all = INPUTS.flatMap((input) => files(join(root, input)))
    .map((f) => relative(root, f).split('\\').join('/'))
    .sort()
  for (const file of all) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(root, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(sourceDigest())
