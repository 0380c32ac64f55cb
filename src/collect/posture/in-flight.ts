/**
 * A bound on concurrent MLflow requests: at most `limit` tasks run at once, the rest wait in
 * order. It remembers the most that ever ran together, which the posture reports beside the count.
 */
export class InFlightLimit {
  private running = 0
  private readonly waiting: Array<() => void> = []
  /** The most tasks that ran at the same time. */
  peak = 0

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`in-flight limit ${limit} is not a whole number ≥ 1`)
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.running++
    this.peak = Math.max(this.peak, this.running)
    try {
      return await task()
    } finally {
      this.running--
      this.waiting.shift()?.()
    }
  }

  /** Runs `task` over every item under the bound; results in the items' order. */
  all<I, T>(items: readonly I[], task: (item: I) => Promise<T>): Promise<T[]> {
    return Promise.all(items.map((item) => this.run(() => task(item))))
  }
}
