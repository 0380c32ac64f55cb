/**
 * The values the runner must mask in the log before anything else runs: the GitHub token and
 * the MLflow credentials, wherever they are given (variables, or user info in a tracking URI).
 * GitHub masks the secrets a workflow passes from `secrets.*`, but not a token built in an
 * earlier step or a password written into a URI variable, hence this list.
 */
import type { Env } from '../../collect/mlflow/tracking-uri.js'
import { getOptionalInput } from './inputs.js'

/** Every secret value found, decoded and as written (a URI may percent-encode it). */
export function secretsToMask(env: Env): string[] {
  const found = new Set<string>()
  const add = (value: string | undefined): void => {
    const trimmed = value?.trim()
    // Masking a one- or two-character value would star out ordinary log text; such a
    // "secret" protects nothing anyway.
    if (trimmed !== undefined && trimmed.length >= 3) found.add(trimmed)
  }
  add(getOptionalInput(env, 'github-token'))
  add(env.MLFLOW_TRACKING_PASSWORD)
  add(env.MLFLOW_TRACKING_TOKEN)
  for (const uri of [getOptionalInput(env, 'tracking-uri'), env.MLFLOW_TRACKING_URI]) {
    if (uri === undefined) continue
    const match = /^[a-z][a-z0-9+.-]*:\/\/([^/@?#]*)@/i.exec(uri.trim())
    if (match?.[1] === undefined) continue
    const userInfo = match[1]
    const colon = userInfo.indexOf(':')
    // With a password, that is the secret; a lone user-info part is often a token.
    const raw = colon >= 0 ? userInfo.slice(colon + 1) : userInfo
    add(raw)
    try {
      add(decodeURIComponent(raw))
    } catch {
      // Not valid percent-encoding: the raw form is masked already.
    }
  }
  return [...found]
}
