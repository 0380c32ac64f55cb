/**
 * The pull-request comment: a hidden marker (so a rerun updates its own comment instead of
 * adding one), the verdict, the requirements table, what changed from the champion and a link
 * to the job summary. GitHub rejects comment bodies over 65,536 characters, so the body is kept
 * under `maxChars` with the cut stated.
 */
import type { Evidence } from '../core/evidence/types.js'
import type { Verdict } from '../core/verdict/types.js'
import type { PolicyIdentity } from './card/card-model.js'
import { renderCardDiffMarkdown, type CardDiff } from './card-diff.js'
import { truncateMarkdown } from './escape.js'
import { policyDetailsMarkdown, policyWarningMarkdown } from './policy-change-markdown.js'
import type { Report } from './report-schema.js'
import { requirementsTable, safeUrl, verdictHeadline } from './requirements-table.js'

export const PR_COMMENT_MAX_CHARS = 65_536

/**
 * `<!-- aims-gate:<model>:<profile> -->`. Model and profile are percent-encoded, so no name can
 * close the comment early (`-->`) or collide with another model's marker.
 */
export function prCommentMarker(model: string, profile: string): string {
  return `<!-- aims-gate:${markerPart(model)}:${markerPart(profile)} -->`
}

/** Percent-encoded; a very long name is shortened and made unique again with its hash. */
function markerPart(text: string): string {
  const encoded = encodeURIComponent(text)
  return encoded.length <= 200 ? encoded : `${encoded.slice(0, 100).replace(/%[0-9A-F]?$/, '')}~${fnv1a(text)}`
}

/** 32-bit FNV-1a as hex: enough to tell markers apart, pure and dependency-free. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

export interface PrCommentInput {
  verdict: Verdict
  evidence: Evidence
  policy: PolicyIdentity
  /** The report's policy sections: a weakening change is shown first, above the verdict. */
  governance?: Pick<Report['policy'], 'governing' | 'change'>
  /** What changed from the champion; null/absent when there is no champion. */
  diff?: CardDiff | null
  /** Link to the run's job summary (full card). */
  jobSummaryUrl?: string
  maxChars?: number
}

export function renderPrComment(input: PrCommentInput): string {
  const maxChars = input.maxChars ?? PR_COMMENT_MAX_CHARS
  const v = input.evidence.candidate.modelVersion.value
  const marker = `${prCommentMarker(v.name, input.policy.profile)}\n`
  const url = safeUrl(input.jobSummaryUrl)
  const link = url !== undefined ? `\n[Full model card and evidence in the job summary](${url})\n` : ''
  const diff =
    input.diff === undefined || input.diff === null
      ? '_No champion to compare with._\n'
      : renderCardDiffMarkdown(input.diff)
  const warning = input.governance ? policyWarningMarkdown(input.governance) : ''
  const details = input.governance ? policyDetailsMarkdown(input.governance) : ''
  const body =
    `${warning === '' ? '' : `${warning}\n\n`}` +
    `${verdictHeadline(input.verdict, input.evidence, input.policy, '###')}\n\n` +
    `${details === '' ? '' : `${details}\n\n`}${requirementsTable(input.verdict)}\n\n${diff}`
  // Comment length is counted in characters; UTF-8 bytes are an upper bound, so cutting by
  // bytes keeps the body under the character limit too. The marker and link are never cut.
  const room = maxChars - marker.length - link.length
  return `${marker}${truncateMarkdown(body, room, 'Comment').trimEnd()}\n${link}`
}
