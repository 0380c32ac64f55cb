/**
 * Waivers: a named person accepts, until a date, that a requirement may fail or be missing for
 * specific versions of a model. A waiver matches on requirement id + model + version. It is valid
 * through the whole of its `expires` day (UTC). An expired waiver does not quietly lapse into the
 * original result: the requirement fails with a message naming the waiver and its date, so stale
 * waivers get renewed or removed.
 */
import { isoDay } from '../checks/check.js'
import type { RequirementResult } from '../verdict/types.js'
import type { LocatedWaiver } from './types.js'

export interface WaiverTarget {
  model: string
  version: string
  now: Date
}

/** The waiver for this requirement and version; the latest-expiring one when several match. */
export function findWaiver(waivers: readonly LocatedWaiver[], requirementId: string, target: WaiverTarget): LocatedWaiver | undefined {
  return waivers
    .filter((waiver) => waiver.requirement === requirementId && waiver.model === target.model && waiver.versions.includes(target.version))
    .sort((a, b) => b.expires.localeCompare(a.expires))[0]
}

export function isExpired(waiver: LocatedWaiver, now: Date): boolean {
  return isoDay(now) > waiver.expires
}

export function applyWaiver(result: RequirementResult, waivers: readonly LocatedWaiver[], target: WaiverTarget): RequirementResult {
  const waiver = findWaiver(waivers, result.id, target)
  if (waiver === undefined) return result
  const where = waiver.location === undefined ? '' : ` (${waiver.location.file}:${waiver.location.line})`
  const named = `waiver for ${result.id} on ${target.model} v${target.version} approved by ${waiver.approvedBy}${where}`
  if (isExpired(waiver, target.now)) {
    if (result.status === 'pass') {
      return { ...result, message: `${result.message} Note: the ${named} expired on ${waiver.expires}; remove it.` }
    }
    return {
      ...result,
      status: 'fail',
      message: `The ${named} expired on ${waiver.expires}; renew it with a new date or fix the cause. Underlying result (${result.status}): ${result.message}`
    }
  }
  // A passing requirement needs no waiver; keep the honest status.
  if (result.status === 'pass') return result
  return {
    ...result,
    status: 'waived',
    message: `Waived until ${waiver.expires} by ${waiver.approvedBy}: ${waiver.reason}. Underlying result (${result.status}): ${result.message}`,
    waiver: { reason: waiver.reason, approvedBy: waiver.approvedBy, expires: waiver.expires }
  }
}
