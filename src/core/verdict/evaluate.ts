/**
 * The verdict engine: runs each requirement's check, applies waivers, derives a status per
 * Annex A control and decides. Pure — the time comes in as `now`.
 *
 * - A blocking requirement that is fail or missing blocks the release; warn-severity ones never do.
 * - A control marked not applicable in the statement of applicability is `not-applicable`,
 *   one no requirement maps to is `not-assessed`; otherwise `controlStatus` rolls its
 *   requirements up (satisfied only when all pass and one of them satisfies it).
 */
import { runCheck } from '../checks/registry.js'
import { CONTROLS } from '../controls/catalog.js'
import type { Evidence } from '../evidence/types.js'
import { createIdentityDirectory } from '../identity/identity-directory.js'
import type { ResolvedProfile } from '../policy/types.js'
import { applyWaiver } from '../policy/waivers.js'
import type { ControlResult, ControlStatus, RequirementResult, RequirementStatus, Verdict } from './types.js'

export interface EvaluationContext {
  now: Date
}

/**
 * The roll-up of the requirements mapped to one control. A waived requirement is a gap the
 * organisation accepted, not evidence: it never lets the control read satisfied, and a control
 * with nothing but waived requirements is missing.
 */
export function controlStatus(mapped: readonly RequirementResult[], control: string): ControlStatus {
  const statuses = new Set<RequirementStatus>(mapped.map((r) => r.status))
  if (statuses.has('fail')) return 'failed'
  if (statuses.has('missing')) return 'missing'
  const live = mapped.filter((r) => r.status === 'pass')
  if (live.length === 0) return 'missing'
  if (statuses.has('waived')) return 'supported'
  return live.some((r) => r.controls.includes(control)) ? 'satisfied' : 'supported'
}

const mapsTo = (result: RequirementResult, control: string): boolean =>
  result.controls.includes(control) || (result.supports ?? []).includes(control)

export function controlResults(
  profile: Pick<ResolvedProfile, 'controls'>,
  results: readonly RequirementResult[]
): ControlResult[] {
  return CONTROLS.map((control) => {
    const mapped = results.filter((result) => mapsTo(result, control.id))
    const soa = profile.controls[control.id]
    const applicable = soa?.applicable ?? true
    const status: ControlStatus = !applicable
      ? 'not-applicable'
      : mapped.length === 0
        ? 'not-assessed'
        : controlStatus(mapped, control.id)
    return {
      id: control.id,
      title: control.title,
      area: control.area,
      applicable,
      ...(soa?.justification === undefined ? {} : { justification: soa.justification }),
      status,
      requirements: mapped.map((result) => result.id),
      satisfiedBy: mapped.filter((result) => result.controls.includes(control.id)).map((result) => result.id),
      waived: mapped.filter((result) => result.status === 'waived').map((result) => result.id)
    }
  })
}

export function isBlocking(result: RequirementResult): boolean {
  return result.severity === 'block' && (result.status === 'fail' || result.status === 'missing')
}

export function evaluate(profile: ResolvedProfile, evidence: Evidence, ctx: EvaluationContext): Verdict {
  const version = evidence.candidate.modelVersion.value
  const run = evidence.candidate.run
  const identities = profile.identities ?? []
  // Who may not approve a waiver: the same people separation of duties excludes from approvals.
  const target = {
    model: version.name,
    version: version.version,
    now: ctx.now,
    versionCreated: version.creationTimestamp,
    directory: createIdentityDirectory(identities),
    ...(profile.waiverRules === undefined ? {} : { rules: profile.waiverRules }),
    duties: {
      ...(run.kind === 'present' && run.value.user !== undefined ? { runUser: run.value.user } : {}),
      ...(version.userId === undefined ? {} : { versionCreator: version.userId }),
      ...(evidence.change.prAuthor === undefined ? {} : { prAuthor: evidence.change.prAuthor })
    }
  }
  const requirements = profile.requirements.map((requirement) =>
    applyWaiver(runCheck(requirement, evidence, { now: ctx.now, identities }), profile.waivers, {
      ...target,
      ...(requirement.waivable === undefined ? {} : { waivable: requirement.waivable })
    })
  )
  const blocking = requirements.filter(isBlocking).map((result) => result.id)
  return {
    verdict: blocking.length === 0 ? 'pass' : 'fail',
    blocking,
    requirements,
    controls: controlResults(profile, requirements)
  }
}
