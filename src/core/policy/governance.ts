/**
 * Which version of the policy decided a verdict, and how the version under review differs from
 * it. Plain data, carried from the prepare stage to the report, summary, comment and terminal.
 */
import type { PolicyDiff } from './policy-diff.js'

export interface GoverningPolicy {
  /**
   * built-in: the baseline shipped with the tool · working-tree: the file as checked out ·
   * git-ref: the file at a ref given on the command line · pull-request-base: the file at the
   * pull request's base commit.
   */
  source: 'built-in' | 'working-tree' | 'git-ref' | 'pull-request-base'
  /** The path as given (repository-relative for a ref). */
  file: string
  sha256: string
  /** The ref as given (git-ref) and the commit it names. */
  ref?: string
  commit?: string
}

export type PolicyComparison =
  | {
      status: 'compared'
      /** The other side: the base (or ref) when the working tree governs, the working tree otherwise. */
      base: { file: string; commit: string; sha256: string }
      head: { file: string; sha256: string }
      diff: PolicyDiff
    }
  | { status: 'unavailable'; reason: string }

export interface PolicyGovernance {
  governing: GoverningPolicy
  comparison?: PolicyComparison
}

/** `base commit 1a2b3c4d5e6f (policies/x.yml)`: how every output names the governing version. */
export function describeGoverning(governing: GoverningPolicy): string {
  const commit = governing.commit?.slice(0, 12) ?? ''
  switch (governing.source) {
    case 'built-in':
      return `the built-in baseline (${governing.file})`
    case 'working-tree':
      return `the working tree (${governing.file})`
    case 'git-ref':
      return `git ref ${governing.ref ?? ''} = ${commit} (${governing.file})`
    case 'pull-request-base':
      return `the pull request's base commit ${commit} (${governing.file})`
  }
}
