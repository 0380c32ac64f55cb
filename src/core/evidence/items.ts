import type { EvidenceItem, Missing, MissingReason, Present, Provenance } from './types.js'

/** Builds a present evidence item. */
export function present<T>(value: T, provenance: Provenance): Present<T> {
  return { kind: 'present', value, provenance }
}

/** Builds an explicit missing item: say what was looked for and what to do. */
export function missing(reason: MissingReason, detail: string): Missing {
  return { kind: 'missing', reason, detail }
}

export function isPresent<T>(item: EvidenceItem<T>): item is Present<T> {
  return item.kind === 'present'
}
