/**
 * A model name or version as one safe path segment: anything but letters, digits, `.`, `_` and
 * `-` becomes `_`, and `.`/`..` cannot climb out of the folder it is joined to. Shared by the
 * card-source reader and the card writer, so both agree on `model-cards/<model>…`.
 */
export function pathSegment(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_')
  if (safe === '') return '_'
  return /^\.+$/.test(safe) ? safe.replace(/\./g, '_') : safe
}
