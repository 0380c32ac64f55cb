// Fails when the committed dist/ differs from what `npm run package` builds from src/ now.
// The action runs dist/, not src/, so a stale bundle would ship old behaviour.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const scratch = mkdtempSync(join(tmpdir(), 'aims-gate-dist-'))
try {
  execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', scratch], { stdio: 'inherit' })
  const list = (dir) =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((p) => statSync(join(dir, p)).isFile())
      .sort()
  const want = list(scratch)
  const have = list(join(root, 'dist'))
  const problems = []
  for (const f of want) {
    if (!have.includes(f)) problems.push(`missing from dist/: ${f}`)
    else if (!readFileSync(join(scratch, f)).equals(readFileSync(join(root, 'dist', f))))
      problems.push(`stale: dist/${f}`)
  }
  for (const f of have) if (!want.includes(f)) problems.push(`not built any more: dist/${f}`)
  if (problems.length > 0) {
    console.error(
      `dist/ is out of date with src/ (${problems.length} file(s)):\n ` +
        ` ${problems.slice(0, 20).join('\n  ')}\nFix: run \`npm run package\` and commit dist/.`
    )
    process.exit(1)
  }
  console.log(
    `dist/ is up to date (${want.length} files compared with a fresh build ` +
      `from ${relative(root, scratch) ? 'a scratch folder' : ''}).`
  )
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
