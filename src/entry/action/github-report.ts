/**
 * What the action shows on GitHub for one gate run, as plain data (the entry hands it to
 * @actions/core): the annotations on the policy lines, the job summary with the notes about what
 * could not be annotated or commented, and the failure message. Pure, so it is unit-tested.
 */
import path from 'node:path'
import { GateError } from '../../core/errors.js'
import type { Verdict } from '../../core/verdict/types.js'
import type { GateRun } from '../../pipeline/run-gate.js'
import { planAnnotations } from '../../publish/github/annotations.js'
import type { StickyCommentResult } from '../../publish/github/sticky-comment.js'
import { escapeMarkdownInline } from '../../render/escape.js'
import { renderJobSummary, SUMMARY_MAX_BYTES } from '../../render/summary.js'

export interface AnnotationCall {
  level: 'error' | 'warning'
  message: string
  properties: { title: string; file?: string; startLine?: number }
}

/**
 * A policy file inside the workspace, as GitHub wants it (repository-relative, `/`); undefined for
 * the built-in policy or a file outside the checkout, which no annotation can point into.
 */
export function annotationFile(file: string, builtInPolicy: boolean): string | undefined {
  if (builtInPolicy || path.isAbsolute(file)) return undefined
  const normal = path.posix.normalize(file.split(path.sep).join('/'))
  return normal.startsWith('../') || normal === '..' ? undefined : normal
}

/** The annotations to emit and the sentence for what was folded (GitHub's per-step limits). */
export function buildAnnotations(
  verdict: Verdict,
  builtInPolicy: boolean
): { calls: AnnotationCall[]; foldedNote?: string } {
  const plan = planAnnotations(verdict.requirements)
  const calls = plan.annotations.map((a): AnnotationCall => {
    const file = annotationFile(a.file, builtInPolicy)
    return {
      level: a.level,
      message: a.message,
      properties: file === undefined ? { title: a.title } : { title: a.title, file, startLine: a.startLine }
    }
  })
  return plan.foldedNote === undefined ? { calls } : { calls, foldedNote: plan.foldedNote }
}

/** One line about the PR comment for the summary; nothing when no comment was attempted. */
export function commentNote(result: StickyCommentResult | undefined): string | undefined {
  if (result === undefined) return undefined
  if (result.action === 'skipped') return `> [!NOTE]\n> ${escapeMarkdownInline(result.reason ?? 'PR comment skipped.')}`
  const link = result.url !== undefined && /^https:\/\//.test(result.url) ? ` ([comment](${result.url}))` : ''
  const truncated = result.truncated ? ` ${escapeMarkdownInline(result.reason ?? '')}` : ''
  return `PR comment ${result.action}${link}.${truncated}`
}

/**
 * The job summary: verdict first (renderJobSummary), then the notes. The notes' size is taken off
 * the 1 MiB budget up front, so adding them cannot push the summary over GitHub's limit.
 */
export function buildJobSummary(run: GateRun, notes: readonly (string | undefined)[]): string {
  const extra = notes
    .filter((note): note is string => note !== undefined && note !== '')
    .map((note) => `\n${note}\n`)
    .join('')
  const policy = {
    name: run.prepared.profile.policy.name,
    sha256: run.prepared.profile.policy.sha256,
    profile: run.prepared.profile.name
  }
  const summary = renderJobSummary({
    verdict: run.verdict,
    evidence: run.evidence,
    policy,
    card: run.card,
    governance: run.report.policy,
    cardPath: run.outputs.cardPath,
    reportPath: run.outputs.reportPath,
    maxBytes: SUMMARY_MAX_BYTES - Buffer.byteLength(extra, 'utf8')
  })
  return `${summary}${extra}`
}

/** The `setFailed` message of a blocked release: it names every blocking requirement. */
export function blockedMessage(verdict: Verdict): string {
  const ids = verdict.blocking
  return (
    `Release blocked: ${ids.length} blocking ` +
    `requirement${ids.length === 1 ? '' : 's'} failed or had missing evidence: ` +
    `${ids.join(', ')}. See the job summary for what was observed and how to fix it.`
  )
}

/** A short summary for a run that could not evaluate (bad input, unreachable store). */
export function errorSummary(message: string, unexpected: boolean): string {
  const head = unexpected
    ? '## ❌ aims-gate: unexpected error, release blocked (fail closed)'
    : '## ❌ aims-gate: the gate could not evaluate, release blocked'
  return `${head}\n\n${escapeMarkdownInline(message)}\n`
}

/**
 * What the action reports for an error that ended the run, decided in one place: the step's
 * failure line, the job summary, and the stack, which goes to the step debug log and, with
 * AIMS_GATE_DEBUG set (as for the CLI), to the visible log too.
 */
export function errorReport(
  error: unknown,
  env: Record<string, string | undefined>
): {
  failure: string
  summary: string
  stack?: string
  showStack: boolean
} {
  const expected = error instanceof GateError
  const message = error instanceof Error ? error.message : String(error)
  const failure = expected
    ? `aims-gate: ${message}`
    : `aims-gate: unexpected error: ${message}. The release is blocked (fail closed). ` +
      'Re-run with step debug logging (ACTIONS_STEP_DEBUG) for details and report it if it persists.'
  const stack = error instanceof Error ? error.stack : undefined
  return {
    failure,
    summary: errorSummary(message, !expected),
    ...(stack === undefined ? {} : { stack }),
    showStack: Boolean(env.AIMS_GATE_DEBUG)
  }
}
