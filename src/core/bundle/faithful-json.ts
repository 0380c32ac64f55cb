/**
 * JSON that gives back exactly the value it was made from. Plain JSON turns NaN, ±Infinity and
 * -0 into null or 0, and a metric MLflow logged as NaN would then re-evaluate differently from
 * the run that was bundled. Such numbers are written as `{"$n": "NaN"}`; an object key that
 * starts with `$` (a tag named `$n` in MLflow, say) is written with one more `$`, so no value
 * from the evidence can pass for the marker.
 */
const MARK = '$n'

function encode(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && !Object.is(value, -0)) return value
    return { [MARK]: Object.is(value, -0) ? '-0' : String(value) }
  }
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : encode(item)))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) setOwn(out, key.startsWith('$') ? `$${key}` : key, encode(item))
    }
    return out
  }
  return value
}

/** An own property even for `__proto__` (a key untrusted evidence may hold), never the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

const SPECIAL: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode)
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    if (entries.length === 1 && entries[0]![0] === MARK) {
      const special = SPECIAL[String(entries[0]![1])]
      if (special === undefined)
        throw new Error(`"${MARK}" holds ${JSON.stringify(entries[0]![1])}, which is no number`)
      return special
    }
    const out: Record<string, unknown> = {}
    for (const [key, item] of entries) {
      if (key.startsWith('$') && !key.startsWith('$$')) throw new Error(`unexpected key "${key}"`)
      setOwn(out, key.startsWith('$') ? key.slice(1) : key, decode(item))
    }
    return out
  }
  return value
}

/** Two-space indented, newline-terminated: the bytes are part of what the bundle hashes. */
export function toFaithfulJson(value: unknown): string {
  return `${JSON.stringify(encode(value), null, 2)}\n`
}

/** Throws on malformed JSON or a malformed marker (the caller says which file). */
export function fromFaithfulJson(text: string): unknown {
  return decode(JSON.parse(text))
}
