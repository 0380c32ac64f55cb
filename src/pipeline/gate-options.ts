/**
 * The typed options of one gate run, shared by the CLI and the action. Each entry reads them
 * once from the option table (src/options/), whose schemas these are; `parseGateOptions` is for
 * callers that build options themselves (tests, library use).
 */
import { z } from 'zod'
import { invalid } from '../core/errors.js'
import { OPTIONS } from '../options/option-table.js'

export const gateOptionsSchema = z
  .object({
    trackingUri: OPTIONS.trackingUri.schema,
    model: z.string().min(1),
    version: OPTIONS.version.schema,
    alias: OPTIONS.alias.schema,
    /** Policy file; absent = the baseline policy shipped with the tool. */
    policyPath: OPTIONS.policyPath.schema,
    /** Evaluate the policy file as committed at this git ref, not the working tree's copy. */
    policyRef: OPTIONS.policyRef.schema,
    /** Absent = the policy's default profile. */
    profile: OPTIONS.profile.schema,
    /** Human-owned card source; absent = model-cards/<model>.md when it exists. */
    cardSourcePath: OPTIONS.cardSourcePath.schema,
    cardDir: OPTIONS.cardDir.schema,
    cardTemplatePath: OPTIONS.cardTemplatePath.schema,
    reportPath: OPTIONS.reportPath.schema,
    /** For sqlite stores written through a server (`--artifacts-destination` of that server). */
    artifactsDestination: OPTIONS.artifactsDestination.schema,
    /** Evaluation data for recomputed metrics, overriding the policy / the run's artifact. */
    evalDataPath: OPTIONS.evalDataPath.schema,
    /**
     * Per-request timeout. The entries always set it (flag or input, else
     * MLFLOW_HTTP_REQUEST_TIMEOUT, else 30); absent = the store reads the variable itself.
     */
    timeoutSeconds: OPTIONS.timeoutSeconds.schema.optional(),
    /** Overall deadline of the run's MLflow traffic (requests, retry waits, downloads); absent = 600 s. */
    deadlineSeconds: OPTIONS.deadlineSeconds.schema.optional(),
    writeBack: OPTIONS.writeBack.schema.default(false),
    /** Alias a passing gate moves (or, for `check`, the alias whose holder is recorded and checked). */
    promoteTo: OPTIONS.promoteTo.schema,
    /** The run's clock (ISO 8601 with a zone); absent = SOURCE_DATE_EPOCH, else the system clock. */
    now: OPTIONS.now.schema,
    /** SOURCE_DATE_EPOCH as given (whole seconds); the clock when `now` is absent (fixed-clock.ts). */
    sourceDateEpoch: OPTIONS.sourceDateEpoch.schema,
    /** Write the evidence bundle (docs/auditors.md) to this folder. */
    bundleDir: OPTIONS.bundleDir.schema,
    /** Ed25519 or ECDSA P-256 private key (PEM): sign the bundle's statement as a DSSE envelope. */
    signKeyPath: OPTIONS.signKeyPath.schema,
    /** Write the OSCAL 1.1 assessment results (JSON) here. */
    oscalPath: OPTIONS.oscalPath.schema,
    /** Write the failing and missing requirements as SARIF 2.1.0 here. */
    sarifPath: OPTIONS.sarifPath.schema
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
