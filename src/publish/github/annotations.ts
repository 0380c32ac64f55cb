/**
 * Plans the annotations for failing and missing requirements (pure): each lands on the line of
 * the policy file where the requirement is written, so a reviewer sees it in the diff.
 *
 * GitHub shows at most 10 error and 10 warning annotations per step and 50 per job, and drops
 * the rest silently; the plan therefore stays within those limits and folds the remainder into a
 * sentence for the job summary, so nothing disappears unannounced.
 *
 * Titles and messages quote policy and MLflow text; the runner's log viewer renders ANSI codes, so
 * control, bidi and invisible characters are made visible here (`showControls*`).
 */
import { showControls, showControlsInline } from '../../core/text/control-chars.js'
import type { RequirementResult } from '../../core/verdict/types.js'

export const ANNOTATION_LIMITS = { errorsPerStep: 10, warningsPerStep: 10, perJob: 50 } as const

export interface PlannedAnnotation {
  level: 'error' | 'warning'
  title: string
  message: string
  file: string
  startLine: number
}

export interface FoldedRequirement {
  id: string
  status: RequirementResult['status']
  level: 'error' | 'warning'
  /** `limit` when over GitHub's limits, `no-location` when the policy line is unknown. */
  why: 'limit' | 'no-location'
}

export interface AnnotationPlan {
  annotations: PlannedAnnotation[]
  folded: FoldedRequirement[]
  /** "3 more not annotated: a (fail), b (missing), c (fail)." — absent when nothing was folded. */
  foldedNote?: string
}

export interface AnnotationBudget {
  errorsPerStep?: number
  warningsPerStep?: number
  /** What is left of the job's 50 (other steps may have used some). */
  remainingInJob?: number
}

/**
 * Blocking requirements become errors, warn-only ones warnings; passing and waived ones are not
 * annotated. Input order is kept (the policy's order), so the first requirements written get the
 * annotations.
 */
export function planAnnotations(results: readonly RequirementResult[], budget: AnnotationBudget = {}): AnnotationPlan {
  const left = {
    error: budget.errorsPerStep ?? ANNOTATION_LIMITS.errorsPerStep,
    warning: budget.warningsPerStep ?? ANNOTATION_LIMITS.warningsPerStep
  }
  let job = budget.remainingInJob ?? ANNOTATION_LIMITS.perJob
  const annotations: PlannedAnnotation[] = []
  const folded: FoldedRequirement[] = []

  for (const result of results) {
    if (result.status !== 'fail' && result.status !== 'missing') continue
    const level = result.severity === 'block' ? 'error' : 'warning'
    if (result.location === undefined) {
      folded.push({ id: result.id, status: result.status, level, why: 'no-location' })
      continue
    }
    if (left[level] <= 0 || job <= 0) {
      folded.push({ id: result.id, status: result.status, level, why: 'limit' })
      continue
    }
    left[level] -= 1
    job -= 1
    annotations.push({
      level,
      title: showControlsInline(
        `${result.id}: ${result.status === 'fail' ? 'failed' : 'evidence missing'}` +
          `${level === 'error' ? ' (blocks release)' : ''}`
      ),
      message: showControls(`${result.message} Observed: ${result.observed}. Expected: ${result.expected}.`),
      file: result.location.file,
      startLine: result.location.line
    })
  }

  const plan: AnnotationPlan = { annotations, folded }
  if (folded.length > 0) {
    plan.foldedNote = showControls(
      `${folded.length} more not annotated: ${folded.map((f) => `${f.id} (${f.status})`).join(', ')}.`
    )
  }
  return plan
}
