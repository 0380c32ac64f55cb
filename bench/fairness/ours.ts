/**
 * aims-gate side of the benchmark: the same rows, the same metrics (selection rate, TPR, FPR by
 * sex × race; their differences, ratios and per-group intervals) with n_boot resamples of the
 * count bootstrap. Prints JSON with wall time and peak RSS.
 *
 *   node ours.js <data.csv> <n_boot>
 */
import { readFileSync } from 'node:fs'
import { bootstrapCounts, type CountStatistic } from '../../src/core/fairness/bootstrap.js'
import { computeGroupStatistics } from '../../src/core/fairness/group-stats.js'
import { groupRate, packCounts, type RateMetric } from '../../src/core/fairness/metrics.js'

const [path, nBootText] = process.argv.slice(2)
if (path === undefined || nBootText === undefined) throw new Error('usage: ours.js <data.csv> <n_boot>')
const nBoot = Number(nBootText)

const t0 = performance.now()
const lines = readFileSync(path, 'utf8').split('\n')
const header = lines[0]!.split(',')
const at = (name: string): number => header.indexOf(name)
const rows = lines.length - 1 - (lines[lines.length - 1] === '' ? 1 : 0)
const yTrue = new Uint8Array(rows)
const yPred = new Uint8Array(rows)
const sex: string[] = new Array<string>(rows)
const race: string[] = new Array<string>(rows)
const [iy, ip, is, ir] = [at('y_true'), at('y_pred'), at('sex'), at('race')]
for (let i = 0; i < rows; i++) {
  const cells = lines[i + 1]!.split(',')
  yTrue[i] = cells[iy] === '1' ? 1 : 0
  yPred[i] = cells[ip] === '1' ? 1 : 0
  sex[i] = cells[is]!
  race[i] = cells[ir]!
}
lines.length = 0
const t1 = performance.now()
// CPU time of the computation only (the machine may be shared, so wall time alone misleads).
const cpu0 = process.cpuUsage()

const stats = computeGroupStatistics({ yTrue, yPred, sensitive: { sex, race } }, ['sex', 'race'])
if (stats.kind !== 'group-statistics') throw new Error(stats.detail)
const cells = packCounts(stats.groups)
const tCounts = performance.now()
const include = Uint8Array.from(stats.groups, (g) => (g.n > 0 ? 1 : 0))
const RATES: RateMetric[] = ['selection_rate', 'true_positive_rate', 'false_positive_rate']

/** max − min or min / max of a rate over the non-empty groups (fairlearn's difference / ratio). */
function spread(rate: RateMetric, c: Float64Array, ratio: boolean): number {
  let lo = Infinity
  let hi = -Infinity
  for (let g = 0; g < include.length; g++) {
    if (include[g] === 0) continue
    const r = groupRate(rate, c, g)
    if (r < lo) lo = r
    if (r > hi) hi = r
  }
  return ratio ? lo / hi : hi - lo
}
const statistics: CountStatistic[] = RATES.flatMap((rate) => [
  (c: Float64Array) => spread(rate, c, false),
  (c: Float64Array) => spread(rate, c, true),
  ...stats.groups.map((_, g) => (c: Float64Array) => groupRate(rate, c, g))
])
const point = {
  difference: Object.fromEntries(RATES.map((r) => [r, spread(r, cells, false)])),
  ratio: Object.fromEntries(RATES.map((r) => [r, spread(r, cells, true)]))
}
const boot = bootstrapCounts(cells, statistics, { nBoot, seed: 42, confidence: 0.95 })
const per = 2 + stats.groups.length
const interval = {
  difference: Object.fromEntries(
    RATES.map((r, k) => [r, [boot.statistics[k * per]!.interval.low, boot.statistics[k * per]!.interval.high]])
  ),
  ratio: Object.fromEntries(
    RATES.map((r, k) => [r, [boot.statistics[k * per + 1]!.interval.low, boot.statistics[k * per + 1]!.interval.high]])
  )
}
const t2 = performance.now()
const cpu = process.cpuUsage(cpu0)
process.stdout.write(
  JSON.stringify({
    side: 'aims-gate',
    rows,
    nBoot,
    loadSeconds: (t1 - t0) / 1000,
    computeSeconds: (t2 - t1) / 1000,
    countSeconds: (tCounts - t1) / 1000,
    bootstrapSeconds: (t2 - tCounts) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    // What the bootstrap keeps: one n_boot-long Float64Array per statistic; nothing per row.
    replicateMiB: (statistics.length * nBoot * 8) / 2 ** 20,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    point,
    interval
  })
)
