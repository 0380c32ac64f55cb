/**
 * The user-info part of a URI (`scheme://user:password@host`), found without a URL parser: a
 * password with an unencoded `/`, `?`, `#` or `@` makes `new URL` fail or read the password as a
 * host, port or path, and then every message that quotes "the URI" would quote the password.
 * Here the user info is everything between `://` and the last `@` before the first whitespace,
 * which is where a person meant it to be.
 */

export interface SplitUri {
  /** `http://` (scheme and slashes), as written. */
  prefix: string
  /** The text between `://` and the last `@`; undefined when there is no `@`. */
  userInfo?: string
  /** Everything after the user info (host, port, path, query). */
  rest: string
}

export function splitUserInfo(raw: string): SplitUri | undefined {
  const scheme = /^\s*([a-z][a-z0-9+.-]*:\/\/)/i.exec(raw)
  if (scheme?.[1] === undefined) return undefined
  const prefix = scheme[1]
  const after = raw.trim().slice(prefix.length).split(/\s/)[0] ?? ''
  const at = after.lastIndexOf('@')
  if (at < 0) return { prefix, rest: after }
  return { prefix, userInfo: after.slice(0, at), rest: after.slice(at + 1) }
}

/** The password (or a lone token) in a user-info part, raw and percent-decoded. */
export function userInfoSecrets(userInfo: string): string[] {
  const colon = userInfo.indexOf(':')
  // With a password, that is the secret; a lone user-info part is often a token.
  const raw = colon >= 0 ? userInfo.slice(colon + 1) : userInfo
  const out = [raw, userInfo]
  try {
    out.push(decodeURIComponent(raw), decodeURIComponent(userInfo))
  } catch {
    // Not valid percent-encoding: the raw forms are enough.
  }
  return out
}

/** The URI with any user info removed (`http://host:5000/x`), for messages. */
export function withoutUserInfo(raw: string): string {
  const split = splitUserInfo(raw)
  return split === undefined ? raw.trim() : `${split.prefix}${split.rest}`
}
