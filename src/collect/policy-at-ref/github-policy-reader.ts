/**
 * Reads a policy file at a commit through GitHub's contents API
 * (`GET /repos/{owner}/{repo}/contents/{path}?ref=SHA`, needs `contents: read`). The answer is
 * validated: only a base64 file whose decoded size is the size GitHub states is accepted.
 */
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { evidenceError, invalid } from '../../core/errors.js'
import { describeFailure, httpStatusOf } from '../../github/request-failure.js'
import type { GithubClient } from '../../github/octokit.js'
import type { PolicyAtRef, PolicyAtRefReader } from './policy-at-ref.js'

const contentSchema = z.object({
  type: z.literal('file'),
  encoding: z.literal('base64'),
  content: z.string(),
  size: z.number().int().nonnegative(),
  path: z.string()
})

export interface GithubPolicyReaderOptions {
  client: () => GithubClient
  owner: string
  repo: string
  /** The checkout's root (GITHUB_WORKSPACE): the policy path is taken relative to it. */
  workspace: string
}

/** The real path (symlinks resolved) when it exists, so a symlinked workspace still matches. */
async function real(file: string): Promise<string> {
  try {
    return await realpath(file)
  } catch {
    return path.resolve(file)
  }
}

/** `policies/x.yml` inside the checkout, or a GateError for a path outside it. */
export async function repositoryPath(policyPath: string, cwd: string, workspace: string): Promise<string> {
  const absolute = path.resolve(cwd, policyPath)
  const file = path.join(await real(path.dirname(absolute)), path.basename(absolute))
  const inRepo = path
    .relative(await real(workspace), file)
    .split(path.sep)
    .join('/')
  if (inRepo === '' || inRepo.startsWith('../') || path.isAbsolute(inRepo)) {
    throw invalid(
      `the policy ${policyPath} is outside the repository checkout, so its base ` +
        `version cannot be read; fix: keep the policy in the repository`
    )
  }
  return inRepo
}

export function createGithubPolicyReader(options: GithubPolicyReaderOptions): PolicyAtRefReader {
  return {
    async read(request): Promise<PolicyAtRef> {
      const inRepo = await repositoryPath(request.policyPath, request.cwd, options.workspace)
      const where = `${inRepo} at ${request.ref.slice(0, 12)} in ${options.owner}/${options.repo}`
      let data: unknown
      try {
        ;({ data } = await options
          .client()
          .rest.repos.getContent({ owner: options.owner, repo: options.repo, path: inRepo, ref: request.ref }))
      } catch (error) {
        // 404 is also what a token that cannot see the repository gets: both mean "not readable here".
        if (httpStatusOf(error) === 404) return { kind: 'absent', commit: request.ref, path: inRepo, via: 'github-api' }
        throw evidenceError(
          `reading the base policy ${where} through the GitHub API ` +
            `failed: ${describeFailure(error)}; fix: give the job \`permissions: contents: ` +
            `read\` and a github-token, or re-run if GitHub was failing`
        )
      }
      const parsed = contentSchema.safeParse(data)
      if (!parsed.success) {
        throw invalid(
          `GitHub's answer for the base policy ${where} is not a file (a folder, a ` +
            `symlink or a file over 1 MB); fix: point policy at a policy YAML under 1 MB`
        )
      }
      const bytes = Buffer.from(parsed.data.content.replace(/\s+/g, ''), 'base64')
      if (bytes.length !== parsed.data.size || parsed.data.path !== inRepo) {
        throw evidenceError(
          `GitHub's answer for the base policy ${where} does not match the file asked for ` +
            `(size or path differs); the release is blocked, re-run the job`
        )
      }
      return { kind: 'found', text: bytes.toString('utf8'), commit: request.ref, path: inRepo, via: 'github-api' }
    }
  }
}
