/**
 * Sector policy packs: `extends: pack:<name>/<profile>` in a profile inherits a profile of a
 * shipped pack (`policies/packs/<name>.yml`). Pure: the caller reads the pack files and passes
 * their texts; this module copies the named pack profile (and the pack profiles it extends in
 * turn) into the policy under the key `pack:<name>/<profile>`, before schema validation, so the
 * pack's requirements are validated, resolved and reported like the policy's own.
 */
import { createHash } from 'node:crypto'
import { parse } from 'yaml'
import { didYouMean } from '../text/closest-match.js'
import { formatYamlPath, type PolicyProblem } from './policy-problems.js'

/** Pack name → YAML text of the pack file. */
export type PackLibrary = Readonly<Record<string, string>>

export const PACK_PREFIX = 'pack:'

const PACK_REFERENCE = /^pack:([a-z0-9-]+)\/([A-Za-z0-9_.-]+)$/

type RawProfiles = Record<string, unknown>

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The profiles of one pack file, or why it cannot be used (a broken shipped file). */
function packProfiles(name: string, text: string): RawProfiles | string {
  try {
    const document: unknown = parse(text)
    if (isRecord(document) && isRecord(document.profiles)) return document.profiles
    return `pack "${name}" has no profiles`
  } catch (error) {
    return `pack "${name}" is not valid YAML (${(error as Error).message.split('\n')[0]})`
  }
}

interface Expansion {
  profiles: RawProfiles
  problems: PolicyProblem[]
  /** Pack name → its text, for every pack the policy uses (they become part of its digest). */
  used: Record<string, string>
}

/**
 * Adds the pack profiles the policy's profiles extend. Returns the profiles to validate (the
 * policy's own, then the pack ones) and a problem for every unknown pack or pack profile.
 */
export function expandPacks(profiles: RawProfiles, library: PackLibrary | undefined, file: string): Expansion {
  const out: RawProfiles = { ...profiles }
  const problems: PolicyProblem[] = []
  const used: Record<string, string> = {}
  const available = Object.keys(library ?? {}).sort()
  const queue: { reference: string; from: string }[] = []
  for (const name of Object.keys(profiles).filter(isPackProfile)) {
    // Otherwise a policy could define its own, weaker "pack:credit/screen" and appear to use the pack.
    problems.push({
      file,
      path: formatYamlPath(['profiles', name]),
      message: `profile names starting with "${PACK_PREFIX}" are reserved for shipped packs; fix: rename the profile`
    })
    delete out[name]
  }
  for (const [name, profile] of Object.entries(profiles)) {
    if (isRecord(profile) && typeof profile.extends === 'string' && profile.extends.startsWith(PACK_PREFIX))
      queue.push({ reference: profile.extends, from: name })
  }
  while (queue.length > 0) {
    const { reference, from } = queue.shift()!
    if (out[reference] !== undefined) continue
    const path = formatYamlPath(['profiles', from, 'extends'])
    const match = PACK_REFERENCE.exec(reference)
    if (match === null) {
      problems.push({
        file,
        path,
        message:
          `"${reference}" is not a pack reference; fix: write extends: pack:<name>/<profile>, ` +
          'e.g. pack:credit/screen'
      })
      continue
    }
    const [, pack = '', wanted = ''] = match
    const text = library?.[pack]
    if (text === undefined) {
      problems.push({
        file,
        path,
        message:
          `unknown pack "${pack}"${didYouMean(pack, available)}; fix: name one of ` +
          `${available.length === 0 ? '(no packs are installed)' : available.join(', ')}`
      })
      continue
    }
    used[pack] = text
    const packed = packProfiles(pack, text)
    if (typeof packed === 'string') {
      problems.push({ file, path, message: `${packed}; fix: reinstall aims-gate` })
      continue
    }
    const profile = packed[wanted]
    if (!isRecord(profile)) {
      const names = Object.keys(packed)
      problems.push({
        file,
        path,
        message:
          `pack "${pack}" has no profile "${wanted}"${didYouMean(wanted, names)}; fix: name one of ` +
          names.map((n) => `pack:${pack}/${n}`).join(', ')
      })
      continue
    }
    // A pack profile extends other profiles of the same pack by their plain name.
    const parent = typeof profile.extends === 'string' ? profile.extends : undefined
    const parentKey = parent === undefined ? undefined : `${PACK_PREFIX}${pack}/${parent}`
    out[reference] = { ...profile, ...(parentKey === undefined ? {} : { extends: parentKey }) }
    if (parentKey !== undefined) queue.push({ reference: parentKey, from: reference })
  }
  return { profiles: out, problems, used }
}

/** True for a profile key that came from a pack (such profiles are not the policy's own). */
export const isPackProfile = (name: string): boolean => name.startsWith(PACK_PREFIX)

/**
 * The policy's digest: its own text, and the text of every pack it uses. A pack is part of what
 * governs the release, so a bundle or a write-back tag made under one pack text must not match
 * the same policy file read with another (an older or edited installation): the digest of a
 * policy without packs stays the SHA-256 of its file.
 */
export function policyDigest(text: string, used: Readonly<Record<string, string>>): string {
  const own = createHash('sha256').update(text, 'utf8').digest('hex')
  const names = Object.keys(used).sort()
  if (names.length === 0) return own
  const whole = createHash('sha256').update(`aims-gate policy\0${own}`)
  for (const name of names) {
    whole.update(
      `\0pack:${name}\0${createHash('sha256')
        .update(used[name] as string, 'utf8')
        .digest('hex')}`
    )
  }
  return whole.digest('hex')
}
