/**
 * Finds actionlint for the workflow tests: `.tools/bin` (where `scripts/actionlint.sh`, run by
 * `npm test`, installs it), then PATH and Go's bin folder. Under CI a missing actionlint fails
 * the suite instead of skipping it, so a workflow is never reported clean without being linted.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..', '..')

export function findActionlint(): string | undefined {
  const dirs = [
    path.join(ROOT, '.tools', 'bin'),
    ...(process.env.PATH ?? '').split(path.delimiter),
    path.join(homedir(), 'go', 'bin')
  ]
  if (process.env.GOPATH !== undefined) dirs.push(path.join(process.env.GOPATH, 'bin'))
  const found = dirs.map((dir) => path.join(dir, 'actionlint')).find((file) => existsSync(file))
  if (found === undefined && process.env.CI === 'true') {
    throw new Error('actionlint is not installed: run `bash scripts/actionlint.sh` (needs Go)')
  }
  return found
}

/** Problems actionlint reports for a workflow file, one line each; empty when clean. */
export function actionlintProblems(binary: string, file: string, cwd: string): string[] {
  try {
    execFileSync(binary, ['-no-color', '-oneline', file], { cwd, encoding: 'utf8' })
    return []
  } catch (error) {
    const out = (error as { stdout?: string }).stdout ?? String(error)
    return out.split('\n').filter((line) => line.trim() !== '')
  }
}
