/** Policy sections for the policy-change rendering tests, checked against the report schema. */
import { reportSchema, type Report } from '../../src/render/report-schema.js'

/** Validates a hand-written policy section against the report schema, so fixtures cannot drift from it. */
export function policyGovernanceSchemaCheck(
  section: Pick<Report['policy'], 'governing' | 'change'>
): Pick<Report['policy'], 'governing' | 'change'> {
  const policy = reportSchema.shape.policy.parse({
    name: 'gate',
    file: 'policies/gate.yml',
    sha256: 'a'.repeat(64),
    ...section
  })
  return { governing: policy.governing, change: policy.change }
}

type Section = Pick<Report['policy'], 'governing' | 'change'>
export const BASE = 'ba5e00000000000000000000000000000000000a'
const SHA = 'a'.repeat(64)

export const entry = (message: string, effect: 'weakened' | 'strengthened' | 'changed' = 'weakened') => ({
  effect,
  area: 'control' as const,
  subject: 'A.9.3',
  message
})

export function section(
  entries: ReturnType<typeof entry>[],
  source: 'pull-request-base' | 'working-tree' = 'pull-request-base'
): Section {
  const count = (e: string) => entries.filter((x) => x.effect === e).length
  return policyGovernanceSchemaCheck({
    governing: {
      source,
      file: 'policies/gate.yml',
      sha256: SHA,
      ...(source === 'pull-request-base' ? { commit: BASE } : {}),
      description:
        source === 'working-tree'
          ? 'the working tree (policies/gate.yml)'
          : `the pull request's base commit ${BASE.slice(0, 12)} (policies/gate.yml)`
    },
    change: {
      status: 'compared',
      base: { file: 'policies/gate.yml', commit: BASE, sha256: SHA },
      head: { file: 'policies/gate.yml', sha256: SHA },
      weakened: count('weakened'),
      strengthened: count('strengthened'),
      changed: count('changed'),
      entries
    }
  })
}

/** A change message with HTML, a mention and a line break starting a heading. */
export const HOSTILE_CHANGE =
  'control A.9.3 marked not applicable (<script>alert(1)</script> @acme/everyone\n# Approved)'
