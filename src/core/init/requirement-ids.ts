/**
 * Requirement ids made from untrusted names (metric keys from MLflow): lower-case letters, digits,
 * `.`, `_` and `-` only, as the policy schema wants, and unique, so any name gives a valid id.
 */
const ID_LENGTH = 60

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, ID_LENGTH)
}

/** One id per name, in order: its slug, `<fallback>-<n>` when nothing is left, `-2`… when taken. */
export function requirementIds(names: readonly string[], fallback: string, taken: Iterable<string> = []): string[] {
  const used = new Set(taken)
  return names.map((name, index) => {
    const base = slug(name) || `${fallback}-${index + 1}`
    let id = base
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`
    used.add(id)
    return id
  })
}
