/** One claim of a check kind on one Annex A control (the table is in check-claims.ts). */
import type { Requirement } from '../policy/schema.js'

export type ClaimLevel = 'satisfies' | 'supports'

export interface ControlClaim {
  control: string
  level: ClaimLevel
  why: string
  /** The claim holds only for requirements passing this test. */
  when?: {
    test: (requirement: Requirement) => boolean
    /** The condition in words, for the docs (`document: deployment-plan`). */
    requires: string
    /** What the requirement lacks, as a fix ("add document: deployment-plan"). */
    unmet: string
    /** The level when the test fails; `none` = not claimable at all. */
    otherwise: ClaimLevel | 'none'
  }
}
