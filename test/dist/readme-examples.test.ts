/**
 * Every shell example in README.md runs as written. The ```bash blocks are read from the README:
 * a block whose first line is `# Needs …` (a server, GitHub, a fresh clone) is only required to
 * say so; every other block must use the example store and is run here, command by command, in
 * the repository root with `npx aims-gate` mapped to the bundled dist/cli.js. A command expects
 * exit 0 unless its trailing comment says `# exit N`.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh, CLI } from '../support/cli-runner.js'

const NODE = resolve('node_modules/.bin/node')
const ROOT = resolve('.')

interface Example {
  command: string
  exit: number
}

/** The ```bash blocks of a markdown text, in order. */
function bashBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '')
}

/** A block's commands: continuation lines joined, comment lines dropped, `# exit N` read. */
function commandsOf(block: string): Example[] {
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((command) => ({ command, exit: Number(/#\s*exit (\d+)/.exec(command)?.[1] ?? 0) }))
}

const blocks = bashBlocks(readFileSync('README.md', 'utf8'))
const marked = blocks.filter((block) => block.startsWith('# Needs '))
const runnable = blocks.filter((block) => !block.startsWith('# Needs '))

// `npx aims-gate` is the clone's bin; everything else in a command runs as bash reads it.
const NPX =
  'npx() { if [ "$1" = aims-gate ]; then shift; "$AIMS_GATE_NODE" "$AIMS_GATE_CLI" "$@"; else command npx "$@"; fi; }'

function runShell(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? ROOT,
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    AIMS_GATE_NODE: NODE,
    AIMS_GATE_CLI: CLI
  }
  return new Promise((done) => {
    execFile(
      'bash',
      ['-c', `${NPX}\n${command}`],
      { cwd: ROOT, env, timeout: 110_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code) : 0, stdout, stderr })
      }
    )
  })
}

beforeAll(async () => {
  await assertBundleFresh()
})

describe('README.md shell examples', () => {
  it('are either run here (they use the example store) or say what they need', () => {
    expect(blocks.length).toBeGreaterThan(0)
    for (const block of runnable) expect(block).toContain('examples/credit-risk')
    for (const block of marked) expect(block.split('\n')[0]).toMatch(/^# Needs \S.{10,}/)
  })

  const examples = runnable.flatMap(commandsOf)
  it.each(examples)(
    '$command → exit $exit',
    async ({ command, exit }) => {
      const outcome = await runShell(command)
      expect({ code: outcome.code, stderr: outcome.stderr }).toMatchObject({ code: exit })
      expect(outcome.stdout).not.toBe('')
    },
    120_000
  )
})
