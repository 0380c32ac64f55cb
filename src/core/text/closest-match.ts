/**
 * "Did you mean …?" for typos in policy files: control ids, section ids, profile names, keys.
 * Levenshtein distance on lower-cased strings; a suggestion is offered only when it is close
 * enough to be a plausible typo, so a wild guess never sends the user somewhere wrong.
 */

/**
 * Edit distance (insertions, deletions, substitutions, and swaps of two neighbouring letters —
 * the commonest typo, `acu` for `auc`) between two strings.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1)
      const row = rows[i]
      if (row !== undefined) row[j] = best
    }
  }
  return at(a.length, b.length)
}

/** The nearest candidate however far it is (for ids, where naming the nearest real one always helps). */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase()
  let best: { candidate: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase())
    if (best === undefined || distance < best.distance) best = { candidate, distance }
  }
  return best?.candidate
}

/**
 * The candidate closest to `input`, or undefined when nothing is within a typo's reach
 * (at most a third of the longer string, and never more than 4 edits).
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  // An abbreviation (`prod` for `production`) is a plausible slip however many letters it drops.
  const prefixed = candidates.filter(
    (candidate) => input.length >= 3 && candidate.toLowerCase().startsWith(input.toLowerCase())
  )
  if (prefixed.length === 1) return prefixed[0]
  const best = nearest(input, candidates)
  if (best === undefined) return undefined
  const distance = editDistance(input.toLowerCase(), best.toLowerCase())
  const limit = Math.min(4, Math.max(1, Math.ceil(Math.max(input.length, best.length) / 3)))
  return distance <= limit ? best : undefined
}

/** ` (did you mean "x"?)` or the empty string, for appending to a message. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const match = closestMatch(input, candidates)
  return match === undefined ? '' : ` (did you mean "${match}"?)`
}
