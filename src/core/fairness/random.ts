/**
 * Seeded randomness for the bootstrap: xoshiro128** (fast, 32-bit, good statistical quality)
 * seeded through splitmix32, plus an exact binomial sampler. Pure: the same seed gives the same
 * stream on every platform, so a recorded seed reproduces a recorded interval.
 */

/** splitmix32 step, used only to spread a user seed over xoshiro's 128-bit state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0
  let z = state.s
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

export class Xoshiro128 {
  private a: number
  private b: number
  private c: number
  private d: number

  /** `seed`: any non-negative integer up to 2^53 (both 32-bit halves are used). */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new RangeError(`seed must be a non-negative integer, got ${seed}`)
    const mix = { s: seed >>> 0 }
    const high = Math.floor(seed / 2 ** 32) >>> 0
    this.a = splitmix32(mix) ^ high
    this.b = splitmix32(mix)
    this.c = splitmix32(mix)
    this.d = splitmix32(mix)
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0
    const t = this.b << 9
    this.c ^= this.a
    this.d ^= this.b
    this.b ^= this.c
    this.a ^= this.d
    this.c ^= t
    this.d = rotl(this.d, 11)
    return result
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5
    const lo = this.nextUint32() >>> 6
    return (hi * 67108864 + lo) / 9007199254740992
  }

  /** Uniform integer in [0, n) for n ≤ 2^32 (rejection, so no modulo bias). */
  below(n: number): number {
    const limit = 4294967296 - (4294967296 % n)
    for (;;) {
      const x = this.nextUint32()
      if (x < limit) return x % n
    }
  }
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k))

/** log(k!) — a table for small k, Stirling's series (error < 1e-15 relative) beyond. */
const LOG_FACTORIAL_TABLE = (() => {
  const table = new Float64Array(1024)
  for (let k = 2; k < table.length; k++) table[k] = table[k - 1]! + Math.log(k)
  return table
})()

export function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE.length) return LOG_FACTORIAL_TABLE[k]!
  const inv = 1 / k
  const inv2 = inv * inv
  return (k + 0.5) * Math.log(k) - k + 0.9189385332046728 + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260))
}

/** Binomial(n, p) for p ≤ 0.5 and n·p < 10: inversion by sequential search. */
function binomialInversion(rng: Xoshiro128, n: number, p: number): number {
  const odds = p / (1 - p)
  const start = Math.exp(n * Math.log1p(-p))
  for (;;) {
    let u = rng.uniform()
    let pk = start
    let k = 0
    // Rounding can leave u above the summed mass; then pk underflows or k passes n: draw again.
    while (u > pk && pk > 0 && k <= n) {
      u -= pk
      k += 1
      pk *= (odds * (n - k + 1)) / k
    }
    if (u <= pk && k <= n) return k
  }
}

/**
 * Binomial(n, p) for p ≤ 0.5 and n·p ≥ 10: Hörmann's BTRS (transformed rejection with squeeze,
 * "The generation of binomial random variates", 1993). O(1) expected time for any n.
 */
function binomialBtrs(rng: Xoshiro128, n: number, p: number): number {
  const q = 1 - p
  const spq = Math.sqrt(n * p * q)
  const b = 1.15 + 2.53 * spq
  const a = -0.0873 + 0.0248 * b + 0.01 * p
  const c = n * p + 0.5
  const vr = 0.92 - 4.2 / b
  const alpha = (2.83 + 5.1 / b) * spq
  const lpq = Math.log(p / q)
  const m = Math.floor((n + 1) * p)
  const h = logFactorial(m) + logFactorial(n - m)
  for (;;) {
    const u = rng.uniform() - 0.5
    let v = rng.uniform()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + c)
    if (k < 0 || k > n) continue
    if (us >= 0.07 && v <= vr) return k
    v = Math.log((v * alpha) / (a / (us * us) + b))
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k
  }
}

/** An exact Binomial(n, p) draw (n a non-negative integer, 0 ≤ p ≤ 1). */
export function binomial(rng: Xoshiro128, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0
  if (p >= 1) return n
  const flip = p > 0.5
  const small = flip ? 1 - p : p
  const k = n * small < 10 ? binomialInversion(rng, n, small) : binomialBtrs(rng, n, small)
  return flip ? n - k : k
}
