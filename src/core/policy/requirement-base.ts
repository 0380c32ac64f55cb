/**
 * The fields every requirement kind shares (id, description, controls, severity), in one place so
 * each check kind's schema (here or in its own file, like fairness) validates them identically.
 */
import { z } from 'zod'
import { closestControlId, isControlId } from '../controls/catalog.js'

const REQUIREMENT_ID = /^[a-z0-9][a-z0-9._-]*$/
export const unknownControlMessage = (id: string): string =>
  `unknown Annex A control "${id}"; fix: use ${closestControlId(id)} if that is ` +
  `what you meant ("aims-gate controls" lists them all)`

/** An Annex A control id; an unknown one names the nearest real control. */
export const controlIdSchema = z.string().superRefine((id, ctx) => {
  if (!isControlId(id)) ctx.addIssue({ code: 'custom', message: unknownControlMessage(id) })
})

export const requirementBaseFields = {
  id: z
    .string()
    .regex(REQUIREMENT_ID, {
      error: 'must be lower-case letters, digits, ".", "_" or "-"; fix: rename it, e.g. auc-vs-champion'
    })
    .describe('Unique within a profile; a child profile overrides a parent requirement by reusing its id.'),
  description: z.string().optional().describe('Why this requirement exists, for readers of the report.'),
  controls: z
    .array(controlIdSchema)
    .default([])
    .describe(
      'Annex A control ids this requirement claims to satisfy. A control its check kind can only ' +
        'support is counted as supported (docs/controls.md lists what each kind can evidence).'
    ),
  supports: z
    .array(controlIdSchema)
    .optional()
    .describe('Annex A control ids this requirement gives partial evidence for (never read as satisfied).'),
  severity: z
    .enum(['block', 'warn'])
    .default('block')
    .describe('block: a fail or missing result stops the release; warn: it is reported only.'),
  waivable: z
    .boolean()
    .optional()
    .describe(
      'Default true. false: no waiver can turn a fail or missing result into waived ' +
        '(integrity requirements: reconciled metrics, approvals).'
    )
}
