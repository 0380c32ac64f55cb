/**
 * The port through which the prepare stage reads a policy file as it is at a commit (the base of
 * a pull request, or a ref given on the command line) instead of in the working tree, where the
 * change under review may have rewritten it.
 */

/** What a reader found at the commit; `absent` = the file does not exist there. */
export type PolicyAtRef =
  | { kind: 'found'; text: string; commit: string; path: string; via: 'git' | 'github-api' }
  | { kind: 'absent'; commit: string; path: string; via: 'git' | 'github-api' }

export interface PolicyAtRefRequest {
  /** A git ref or commit SHA (validated with `GIT_REF`). */
  ref: string
  /** The policy path as the user gave it, relative to `cwd`. */
  policyPath: string
  cwd: string
}

export interface PolicyAtRefReader {
  read(request: PolicyAtRefRequest): Promise<PolicyAtRef>
}

/**
 * The refs accepted: commit SHAs, branch and tag names, `HEAD~1`, `origin/main^`. Never a
 * leading `-` (git would read an option), never `..` (a range) or `@{` (reflog), no `:`
 * (a `rev:path` of another file), no whitespace or control characters.
 */
export const GIT_REF = /^(?!.*\.\.)(?!.*@\{)[A-Za-z0-9_][A-Za-z0-9_./~^-]{0,199}$/

export const GIT_REF_RULE =
  'a commit SHA, branch or tag (letters, digits, "_", ".", "/", "~", "^", "-"; no leading "-", no "..")'
