/**
 * How the action reads the policy at a pull request's base commit: through GitHub's API when it
 * has a token (GitHub's copy is the authority; the workspace may have been altered by earlier
 * steps running the pull request's code), else with git from the checkout when it holds that
 * commit. Neither available is refused with the fix, never answered with the head's policy.
 */
import { GateError, invalid } from '../../core/errors.js'
import type { PolicyAtRefReader } from './policy-at-ref.js'

export interface BaseReaderParts {
  /** Present when the action has a github-token and knows the repository. */
  github?: PolicyAtRefReader
  git: PolicyAtRefReader
}

export function createPullRequestBaseReader(parts: BaseReaderParts): PolicyAtRefReader {
  return {
    async read(request) {
      if (parts.github !== undefined) return parts.github.read(request)
      try {
        return await parts.git.read(request)
      } catch (error) {
        if (!(error instanceof GateError)) throw error
        throw invalid(
          `the pull request's base commit ${request.ref.slice(0, 12)} cannot be read to ` +
            `take its policy (no github-token, and git: ${error.message}); ` +
            'fix: pass `github-token` with `permissions: contents: read`, or check out with ' +
            '`fetch-depth: 0`, or set `policy-ref: head` (weaker)',
          error
        )
      }
    }
  }
}
