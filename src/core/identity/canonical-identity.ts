/**
 * The one identity rule every comparison between people goes through (approvers, the trainer,
 * the registrant, the PR author, waiver approvers, GitHub logins, roster entries).
 *
 * - `canonicalIdentity`: NFKC, case folding, default-ignorable and format characters removed
 *   (zero-width spaces, bidi controls, soft hyphens), repeated until stable so it is idempotent.
 *   `ｄａｎａ` and `dana\u200b` are `dana`.
 * - `comparisonKey`: the UTS #39 skeleton of the canonical form with combining marks removed and
 *   an e-mail's `+tag` dropped, so `dаna` (Cyrillic а), `dána`, `dana+x@example.com` compare
 *   equal to their plain forms. Only ever used to find who an identity *could be mistaken for*;
 *   equal keys never make an unsafe identity acceptable.
 * - `SAFE_IDENTITY`: what an approver may be written as once canonical: an ASCII login or e-mail.
 *   Anything else (another script, an accent, punctuation, a trailing dot) is refused rather
 *   than guessed at.
 */
import { skeleton } from './skeleton.js'

const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu
const MARKS = /\p{M}/gu

/** A login (`riley-release`, `riley.r_2`) or an e-mail (`riley+ops@example.com`), lower-case ASCII. */
const LOGIN = String.raw`[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?(?:\+[a-z0-9._-]+)?`
const DOMAIN_LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?'
export const SAFE_IDENTITY = new RegExp(String.raw`^${LOGIN}(?:@${DOMAIN_LABEL}(?:\.${DOMAIN_LABEL})+)?$`)

const foldOnce = (text: string): string =>
  // toUpperCase().toLowerCase() approximates Unicode full case folding (ß → ss, ſ → s).
  text.normalize('NFKC').replace(INVISIBLE, '').toUpperCase().toLowerCase().normalize('NFKC').trim()

export function canonicalIdentity(raw: string): string {
  let current = raw
  for (let i = 0; i < 4; i++) {
    const next = foldOnce(current)
    if (next === current) return next
    current = next
  }
  return current
}

const keyOnce = (raw: string): string => {
  const canonical = canonicalIdentity(raw)
  const withoutTag = canonical.replace(/\+[^@]*(?=@)/, '')
  return canonicalIdentity(skeleton(withoutTag.normalize('NFD').replace(MARKS, '')).replace(MARKS, '')).replace(
    INVISIBLE,
    ''
  )
}

/**
 * The key identities are compared by (see the module comment). Taken to a fixed point: folding can
 * make new confusables (`؉` → `º/₀₀` → `o/00`, and `0` is itself a look-alike of `o`), and a key that
 * moved again on a second pass would let a look-alike of a protected identity compare as someone else.
 */
export function comparisonKey(raw: string): string {
  let current = keyOnce(raw)
  for (let i = 0; i < 8; i++) {
    const next = keyOnce(current)
    if (next === current) return next
    current = next
  }
  return current
}

/** The keys an identity may be matched by: itself and, for an e-mail, its local part. */
export function matchKeys(raw: string): string[] {
  const key = comparisonKey(raw)
  const at = key.lastIndexOf('@')
  return at > 0 ? [key, key.slice(0, at)] : [key]
}

/** Untrusted text as a message can quote it: anything but printable ASCII as \u{XXXX}, at most 80 characters. */
export function quoteIdentity(raw: string): string {
  let out = ''
  for (const char of raw) {
    const code = char.codePointAt(0)!
    out += code >= 0x20 && code < 0x7f ? char : `\\u{${code.toString(16).toUpperCase().padStart(4, '0')}}`
    if (out.length > 80) return `"${out.slice(0, 80)}…"`
  }
  return `"${out}"`
}

export function hasInvisible(raw: string): boolean {
  return new RegExp(INVISIBLE.source, 'u').test(raw)
}
