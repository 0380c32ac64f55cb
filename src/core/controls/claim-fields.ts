/**
 * The control fields of a requirement result: the effective claims (`effectiveClaims`), so every
 * check builds them the same way and no result can claim more than its check kind evidences.
 */
import type { Requirement } from '../policy/schema.js'
import { effectiveClaims } from './claims.js'

export function claimFields(requirement: Requirement): {
  controls: string[]
  supports: string[]
  claimNotes?: string[]
} {
  const claims = effectiveClaims(requirement)
  return {
    controls: claims.satisfies,
    supports: claims.supports,
    ...(claims.notes.length === 0 ? {} : { claimNotes: claims.notes.map((note) => note.message) })
  }
}
