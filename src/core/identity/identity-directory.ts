/**
 * Who is the same person: the policy's `identities:` (one person's login, e-mail addresses and
 * other accounts) plus the identity rule's comparison keys. Two identities are the same person
 * when any of their keys meet, directly or through one person's aliases; an e-mail also matches by
 * its local part, so `dana-trainer@example.com` is `dana-trainer` even without an alias. Merging
 * too much only ever excludes or de-duplicates an approver, never adds one.
 */
import { canonicalIdentity, matchKeys } from './canonical-identity.js'

export interface IdentityAliases {
  person: string
  aliases: readonly string[]
}

export interface IdentityDirectory {
  /** Every key this identity is known by (its own and those of the person it is an alias of). */
  keysOf(raw: string): Set<string>
  /**
   * The person of `identities:` this identity is written as, exactly (canonical form equal to the
   * person or one of the aliases; no look-alike or e-mail local-part matching): what a roster
   * membership may rest on.
   */
  exactPersonOf(raw: string): string | undefined
  samePerson(a: string, b: string): boolean
}

export function createIdentityDirectory(identities: readonly IdentityAliases[] = []): IdentityDirectory {
  const people = identities.map((entry) => ({
    person: canonicalIdentity(entry.person),
    written: new Set([entry.person, ...entry.aliases].map(canonicalIdentity)),
    keys: new Set([entry.person, ...entry.aliases].flatMap(matchKeys))
  }))
  const peopleOf = (raw: string) => {
    const own = matchKeys(raw)
    return people.filter((p) => own.some((key) => p.keys.has(key)))
  }
  const keysOf = (raw: string): Set<string> => {
    const keys = new Set(matchKeys(raw))
    for (const p of peopleOf(raw)) for (const key of p.keys) keys.add(key)
    return keys
  }
  return {
    keysOf,
    exactPersonOf: (raw) => people.find((p) => p.written.has(canonicalIdentity(raw)))?.person,
    samePerson: (a, b) => {
      const left = keysOf(a)
      return [...keysOf(b)].some((key) => left.has(key))
    }
  }
}
