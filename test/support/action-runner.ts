/**
 * Runs the bundled action (dist/index.js) the way the GitHub runner does: a Node process in the
 * workspace, inputs as `INPUT_<NAME>` variables (upper-cased, hyphens kept), outputs and the job
 * summary written to the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY name. The environment starts
 * empty, so nothing from the machine running the tests (a real GITHUB_* of CI) leaks in.
 */
import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const BUNDLE = path.join(ROOT, 'dist', 'index.js')
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node')

/**
 * Throws when dist/ was not built from the sources on disk: these tests exercise the bundle and
 * do not rebuild it, so a stale bundle would test yesterday's code. `npm run package` records a
 * digest of its inputs in dist/source.sha256 (file times are useless after a fresh clone).
 */
export async function assertBundleFresh(): Promise<void> {
  let recorded: string
  try {
    recorded = (await readFile(path.join(ROOT, 'dist', 'source.sha256'), 'utf8')).trim()
  } catch {
    throw new Error('dist/source.sha256 does not exist: run `npm run package` before the action integration tests.')
  }
  // @ts-expect-error -- a plain .mjs build script without type declarations
  const { sourceDigest } = (await import('../../scripts/source-digest.mjs')) as {
    sourceDigest: (root: string) => string
  }
  if (sourceDigest(ROOT) !== recorded) {
    throw new Error(
      'dist/ was built from other sources than the ones on disk: run `npm run ' +
        'package` before the action integration tests (they run the bundle, not the sources).'
    )
  }
}

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  /** The outputs set through GITHUB_OUTPUT. */
  outputs: Record<string, string>
  /** The job summary written to GITHUB_STEP_SUMMARY. */
  summary: string
}

/** Parses GITHUB_OUTPUT: `name<<DELIMITER\nvalue\nDELIMITER` blocks (and plain `name=value` lines). */
export function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string]
      const value: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!)
      outputs[name] = value.join('\n')
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}

export interface RunActionOptions {
  /** Input name as in action.yml (`tracking-uri`) → value. */
  inputs: Record<string, string>
  /** The workspace: the process's working directory and GITHUB_WORKSPACE. */
  workspace: string
  /** Further variables (GITHUB_*, …). */
  env?: Record<string, string>
  timeoutMs?: number
}

let runs = 0

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const files = path.join(options.workspace, '..', `runner-files-${process.pid}-${runs++}`)
  await mkdir(files, { recursive: true })
  const outputFile = path.join(files, 'output')
  const summaryFile = path.join(files, 'summary.md')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? files,
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...options.env
  }
  // The runner's rule (@actions/core getInput): upper case, spaces to `_`, hyphens kept.
  for (const [name, value] of Object.entries(options.inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value

  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve, reject) => {
      execFile(
        NODE,
        [BUNDLE],
        { cwd: options.workspace, env, timeout: options.timeoutMs ?? 110_000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number')
            reject(new Error(`the action did not finish: ${error.message}\n${stderr}`))
          else resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
        }
      )
    }
  )
  return {
    code,
    stdout,
    stderr,
    outputs: parseGithubOutput(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8')
  }
}
