/**
 * The recomputed evidence the example policy's production profile reads (reconciled roc_auc and
 * equal opportunity across sex), for unit tests that evaluate that profile on built evidence.
 * The group counts are the challenger's on the seeded evaluation file (TPR 0.459 vs 0.596).
 */
import type { Evidence } from '../../src/core/evidence/types.js'
import type { GroupStatistics } from '../../src/core/fairness/types.js'
import type { EvidenceBuilder } from './evidence-builder.js'

export const EXAMPLE_SEX_GROUPS: GroupStatistics = {
  kind: 'group-statistics',
  features: ['sex'],
  rows: 2000,
  groups: [
    { values: ['Female'], n: 648, tp: 28, fn: 33, fp: 8, tn: 579 },
    { values: ['Male'], n: 1352, tp: 251, fn: 170, fp: 69, tn: 862 }
  ]
}

/** Builds the evidence with the candidate's model "recomputed" to `auc` and the sex groups attached. */
export function withExampleRecompute(builder: EvidenceBuilder, auc = 0.87): Evidence {
  const evidence = builder.recomputed({ roc_auc: auc }).build()
  const recomputed = evidence.candidate.recomputed
  if (recomputed?.kind === 'present') recomputed.value.groups = { sex: EXAMPLE_SEX_GROUPS }
  return evidence
}
