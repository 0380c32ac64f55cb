/** Validates a hand-written policy section against the report schema, so fixtures cannot drift from it. */
import { reportSchema, type Report } from '../../../src/render/report-schema.js'

export function policyGovernanceSchemaCheck(section: Pick<Report['policy'], 'governing' | 'change'>): Pick<Report['policy'], 'governing' | 'change'> {
  const policy = reportSchema.shape.policy.parse({ name: 'gate', file: 'policies/gate.yml', sha256: 'a'.repeat(64), ...section })
  return { governing: policy.governing, change: policy.change }
}
