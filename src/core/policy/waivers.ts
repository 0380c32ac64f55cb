/**
 * Waivers: a named person accepts, until a date, that a requirement may fail or be missing for
 * specific versions of a model. A waiver matches on requirement id + model + version. It is valid
 * through the whole of its `expires` day (UTC). An expired waiver does not quietly lapse into the
 * original result: the requirement fails with a message naming the waiver and its date, so stale
 * waivers get renewed or removed. A waiver that breaks the rules of `waiver-validity.ts` is never
 * applied: the result keeps its status and the message says why the waiver did not count.
 */
import { isoDay } from '../checks/check.js'
import type { RequirementResult } from '../verdict/types.js'
import type { LocatedWaiver } from './types.js'
import { waiverProblem, type WaiverJudgeContext } from './waiver-validity.js'

export interface WaiverTarget extends WaiverJudgeContext {
  model: string
  version: string
}

const matching = (waivers: readonly LocatedWaiver[], requirementId: string, target: WaiverTarget): LocatedWaiver[] =>
  waivers
    .filter(
      (waiver) =>
        waiver.requirement === requirementId &&
        waiver.model === target.model &&
        waiver.versions.includes(target.version)
    )
    .sort((a, b) => b.expires.localeCompare(a.expires))

/** The waiver for this requirement and version: the latest-expiring valid one, else the latest-expiring one. */
export function findWaiver(
  waivers: readonly LocatedWaiver[],
  requirementId: string,
  target: WaiverTarget
): LocatedWaiver | undefined {
  const found = matching(waivers, requirementId, target)
  return found.find((waiver) => waiverProblem(waiver, target) === undefined) ?? found[0]
}

export function isExpired(waiver: LocatedWaiver, now: Date): boolean {
  return isoDay(now) > waiver.expires
}

export function applyWaiver(
  result: RequirementResult,
  waivers: readonly LocatedWaiver[],
  target: WaiverTarget
): RequirementResult {
  const waiver = findWaiver(waivers, result.id, target)
  if (waiver === undefined) return result
  const where = waiver.location === undefined ? '' : ` (${waiver.location.file}:${waiver.location.line})`
  const named =
    `waiver for ${result.id} on ${target.model} v${target.version} approved ` +
    `by ${JSON.stringify(waiver.approvedBy)}${where}`
  const problem = waiverProblem(waiver, target)
  if (problem !== undefined) {
    if (result.status === 'pass')
      return { ...result, message: `${result.message} Note: the ${named} is not valid (${problem}); remove it.` }
    return {
      ...result,
      message: `The ${named} is not applied: ${problem}. Underlying result (${result.status}): ${result.message}`
    }
  }
  if (isExpired(waiver, target.now)) {
    if (result.status === 'pass') {
      return { ...result, message: `${result.message} Note: the ${named} expired on ${waiver.expires}; remove it.` }
    }
    return {
      ...result,
      status: 'fail',
      message:
        `The ${named} expired on ${waiver.expires}; renew it with a new date or fix the ` +
        `cause. Underlying result (${result.status}): ${result.message}`
    }
  }
  // A passing requirement needs no waiver; keep the honest status.
  if (result.status === 'pass') return result
  return {
    ...result,
    status: 'waived',
    message:
      `Waived until ${waiver.expires} by ${waiver.approvedBy} ` +
      `(approved ${waiver.approved}): ${waiver.reason}. Underlying result ` +
      `(${result.status}): ${result.message}`,
    waiver: { reason: waiver.reason, approvedBy: waiver.approvedBy, expires: waiver.expires }
  }
}
