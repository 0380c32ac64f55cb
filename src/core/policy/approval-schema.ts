/**
 * The approval check's schema: how many distinct approvers, read from where (MLflow tags, GitHub
 * reviews or environment approvals), and who may approve.
 */
import { z } from 'zod'
import { whenFieldsValid } from './refine-when.js'
import { identitySchema } from './identity-schema.js'
import { requirementBaseFields as baseFields } from './requirement-base.js'

/** The `approvers:` block of an approval requirement (checked against GitHub, see docs/github.md). */
export const approversSchema = z
  .strictObject({
    users: z
      .array(identitySchema)
      .min(1, { error: 'is empty; fix: list logins, or remove users' })
      .optional()
      .describe(
        'Logins (GitHub logins for the GitHub sources; the exact approved_by value for mlflow-tag) allowed to approve.'
      ),
    teams: z
      .array(
        z
          .string()
          .regex(/^[^/\s]+\/[^/\s]+$/, { error: 'must be written org/team-slug; fix: e.g. acme/release-managers' })
      )
      .min(1, { error: 'is empty; fix: list teams as org/team-slug, or remove teams' })
      .optional()
      .describe(
        'Teams (org/team-slug) whose active members may approve; needs a token that can read organization members.'
      ),
    permission: z
      .enum(['read', 'triage', 'write', 'maintain', 'admin'])
      .optional()
      .describe('Minimum role on the repository an approver must have.')
  })
  .refine((rules) => rules.users !== undefined || rules.teams !== undefined || rules.permission !== undefined, {
    error: 'is empty; fix: give users, teams or permission, or remove approvers'
  })

export const approvalRequirementSchema = z
  .strictObject({
    ...baseFields,
    check: z.literal('approval'),
    minApprovals: z.number().int().min(1).default(1).describe('Distinct approvers needed after separation of duties.'),
    sources: z
      .array(z.enum(['mlflow-tag', 'github-review', 'github-environment']))
      .min(1)
      .default(['mlflow-tag'])
      .describe(
        'Where approvals are read from: mlflow-tag = version tags ' +
          '<tagPrefix>.approved_by / approved_at; github-review, github-environment = ' +
          'collected from GitHub.'
      ),
    separationOfDuties: z
      .boolean()
      .default(true)
      .describe("Approvers equal to the run's user, the version's creator or the PR author do not count."),
    tagPrefix: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, {
        error: 'must be letters, digits, ".", "_" or "-"; fix: write e.g. tagPrefix: aims'
      })
      .default('aims')
      .describe('Prefix of the MLflow approval tags.'),
    approvers: approversSchema
      .optional()
      .describe(
        'Who may approve: named users, members of org/team, or people with at least a ' +
          'role on the repository; any one rule is enough. mlflow-tag approvals are ' +
          'checked by name against users (teams and permission need GitHub, so they never ' +
          'admit a tag approver). An approver that cannot be verified does not count.'
      ),
    maxAgeDays: z
      .number()
      .int({ error: 'must be a whole number of days; fix: write e.g. maxAgeDays: 30' })
      .positive()
      .optional()
      .describe('An approval older than this many days does not count.'),
    environments: z
      .array(z.string().min(1))
      .min(1, {
        error:
          'is empty; fix: list the deployment environments whose approvals count, e.g. ' +
          '[model-release], or remove the key'
      })
      .optional()
      .describe(
        'github-environment: only approvals of these deployment environments count (any ' +
          'environment of the run when absent).'
      )
  })
  .superRefine(
    (req, ctx) => {
      // Enforced by the GitHub collector; on a requirement without that source it would be
      // silently ignored, which reads as a restriction that is not there.
      if (req.environments !== undefined && !req.sources.includes('github-environment')) {
        ctx.addIssue({
          code: 'custom',
          message:
            'environments applies to the github-environment source only; fix: add it to ' +
            'sources, or remove environments',
          path: ['environments']
        })
      }
    },
    whenFieldsValid(['environments', 'sources'])
  )

export type ApprovalRequirement = z.output<typeof approvalRequirementSchema>
