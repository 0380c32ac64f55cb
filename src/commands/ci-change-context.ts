/**
 * What the CLI knows of the change it gates when it runs in CI: the commit, repository and forge
 * from GitHub Actions' variables, so a card or report written by `aims-gate check` in a workflow
 * step names the commit as the action does. Values that are not what they claim to be (a SHA
 * that is not hex, a repository that is not owner/name, a server that is not https) are dropped,
 * not quoted: they only feed traceability, never a decision. Pull-request facts (the author)
 * come from the event payload, which only the action reads.
 */
import type { ChangeContext } from '../core/evidence/types.js'

const SHA = /^[0-9a-f]{40,64}$/i
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/
const SERVER = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?$/
const RUN_ID = /^\d+$/

export function ciChangeContext(env: Record<string, string | undefined>): ChangeContext {
  if (env.GITHUB_ACTIONS !== 'true') return {}
  const change: ChangeContext = {}
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '')
  if (env.GITHUB_SHA !== undefined && SHA.test(env.GITHUB_SHA)) change.gitCommit = env.GITHUB_SHA
  if (env.GITHUB_REPOSITORY !== undefined && REPOSITORY.test(env.GITHUB_REPOSITORY))
    change.repository = env.GITHUB_REPOSITORY
  if (SERVER.test(server)) change.serverUrl = server
  if (
    change.repository !== undefined &&
    change.serverUrl !== undefined &&
    env.GITHUB_RUN_ID !== undefined &&
    RUN_ID.test(env.GITHUB_RUN_ID)
  ) {
    change.runUrl = `${change.serverUrl}/${change.repository}/actions/runs/${env.GITHUB_RUN_ID}`
  }
  return change
}
