/**
 * Why a written identity cannot be an approver at all, before anyone is compared with it:
 * placeholders (`null`), wildcards (`*`), lists in one value, markup, control characters,
 * invisible characters, and anything outside the safe set. Each reason says what to write instead.
 */
import { SAFE_IDENTITY, canonicalIdentity, hasInvisible, quoteIdentity } from './canonical-identity.js'

const PLACEHOLDERS = new Set([
  'null',
  'none',
  'nil',
  'undefined',
  'n/a',
  'na',
  'unknown',
  'anonymous',
  'nobody',
  '-',
  'tbd',
  'todo',
  'true',
  'false'
])
const WILDCARDS = new Set(['all', 'any', 'anyone', 'everyone', 'everybody', '@all', '@here', '@everyone'])
const FIX = 'fix: write one login or e-mail address per approver'

/** The structural problem of this identity (junk that never names a person), or undefined. */
export function junkProblem(raw: string): string | undefined {
  const shown = quoteIdentity(raw)
  const canonical = canonicalIdentity(raw)
  if (canonical === '') return `approver ${shown} is empty; ${FIX}`
  if (/\p{Cc}/u.test(raw)) return `approver ${shown} contains control characters; ${FIX}`
  if (/[<>&"'`]/.test(canonical)) return `approver ${shown} contains HTML or quoting characters; ${FIX}`
  if (PLACEHOLDERS.has(canonical)) return `approver ${shown} is a placeholder, not a person; ${FIX}`
  if (/[*?%]/.test(canonical) || WILDCARDS.has(canonical))
    return `approver ${shown} is a wildcard, not a person; ${FIX}`
  if (/[,;|/\\\s]/u.test(canonical)) return `approver ${shown} holds a separator or several names; ${FIX}`
  return undefined
}

/** Why this identity is not written safely (invisible or out-of-set characters), or undefined. */
export function unsafeProblem(raw: string): string | undefined {
  const shown = quoteIdentity(raw)
  if (hasInvisible(raw))
    return (
      `approver ${shown} contains invisible formatting characters (zero-width, bidi ` +
      `or soft hyphen); write the login plainly`
    )
  const canonical = canonicalIdentity(raw)
  if (!SAFE_IDENTITY.test(canonical)) {
    const outside = [...new Set([...canonical].filter((char) => !/[a-z0-9._@+-]/.test(char)))]
    const what =
      outside.length > 0
        ? `characters outside a-z, 0-9, ".", "_", "-", "+", "@" (${outside.map(quoteIdentity).join(', ')})`
        : 'a misplaced ".", "-", "_", "+" or "@"'
    return (
      `approver ${shown} contains ${what}; approvers must be ASCII logins or e-mail ` +
      `addresses, so look-alikes cannot pass as someone else`
    )
  }
  return undefined
}

/** Any reason this identity can never approve, or undefined when it is a well-formed login or e-mail. */
export function identityProblem(raw: string): string | undefined {
  return junkProblem(raw) ?? unsafeProblem(raw)
}
