// Builds dist/ from scratch: the two bundles, the runtime assets (default policy, card templates,
// JSON schemas) and the pruned onnxruntime-node copy. `npm run package`; `--out DIR` builds
// elsewhere (used by check-dist to compare without touching the committed dist/).
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { sourceDigest } from './source-digest.mjs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outArg = process.argv.indexOf('--out')
const out = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(root, 'dist')

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

const rollup = join(root, 'node_modules', '.bin', 'rollup')
execFileSync(rollup, ['--config', 'rollup.config.mjs', '--silent'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, AIMS_GATE_DIST_DIR: out }
})
rmSync(join(root, 'dist-tsc'), { recursive: true, force: true })
chmodSync(join(out, 'cli.js'), 0o755)

// Runtime assets, resolved next to the bundle (see src/collect/assets.ts).
const assets = join(out, 'assets')
for (const dir of ['policies', 'model-cards/default', 'schemas']) {
  const from = join(root, dir)
  if (existsSync(from)) cpSync(from, join(assets, dir), { recursive: true })
}

execFileSync(process.execPath, [join(root, 'scripts', 'vendor-onnxruntime.mjs'), out], { stdio: 'inherit' })
writeFileSync(join(out, 'source.sha256'), `${sourceDigest(root)}\n`)
