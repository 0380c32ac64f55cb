/**
 * Draws the progress of a long recompute: one updating line on a terminal, a plain log line every
 * few seconds elsewhere (CI logs keep every line, so redrawing would flood them). The collect
 * code only calls the `ProgressDisplay` it is given; what is shown is decided here, at the edge.
 */
import type { ProgressDisplay, RecomputeProgress } from '../pipeline/ports.js'

export interface ProgressSink {
  isTTY?: boolean
  write(text: string): unknown
}

export interface ProgressReporterOptions {
  sink?: ProgressSink
  /** Seconds between log lines when not on a terminal. */
  intervalSeconds?: number
  /** Monotonic seconds; injected so tests need no real clock. */
  now?: () => number
  label?: string
}

const formatRate = (r: number): string =>
  r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : r >= 1e3 ? `${(r / 1e3).toFixed(1)} k` : r.toFixed(0)

export function describeProgress(p: RecomputeProgress, label = 'recompute'): string {
  const done =
    p.totalRows === undefined
      ? `${p.rows.toLocaleString('en-US')} rows`
      : `${p.rows.toLocaleString('en-US')}/${p.totalRows.toLocaleString('en-US')} rows ` +
        `(${((100 * p.rows) / Math.max(1, p.totalRows)).toFixed(0)}%)`
  const eta = p.etaSeconds === undefined ? '' : `, ETA ${Math.ceil(p.etaSeconds)} s`
  return `${label}: ${done}, ${formatRate(p.rowsPerSecond)} rows/s${eta}`
}

/** Returns an `onProgress` callback and a `done()` that ends the terminal line. */
export function progressReporter(options: ProgressReporterOptions = {}): ProgressDisplay {
  const sink = options.sink ?? process.stderr
  const interval = options.intervalSeconds ?? 10
  const now = options.now ?? (() => performance.now() / 1000)
  const label = options.label ?? 'recompute'
  const tty = sink.isTTY === true
  let lastLog = now()
  let drew = false
  return {
    onProgress(p) {
      if (tty) {
        sink.write(`\r\x1b[2K${describeProgress(p, label)}`)
        drew = true
        return
      }
      const t = now()
      if (t - lastLog >= interval) {
        sink.write(`${describeProgress(p, label)}\n`)
        lastLog = t
      }
    },
    done() {
      if (tty && drew) sink.write('\n')
    }
  }
}
