/**
 * Reads a policy file at a git ref with the `git` binary: `git rev-parse` resolves the ref to a
 * commit and the file to a blob, `git cat-file` prints the blob. Run with execFile (no shell)
 * and a validated ref, so nothing the user typed becomes a command or an option.
 */
import { execFile } from 'node:child_process'
import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { invalid } from '../../core/errors.js'
import {
  GIT_REF,
  GIT_REF_RULE,
  type PolicyAtRef,
  type PolicyAtRefReader,
  type PolicyAtRefRequest
} from './policy-at-ref.js'

const MAX_POLICY_BYTES = 1024 * 1024

interface GitResult {
  code: number
  stdout: string
  stderr: string
}

function git(args: string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    // GIT_* variables from the caller could point git at another repository; drop them.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')))
    execFile(
      'git',
      args,
      { cwd, env: { ...env, GIT_TERMINAL_PROMPT: '0' }, maxBuffer: MAX_POLICY_BYTES * 2, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            invalid(
              'reading the policy at a git ref needs git, which is not installed; fix: ' +
                'install git, or drop the policy ref'
            )
          )
        } else resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0, stdout, stderr })
      }
    )
  })
}

/** The nearest existing folder of the policy file (the file itself may exist only at the ref). */
async function existingFolder(start: string): Promise<string> {
  let folder = start
  for (;;) {
    try {
      if ((await stat(folder)).isDirectory()) return folder
    } catch {
      // keep walking up
    }
    const parent = path.dirname(folder)
    if (parent === folder) return folder
    folder = parent
  }
}

/** The repository holding the policy and the file's path inside it (`/`-separated). */
async function locate(request: PolicyAtRefRequest): Promise<{ root: string; inRepo: string }> {
  const absolute = path.resolve(request.cwd, request.policyPath)
  const folder = await existingFolder(path.dirname(absolute))
  const top = await git(['rev-parse', '--show-toplevel'], folder)
  if (top.code !== 0) {
    throw invalid(
      `policy ref "${request.ref}": ${request.policyPath} is not inside a git ` +
        `repository; fix: run in a clone of the repository, or drop the policy ref`
    )
  }
  const root = await realpath(top.stdout.trim())
  const inRepo = path
    .relative(root, path.join(await realpath(folder), path.relative(folder, absolute)))
    .split(path.sep)
    .join('/')
  if (inRepo === '' || inRepo.startsWith('../') || path.isAbsolute(inRepo)) {
    throw invalid(
      `policy ref "${request.ref}": ${request.policyPath} is outside the repository; ` +
        `fix: pass a policy file inside the repository`
    )
  }
  return { root, inRepo }
}

export function createGitPolicyReader(): PolicyAtRefReader {
  return {
    async read(request): Promise<PolicyAtRef> {
      if (!GIT_REF.test(request.ref)) {
        throw invalid(`policy ref "${request.ref}" is not a valid ref; fix: give ${GIT_REF_RULE}`)
      }
      const { root, inRepo } = await locate(request)
      const commit = await git(['rev-parse', '--verify', '--quiet', `${request.ref}^{commit}`], root)
      if (commit.code !== 0) {
        throw invalid(
          `policy ref "${request.ref}" names no commit in the repository ` +
            `holding ${request.policyPath}; fix: fetch it (git fetch origin ${request.ref}) ` +
            `or name an existing branch, tag or commit`
        )
      }
      const sha = commit.stdout.trim()
      const blob = await git(['rev-parse', '--verify', '--quiet', `${sha}:${inRepo}`], root)
      if (blob.code !== 0) return { kind: 'absent', commit: sha, path: inRepo, via: 'git' }
      const type = await git(['cat-file', '-t', blob.stdout.trim()], root)
      if (type.stdout.trim() !== 'blob') {
        throw invalid(
          `policy ref "${request.ref}": ${inRepo} is ` +
            `a ${type.stdout.trim() || 'non-file'} at commit ${sha.slice(0, 12)}, not a ` +
            `file; fix: pass the path of the policy YAML`
        )
      }
      const content = await git(['cat-file', 'blob', blob.stdout.trim()], root)
      if (content.code !== 0) {
        throw invalid(
          `policy ref "${request.ref}": git could not read ${inRepo} ` +
            `at ${sha.slice(0, 12)} (${content.stderr.trim().split('\n')[0] ?? ''}); fix: ` +
            `check the clone is complete`
        )
      }
      return { kind: 'found', text: content.stdout, commit: sha, path: inRepo, via: 'git' }
    }
  }
}
