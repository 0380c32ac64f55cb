/**
 * Requirements for tests, parsed through the real schema so defaults (severity: block, source:
 * logged, tagPrefix: aims…) are the ones users get.
 */
import { requirementSchema, type Requirement } from '../../src/core/policy/schema.js'

type Input = Record<string, unknown> & { check: Requirement['check'] }

export function requirement<K extends Requirement['check']>(
  input: Input & { check: K }
): Extract<Requirement, { check: K }> {
  return requirementSchema.parse({ id: `${input.check}-req`, controls: ['A.6.2.4'], ...input }) as Extract<
    Requirement,
    { check: K }
  >
}
