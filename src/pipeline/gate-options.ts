/**
 * The typed options of one gate run, shared by the CLI and the action. Both entries turn their
 * raw inputs (argv, INPUT_* variables) into this shape and nothing else; zod validates it so a
 * bad value is refused before anything is fetched.
 */
import { z } from 'zod'
import { GIT_REF, GIT_REF_RULE } from '../collect/policy-at-ref/policy-at-ref.js'
import { invalid } from '../core/errors.js'

export const gateOptionsSchema = z
  .object({
    trackingUri: z.string().min(1).optional(),
    model: z.string().min(1),
    version: z.string().regex(/^\d+$/, 'a version is a whole number such as 3').optional(),
    alias: z.string().regex(/^[\w-]+$/, 'an alias has letters, digits, _ and - only').optional(),
    /** Policy file; absent = the baseline policy shipped with the tool. */
    policyPath: z.string().min(1).optional(),
    /** Evaluate the policy file as committed at this git ref, not the working tree's copy. */
    policyRef: z.string().regex(GIT_REF, `must be ${GIT_REF_RULE}`).optional(),
    /** Absent = the policy's default profile. */
    profile: z.string().min(1).optional(),
    /** Human-owned card source; absent = model-cards/<model>.md when it exists. */
    cardSourcePath: z.string().min(1).optional(),
    cardDir: z.string().min(1).optional(),
    cardTemplatePath: z.string().min(1).optional(),
    reportPath: z.string().min(1).optional(),
    /** For sqlite stores written through a server (`--artifacts-destination` of that server). */
    artifactsDestination: z.string().min(1).optional(),
    /** Evaluation data for recomputed metrics, overriding the policy / the run's artifact. */
    evalDataPath: z.string().min(1).optional(),
    /** Per-request timeout; absent = MLFLOW_HTTP_REQUEST_TIMEOUT, else 30 s (tracking-uri.ts). */
    timeoutSeconds: z.number().positive().max(3600).optional(),
    /** Overall deadline of the run's MLflow traffic (requests, retry waits, downloads); absent = 600 s. */
    deadlineSeconds: z.number().positive().max(86_400).optional(),
    writeBack: z.boolean().default(false),
    /** Alias a passing gate moves (or, for `check`, the alias whose holder is recorded and checked). */
    promoteTo: z.string().regex(/^[\w-]+$/, 'an alias has letters, digits, _ and - only').optional()
  })
  .strict()

export type GateOptions = z.infer<typeof gateOptionsSchema>

/** Validates raw options; the error names the option and the fix. */
export function parseGateOptions(raw: unknown, describe: (key: string) => string): GateOptions {
  const result = gateOptionsSchema.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const key = String(issue.path[0] ?? '')
    throw invalid(`${describe(key)}: ${issue.message}.`)
  }
  return result.data
}
