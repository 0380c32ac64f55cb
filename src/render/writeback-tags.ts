/**
 * The model-version tags written back to MLflow after a verdict: namespaced under `aims.gate.`
 * so they never collide with a team's own tags, and every value kept under MLflow 2.x's
 * 5,000-character limit for model-version tag values (a longer value is rejected by the server,
 * which would fail the write-back). Pure: the publisher only sends what this returns.
 */
import type { Verdict } from '../core/verdict/types.js'
import type { PolicyIdentity } from './card/card-model.js'
import { truncateText } from './escape.js'
import type { Traceability } from './traceability.js'
import { VERSION } from '../version.js'

export const WRITEBACK_TAG_PREFIX = 'aims.gate.'
/** MLflow 2.x rejects model-version tag values of 5,000 characters or more. */
export const MLFLOW_TAG_VALUE_MAX = 4_999
/** Folder under the run's artifact root that receives the card and report. */
export const WRITEBACK_ARTIFACT_DIR = 'aims-gate'

export interface WritebackTagInput {
  verdict: Verdict
  policy: PolicyIdentity
  reportSha256: string
  cardSha256: string
  /** ISO-8601, from the clock port. */
  checkedAt: string
  /** Link to the CI run that decided, when there is one. */
  runUrl?: string
  /** Which aims-gate and commit; the tool version alone when not given. */
  trace?: Traceability
}

export function buildWritebackTags(input: WritebackTagInput): Record<string, string> {
  const trace = input.trace ?? { toolVersion: VERSION }
  const tags: Record<string, string> = {
    verdict: input.verdict.verdict,
    blocking: input.verdict.blocking.join(','),
    policy: input.policy.name,
    policy_sha256: input.policy.sha256,
    profile: input.policy.profile,
    report_sha256: input.reportSha256,
    card_sha256: input.cardSha256,
    checked_at: input.checkedAt,
    ...(input.runUrl !== undefined ? { run_url: input.runUrl } : {}),
    tool_version: trace.toolVersion,
    ...(trace.commit !== undefined ? { commit: trace.commit } : {}),
    ...(trace.repository !== undefined ? { repository: trace.repository } : {}),
    ...(trace.policyUrl !== undefined ? { policy_url: trace.policyUrl } : {})
  }
  return Object.fromEntries(
    Object.entries(tags).map(([key, value]) => [
      `${WRITEBACK_TAG_PREFIX}${key}`,
      truncateText(value, MLFLOW_TAG_VALUE_MAX)
    ])
  )
}
