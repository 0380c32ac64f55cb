/**
 * Fails when a source line is longer than 120 characters or a file in src/ is longer than 300 lines
 * (small files with one job each). Biome's formatter wraps code at that width but leaves long string
 * literals and comments alone, so this covers what it does not. Generated data (JSON, the committed
 * dist/ bundle) is not source and is not checked.
 *
 *   node scripts/check-source-limits.mjs
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const LIMIT = 120
const MAX_SRC_LINES = 300
const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8'
})
  .split('\0')
  .filter((file) => /^(src|test|scripts|bench)\/.*\.(ts|mjs)$|^[^/]+\.(ts|mjs)$/.test(file))

const problems = []
for (const file of tracked) {
  let text
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    continue // listed by git but deleted in the working tree
  }
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n')
  lines.forEach((line, index) => {
    const length = [...line].length
    if (length > LIMIT) problems.push(`${file}:${index + 1}: ${length} characters (at most ${LIMIT}); wrap it`)
  })
  if (file.startsWith('src/') && lines.length > MAX_SRC_LINES) {
    problems.push(`${file}: ${lines.length} lines (at most ${MAX_SRC_LINES}); split it into files with one job each`)
  }
}
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n${problems.length} problem(s) with source limits.\n`)
  process.exit(1)
}
process.stdout.write(
  `source limits: ${tracked.length} files, lines within ${LIMIT} characters, src/ files within ${MAX_SRC_LINES} lines\n`
)
