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

/**
 * The total when the reader knows it (Parquet metadata), else estimated from the bytes read of a CSV
 * (rows so far scaled by the share of the file read; `~` marks the estimate). ETA from the rate.
 */
function totals(p: RecomputeProgress): { total?: number; estimated: boolean; eta?: number } {
  let total = p.totalRows
  let estimated = false
  if (
    total === undefined &&
    p.bytesRead !== undefined &&
    p.totalBytes !== undefined &&
    p.bytesRead > 0 &&
    p.totalBytes > 0
  ) {
    total = Math.max(p.rows, Math.round((p.rows * p.totalBytes) / Math.min(p.bytesRead, p.totalBytes)))
    estimated = true
  }
  const eta =
    p.etaSeconds ??
    (total !== undefined && p.rowsPerSecond > 0 ? Math.max(0, total - p.rows) / p.rowsPerSecond : undefined)
  return {
    ...(total === undefined ? {} : { total }),
    estimated,
    ...(eta === undefined || !Number.isFinite(eta) ? {} : { eta })
  }
}

const formatDuration = (seconds: number): string => {
  const s = Math.ceil(seconds)
  return s < 60
    ? `${s} s`
    : s < 3600
      ? `${Math.floor(s / 60)} min ${s % 60} s`
      : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
}

export function describeProgress(p: RecomputeProgress, label = 'recompute'): string {
  const { total, estimated, eta: etaSeconds } = totals(p)
  const rows = p.rows.toLocaleString('en-US')
  const done =
    total === undefined
      ? `${rows} rows`
      : `${rows}/${estimated ? '~' : ''}${total.toLocaleString('en-US')} rows ` +
        `(${((100 * p.rows) / Math.max(1, total)).toFixed(0)}%)`
  const eta = etaSeconds === undefined ? '' : `, ETA ${formatDuration(etaSeconds)}`
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
