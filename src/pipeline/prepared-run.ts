/**
 * What the prepare stage hands the other stages: the refusals are behind it, so every field is
 * known good before MLflow is asked anything.
 */
import type { KeyObject } from 'node:crypto'
import type { ModelRef } from '../core/model-ref.js'
import type { PolicyGovernance } from '../core/policy/governance.js'
import type { PolicyNeeds } from '../core/policy/policy-needs.js'
import type { Policy, ResolvedProfile } from '../core/policy/types.js'
import type { CardTemplate } from '../render/card/render-card.js'

export interface PreparedRun {
  ref: ModelRef & { model: string }
  trackingUri: string
  storeKind: 'rest' | 'sqlite'
  /** The governing policy: what the verdict is computed against. */
  policy: Policy
  /** Which version of the policy governs, and what the version under review changes. */
  governance: PolicyGovernance
  profile: ResolvedProfile
  needs: PolicyNeeds
  template: CardTemplate
  /** The bundle's signing key (`--sign-key`), read and checked before anything is written. */
  signingKey?: KeyObject
}
