/**
 * Decides which version of the policy governs a run and reads it, in the prepare stage (before
 * MLflow is asked anything):
 *
 *   - no policy file: the built-in baseline; there is nothing to compare;
 *   - `--policy-ref REF` (CLI): the file at REF governs; the working tree's copy, when there is
 *     one, is compared with it;
 *   - a pull request (action, `policy-ref: base`, the default): the file at the base commit
 *     governs, because the head is written by the author whose change is being gated;
 *   - `policy-ref: head`: the working tree governs, and the base is still read to show what the
 *     pull request changed (best effort: a base that cannot be read is stated, not fatal).
 *
 * A policy missing at the governing ref is never replaced by the working tree's: it blocks.
 */
import { access } from 'node:fs/promises'
import path from 'node:path'
import { loadPolicyFile } from '../collect/policy-file.js'
import { shippedPacks } from '../collect/policy-packs.js'
import { createGitPolicyReader } from '../collect/policy-at-ref/git-policy-reader.js'
import type { PolicyAtRef, PolicyAtRefReader } from '../collect/policy-at-ref/policy-at-ref.js'
import { GateError, invalid } from '../core/errors.js'
import type { PolicyComparison, PolicyGovernance } from '../core/policy/governance.js'
import { parsePolicy } from '../core/policy/parse-policy.js'
import { diffPolicies } from '../core/policy/policy-diff.js'
import type { Policy } from '../core/policy/types.js'
import type { GateOptions } from './gate-options.js'
import type { PullRequestBasePort } from './ports.js'

export interface GoverningPolicyPorts {
  cwd: string
  pullRequestBase?: PullRequestBasePort
  /** Reader for `--policy-ref`; git by default. */
  gitReader?: PolicyAtRefReader
}

export interface GoverningPolicyResult {
  policy: Policy
  governance: PolicyGovernance
}

const short = (sha: string): string => sha.slice(0, 12)

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}

function compare(base: Policy, baseAt: { commit: string; file: string }, head: Policy): PolicyComparison {
  return {
    status: 'compared',
    base: { file: baseAt.file, commit: baseAt.commit, sha256: base.sha256 },
    head: { file: head.file, sha256: head.sha256 },
    diff: diffPolicies(base, head)
  }
}

/** The policy at a ref, parsed under a name that says which version it is. */
function parseAt(found: Extract<PolicyAtRef, { kind: 'found' }>): Policy {
  return parsePolicy(found.text, `${found.path}@${short(found.commit)}`, { packs: shippedPacks() })
}

async function governedByRef(
  policyPath: string,
  ref: string,
  ports: GoverningPolicyPorts
): Promise<GoverningPolicyResult> {
  const found = await (ports.gitReader ?? createGitPolicyReader()).read({ ref, policyPath, cwd: ports.cwd })
  if (found.kind === 'absent') {
    throw invalid(
      `--policy-ref ${ref}: ${found.path} does not exist at ${ref} ` +
        `(commit ${short(found.commit)}); fix: name a ref where the policy is committed, ` +
        `or drop --policy-ref to use the working tree's file`
    )
  }
  const policy = parseAt(found)
  const governance: PolicyGovernance = {
    governing: { source: 'git-ref', file: found.path, sha256: policy.sha256, ref, commit: found.commit }
  }
  if (await exists(path.resolve(ports.cwd, policyPath))) {
    governance.comparison = compare(
      policy,
      { commit: found.commit, file: found.path },
      await loadPolicyFile(policyPath, ports.cwd)
    )
  } else {
    governance.comparison = {
      status: 'unavailable',
      reason: `${policyPath} is not in the working tree, so there is nothing to compare with`
    }
  }
  return { policy, governance }
}

async function governedByBase(
  policyPath: string,
  base: PullRequestBasePort,
  cwd: string
): Promise<GoverningPolicyResult> {
  const found = await base.reader.read({ ref: base.sha, policyPath, cwd })
  if (found.kind === 'absent') {
    throw invalid(
      `the policy ${found.path} does not exist on the pull request's base ` +
        `commit ${short(base.sha)} (or the token cannot read it), and a pull request may ` +
        `not bring the policy that judges it; ` +
        'fix: merge the policy to the base branch first, or set `policy-ref: head` to ' +
        "accept the pull request's own policy (weaker: its author can loosen it)"
    )
  }
  const policy = parseAt(found)
  const head = await loadPolicyFile(policyPath, cwd)
  return {
    policy,
    governance: {
      governing: { source: 'pull-request-base', file: found.path, sha256: policy.sha256, commit: found.commit },
      comparison: compare(policy, { commit: found.commit, file: found.path }, head)
    }
  }
}

/** `policy-ref: head`: the working tree governs; the base is read only to show the difference. */
async function governedByHead(
  policyPath: string,
  base: PullRequestBasePort,
  cwd: string
): Promise<GoverningPolicyResult> {
  const head = await loadPolicyFile(policyPath, cwd)
  const governance: PolicyGovernance = { governing: { source: 'working-tree', file: head.file, sha256: head.sha256 } }
  try {
    const found = await base.reader.read({ ref: base.sha, policyPath, cwd })
    governance.comparison =
      found.kind === 'absent'
        ? {
            status: 'unavailable',
            reason:
              `the pull request adds the policy: ${found.path} does not exist on the base ` +
              `commit ${short(base.sha)}`
          }
        : compare(parseAt(found), { commit: found.commit, file: found.path }, head)
  } catch (error) {
    if (!(error instanceof GateError)) throw error
    governance.comparison = {
      status: 'unavailable',
      reason: `the base commit's policy could not be read or parsed: ${error.message.split('\n')[0] ?? ''}`
    }
  }
  return { policy: head, governance }
}

export async function loadGoverningPolicy(
  options: GateOptions,
  ports: GoverningPolicyPorts
): Promise<GoverningPolicyResult> {
  if (options.policyPath === undefined) {
    if (options.policyRef !== undefined) {
      throw invalid(
        `--policy-ref ${options.policyRef} needs --policy FILE (the built-in baseline ` +
          `has no git history); fix: add --policy, or drop --policy-ref`
      )
    }
    const policy = await loadPolicyFile(undefined, ports.cwd)
    return { policy, governance: { governing: { source: 'built-in', file: policy.file, sha256: policy.sha256 } } }
  }
  if (options.policyRef !== undefined) return governedByRef(options.policyPath, options.policyRef, ports)
  const base = ports.pullRequestBase
  if (base !== undefined)
    return base.governs
      ? governedByBase(options.policyPath, base, ports.cwd)
      : governedByHead(options.policyPath, base, ports.cwd)
  const policy = await loadPolicyFile(options.policyPath, ports.cwd)
  return { policy, governance: { governing: { source: 'working-tree', file: policy.file, sha256: policy.sha256 } } }
}
