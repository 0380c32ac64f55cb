/**
 * What the group checks of the sector packs can evidence (see check-claims.ts for the levels).
 * Each measures the model on the evaluation data, group by group, against a stated limit or as a
 * report: verification and validation; its group results feed an impact assessment but are not
 * one; a selection-rate screen is a screen, never a proof of fairness.
 */
import type { ControlClaim } from './control-claim.js'

export const GROUP_CHECK_CLAIMS: {
  'selection-rate-ratio': readonly ControlClaim[]
  calibration: readonly ControlClaim[]
  'subgroup-performance': readonly ControlClaim[]
} = {
  'selection-rate-ratio': [
    {
      control: 'A.6.2.4',
      level: 'satisfies',
      why: "each group's selection rate is measured against a reference group's, with its interval"
    },
    {
      control: 'A.5.4',
      level: 'supports',
      why: 'an adverse-impact screen is input to the assessment of effects on groups, not the assessment'
    }
  ],
  calibration: [
    {
      control: 'A.6.2.4',
      level: 'satisfies',
      why: 'how well predicted probabilities match outcomes is measured overall and by group, with intervals'
    },
    {
      control: 'A.5.4',
      level: 'supports',
      why: 'calibration by group is one input to the assessment of effects on groups'
    }
  ],
  'subgroup-performance': [
    {
      control: 'A.6.2.4',
      level: 'satisfies',
      why: "the model's performance is verified in every group against a floor or a largest gap"
    },
    {
      control: 'A.5.4',
      level: 'supports',
      why: 'performance by group is input to the impact assessment, not the assessment'
    }
  ]
}
