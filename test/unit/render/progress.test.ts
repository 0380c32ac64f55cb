import { describe, expect, it } from 'vitest'
import { describeProgress, progressReporter } from '../../../src/render/progress.js'

describe('recompute progress', () => {
  it('says rows, rate and ETA', () => {
    expect(describeProgress({ rows: 250_000, totalRows: 1_000_000, rowsPerSecond: 500_000, etaSeconds: 1.5 })).toBe(
      'recompute: 250,000/1,000,000 rows (25%), 500.0 k rows/s, ETA 2 s'
    )
    expect(describeProgress({ rows: 1200, rowsPerSecond: 2_500_000 })).toBe('recompute: 1,200 rows, 2.50 M rows/s')
  })

  it("estimates a CSV's total from the bytes read, and the ETA from the rate", () => {
    expect(describeProgress({ rows: 10_000, rowsPerSecond: 1000, bytesRead: 1_000_000, totalBytes: 4_000_000 })).toBe(
      'recompute: 10,000/~40,000 rows (25%), 1.0 k rows/s, ETA 30 s'
    )
    expect(describeProgress({ rows: 1000, totalRows: 361_000, rowsPerSecond: 100 })).toBe(
      'recompute: 1,000/361,000 rows (0%), 100 rows/s, ETA 1 h 0 min'
    )
    expect(describeProgress({ rows: 5, rowsPerSecond: 0, bytesRead: 0, totalBytes: 10 })).toBe(
      'recompute: 5 rows, 0 rows/s'
    )
  })

  it('redraws one line on a terminal', () => {
    const written: string[] = []
    const r = progressReporter({ sink: { isTTY: true, write: (t) => written.push(t) } })
    r.onProgress({ rows: 1, rowsPerSecond: 1 })
    r.onProgress({ rows: 2, rowsPerSecond: 1 })
    r.done()
    expect(written.slice(0, 2).every((t) => t.startsWith('\r\x1b[2K'))).toBe(true)
    expect(written[2]).toBe('\n')
  })

  it('logs a plain line every interval elsewhere (CI)', () => {
    const written: string[] = []
    let t = 0
    const r = progressReporter({
      sink: { isTTY: false, write: (s) => written.push(s) },
      intervalSeconds: 10,
      now: () => t
    })
    for (t = 1; t <= 25; t++) r.onProgress({ rows: t * 1000, rowsPerSecond: 1000 })
    r.done()
    expect(written).toEqual(['recompute: 10,000 rows, 1.0 k rows/s\n', 'recompute: 20,000 rows, 1.0 k rows/s\n'])
  })
})
