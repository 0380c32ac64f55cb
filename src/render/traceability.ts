/**
 * Which aims-gate wrote a card, report or tag set, and from which repository commit: the data
 * an auditor needs to re-run the same check. Built from the change context the entry collected
 * (GITHUB_SHA, GITHUB_REPOSITORY, GITHUB_SERVER_URL in CI), never read from the environment
 * here, so rendering stays pure.
 */
import type { ChangeContext } from '../core/evidence/types.js'
import { VERSION } from '../version.js'

export interface Traceability {
  /** The aims-gate version (src/version.ts). */
  toolVersion: string
  commit?: string
  repository?: string
  /** The policy file at that commit on the forge, when commit, repository and server are known. */
  policyUrl?: string
}

const SHA = /^[0-9a-f]{40,64}$/i
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/

/** The policy file's repository-relative path as a URL path, or undefined when it is not one. */
function repoPath(file: string): string | undefined {
  const clean = file.replace(/\\/g, '/').replace(/^\.\//, '')
  if (clean === '' || clean.startsWith('/') || /^[a-z]+:/i.test(clean) || clean.split('/').includes('..'))
    return undefined
  return clean.split('/').map(encodeURIComponent).join('/')
}

export function buildTraceability(
  change: ChangeContext,
  policyFile: string,
  toolVersion: string = VERSION
): Traceability {
  const commit =
    change.gitCommit !== undefined && SHA.test(change.gitCommit) ? change.gitCommit.toLowerCase() : undefined
  const repository =
    change.repository !== undefined && REPOSITORY.test(change.repository) ? change.repository : undefined
  const server =
    change.serverUrl !== undefined && /^https?:\/\/[^\s/]+/.test(change.serverUrl)
      ? change.serverUrl.replace(/\/+$/, '')
      : undefined
  const file = repoPath(policyFile)
  return {
    toolVersion,
    ...(commit !== undefined ? { commit } : {}),
    ...(repository !== undefined ? { repository } : {}),
    ...(commit !== undefined && repository !== undefined && server !== undefined && file !== undefined
      ? { policyUrl: `${server}/${repository}/blob/${commit}/${file}` }
      : {})
  }
}
