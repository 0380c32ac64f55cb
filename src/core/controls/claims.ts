/**
 * A requirement's effective control claims: what its `controls:` (claimed satisfied) and
 * `supports:` (claimed supported) lists say, capped by what its check kind can evidence
 * (`CHECK_CLAIMS`). A claim is only ever lowered, never raised: a control the kind can only
 * support is counted as supported, one it gives no evidence for is not claimed, and each change
 * is a note naming the reason and the fix, shown by `policy validate` and in the report.
 */
import type { Requirement } from '../policy/schema.js'
import { CHECK_CLAIMS, type ClaimLevel, type ControlClaim } from './check-claims.js'

export interface ClaimNote {
  control: string
  /** What became of the claim: counted as supported, or not claimed at all. */
  outcome: 'supported' | 'not-claimed'
  message: string
}

export interface EffectiveClaims {
  satisfies: string[]
  supports: string[]
  notes: ClaimNote[]
}

/** The level a requirement of this kind reaches for one control, and the reason when lowered. */
export function claimLevel(
  requirement: Requirement,
  control: string
): { level: ClaimLevel | 'none'; why: string; claim?: ControlClaim } {
  const claim = CHECK_CLAIMS[requirement.check].find((entry) => entry.control === control)
  if (claim === undefined) {
    const article = /^[aeiou]/.test(requirement.check) ? 'an' : 'a'
    return { level: 'none', why: `${article} ${requirement.check} check gives no evidence for ${control}` }
  }
  if (claim.when !== undefined && !claim.when.test(requirement)) {
    return { level: claim.when.otherwise, why: claim.when.unmet, claim }
  }
  return { level: claim.level, why: claim.why, claim }
}

export function effectiveClaims(requirement: Requirement): EffectiveClaims {
  const satisfies: string[] = []
  const supports: string[] = []
  const notes: ClaimNote[] = []
  const notClaimed = (control: string, why: string): void => {
    notes.push({ control, outcome: 'not-claimed', message: `${control} is not claimed: ${why}` })
  }
  for (const control of new Set(requirement.controls)) {
    const { level, why } = claimLevel(requirement, control)
    if (level === 'satisfies') satisfies.push(control)
    else if (level === 'supports') {
      supports.push(control)
      notes.push({
        control,
        outcome: 'supported',
        message:
          `${control} is counted as supported, not satisfied: ${why}; fix: move it to ` +
          `supports: [${control}] to say so, or add a requirement that satisfies it`
      })
    } else notClaimed(control, why)
  }
  for (const control of new Set(requirement.supports ?? [])) {
    if (satisfies.includes(control) || supports.includes(control)) continue
    const { level, why } = claimLevel(requirement, control)
    if (level === 'none') notClaimed(control, why)
    else supports.push(control)
  }
  return { satisfies, supports, notes }
}
