/** The policy the policy-ref tests read at a commit: one AUC floor, so base and head differ by it. */
export const policyWith = (min: number): string => `version: 1
name: gate
profiles:
  pull-request:
    requirements:
      - { id: auc, check: metric, metric: roc_auc, min: ${min}, controls: [A.6.2.4] }
`
