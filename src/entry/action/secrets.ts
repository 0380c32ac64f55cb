/**
 * The values the runner must mask in the log before anything else runs: the GitHub token and
 * the MLflow credentials, wherever they are given (variables, or user info in a tracking URI),
 * with the base64 `user:password` forms a Basic header carries. GitHub masks the secrets a
 * workflow passes from `secrets.*`, but not a token built in an earlier step or a password
 * written into a URI variable, hence this list. The same list feeds the redactor that every
 * message, summary, comment and file goes through (`src/core/text/redact.ts`).
 */
import type { Env } from '../../pipeline/ports.js'
import { collectSecrets } from '../../core/text/redact.js'
import { getOptionalInput } from '../../options/action-inputs.js'

/** Every secret value found, decoded and as written (a URI may percent-encode it). */
export function secretsToMask(env: Env): string[] {
  return collectSecrets(env, [getOptionalInput(env, 'tracking-uri')], [getOptionalInput(env, 'github-token')])
}
