/**
 * When the model card cannot be rendered after the verdict was reached (a custom template asks
 * for a field this version's card does not have), the release has no card: that blocks it. The
 * verdict gets one more blocking requirement saying why, so the report that is still written
 * never reads `pass` for a release without its card.
 */
import type { ResolvedProfile } from '../policy/types.js'
import { controlResults } from './evaluate.js'
import type { RequirementResult, Verdict } from './types.js'

/** Not a valid policy requirement id (ids cannot hold `:`), so it never collides with one. */
export const CARD_RENDERED_ID = 'aims-gate:card-rendered'

export function withCardFailure(profile: Pick<ResolvedProfile, 'controls'>, verdict: Verdict, reason: string): Verdict {
  const result: RequirementResult = {
    id: CARD_RENDERED_ID,
    check: 'documentation',
    status: 'missing',
    severity: 'block',
    controls: ['A.6.2.7'],
    observed: 'no model card',
    expected: 'the model card rendered from the template',
    // The renderer's reason names the template and the field and already says how to fix it.
    message:
      `The release has no model ` +
      `card: ${reason}${/Fix:/.test(reason) ? '' : ' Fix: correct the card template and re-run.'}`,
    evidence: []
  }
  const requirements = [...verdict.requirements, result]
  return {
    verdict: 'fail',
    blocking: [...verdict.blocking, CARD_RENDERED_ID],
    requirements,
    controls: controlResults(profile, requirements)
  }
}
