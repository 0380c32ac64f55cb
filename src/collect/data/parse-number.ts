/**
 * Decimal text → float64 straight from bytes, without building a string per cell (that is what
 * makes CSV decoding slow). The fast path is exact: a decimal mantissa up to 2^53 and a power of
 * ten within 10^±22 are both exactly representable, so one multiply or divide is correctly
 * rounded (Clinger's fast path). Anything else falls back to `Number()` on the text.
 */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

/** Returns NaN for an empty cell and `undefined` when the text is not a number. */
export function parseNumberBytes(buf: Uint8Array, start: number, end: number): number | undefined {
  if (start === end) return Number.NaN
  let i = start
  let negative = false
  const first = buf[i]!
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45
    i++
  }
  // Integer then fraction digits, each in a tight loop. Leading zeros leave the mantissa at 0, and
  // a mantissa up to 2^53 is exact, which is all the fast path needs (checked below).
  let mantissa = 0
  const digitsStart = i
  while (i < end) {
    const d = buf[i]! - 48
    if (d < 0 || d > 9) break
    mantissa = mantissa * 10 + d
    i++
  }
  let exponent = 0
  let sawDigit = i > digitsStart
  if (i < end && buf[i] === 46 /* . */) {
    i++
    const fractionStart = i
    while (i < end) {
      const d = buf[i]! - 48
      if (d < 0 || d > 9) break
      mantissa = mantissa * 10 + d
      i++
    }
    exponent = fractionStart - i
    sawDigit ||= i > fractionStart
  }
  if (sawDigit && i < end && (buf[i] === 101 || buf[i] === 69) /* e E */) {
    i++
    let expNegative = false
    if (buf[i] === 45 || buf[i] === 43) {
      expNegative = buf[i] === 45
      i++
    }
    let e = 0
    let expDigits = 0
    while (i < end) {
      const d = buf[i]! - 48
      if (d < 0 || d > 9) break
      e = e * 10 + d
      expDigits++
      i++
      if (e > 100_000) break
    }
    if (expDigits === 0) return slowPath(buf, start, end)
    exponent += expNegative ? -e : e
  }
  if (!sawDigit || i !== end || mantissa > Number.MAX_SAFE_INTEGER) return slowPath(buf, start, end)
  let value: number
  if (mantissa === 0) value = 0
  else if (exponent >= 0 && exponent <= 22) value = mantissa * POW10[exponent]!
  else if (exponent < 0 && exponent >= -22) value = mantissa / POW10[-exponent]!
  else return slowPath(buf, start, end)
  return negative ? -value : value
}

const SPECIAL: Record<string, number> = {
  nan: Number.NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '-infinity': -Infinity,
  'n/a': Number.NaN,
  na: Number.NaN,
  null: Number.NaN,
  '': Number.NaN
}

function slowPath(buf: Uint8Array, start: number, end: number): number | undefined {
  const text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start)
    .toString('latin1')
    .trim()
  const special = SPECIAL[text.toLowerCase()]
  if (special !== undefined) return special
  const value = Number(text)
  return Number.isNaN(value) ? undefined : value
}
