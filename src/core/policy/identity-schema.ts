/**
 * Identities written in a policy (approver rosters, waiver approvers, `identities:` aliases):
 * validated by the identity rule, so a roster entry is itself a plain login or e-mail.
 */
import { z } from 'zod'
import { canonicalIdentity } from '../identity/canonical-identity.js'
import { identityProblem } from '../identity/identity-problems.js'

export const identitySchema = z.string().superRefine((text, ctx) => {
  const problem = identityProblem(text)
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem.replace(/^approver /, 'identity ') })
  else if (canonicalIdentity(text) !== text) {
    ctx.addIssue({
      code: 'custom',
      message: `identity "${text}" is not written in canonical form; fix: write "${canonicalIdentity(text)}"`
    })
  }
})

export const identitiesSchema = z
  .array(
    z.strictObject({
      person: identitySchema.describe('A name for the person (a login of theirs, or any plain name).'),
      aliases: z
        .array(identitySchema)
        .min(1, { error: "is empty; fix: list the person's other logins and e-mail addresses" })
        .describe('Other identities of the same person: logins, e-mail addresses (MLflow user, GitHub login, ...).')
    })
  )
  .default([])
  .describe(
    'People known by several identities; each is treated as one person everywhere ' +
      '(separation of duties, counting, rosters).'
  )
