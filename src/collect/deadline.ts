/**
 * The overall deadline of one gate run (`--deadline`, action input `deadline`): every MLflow
 * request, retry wait and download is bounded by what is left of it, so a hostile or dying server
 * cannot hold a CI job past it, however the per-request timeouts and retries add up.
 */
export interface Deadline {
  /** The whole budget, seconds (for messages). */
  readonly seconds: number
  /** Milliseconds left; ≤ 0 once passed. */
  remainingMs(): number
}

export const DEFAULT_DEADLINE_SECONDS = 600

export function startDeadline(seconds: number, now: () => number = Date.now): Deadline {
  const ends = now() + seconds * 1000
  return { seconds, remainingMs: () => ends - now() }
}

/** No deadline (tests and library callers that bound time themselves). */
export const NO_DEADLINE: Deadline = { seconds: Number.POSITIVE_INFINITY, remainingMs: () => Number.POSITIVE_INFINITY }
