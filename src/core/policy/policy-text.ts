/**
 * The text a parsed policy came from, kept beside the object (not in it, so the `Policy` shape
 * every check and test knows stays the same). The evidence bundle needs the exact bytes the
 * verdict was computed against, whether they came from the working tree, a git ref or a pull
 * request's base commit; only the parser saw them all.
 */
import type { Policy } from './types.js'

const TEXTS = new WeakMap<Policy, string>()

export function rememberPolicyText(policy: Policy, text: string): void {
  TEXTS.set(policy, text)
}

/** The text `parsePolicy` was given for this policy; undefined for a policy built by hand. */
export function policyText(policy: Policy): string | undefined {
  return TEXTS.get(policy)
}
