// Prints the side-by-side table of the fairness benchmark from the JSON the two sides wrote.
//   node report.mjs <out-dir> <n_boot>
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const [dir, nBootText] = process.argv.slice(2)
const nBoot = Number(nBootText)
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'))
const ours = read('ours.json')
const oursX10 = read('ours-x10.json')
const fl0 = read('fairlearn-0.json')
const flK = read('fairlearn-k.json')

// fairlearn's cost is (fixed) + n_boot × (per resample): fit that line through its two runs.
const measuredFull = flK.nBoot >= nBoot
const perBootCpu = (flK.cpuSeconds - fl0.cpuSeconds) / flK.nBoot
const perBootWall = (flK.computeSeconds - fl0.computeSeconds) / flK.nBoot
const flCpu = measuredFull ? flK.cpuSeconds : fl0.cpuSeconds + nBoot * perBootCpu
const flWall = measuredFull ? flK.computeSeconds : fl0.computeSeconds + nBoot * perBootWall
const est = measuredFull ? '' : ' (extrapolated)'

let maxPointGap = 0
for (const kind of ['difference', 'ratio']) {
  for (const [metric, value] of Object.entries(fl0.point[kind])) {
    maxPointGap = Math.max(maxPointGap, Math.abs(value - ours.point[kind][metric]))
  }
}
const f = (x, d = 2) => (x >= 100 ? x.toFixed(0) : x.toFixed(d))
const lines = [
  `# Fairness benchmark: ${ours.rows.toLocaleString('en')} rows, sex × race (10 groups), selection rate / TPR / FPR`,
  '',
  `| | aims-gate (n_boot ${nBoot}) | fairlearn MetricFrame (n_boot ${nBoot}) |`,
  '|---|---|---|',
  `| CPU seconds, compute | ${f(ours.cpuSeconds)} | ${f(flCpu)}${est} |`,
  `| wall seconds, compute | ${f(ours.computeSeconds)} | ${f(flWall)}${est} |`,
  `| of which rows → counts / bootstrap | ${f(ours.countSeconds)} / ${f(ours.bootstrapSeconds)} s | — |`,
  `| load CSV (not counted) | ${f(ours.loadSeconds)} s | ${f(fl0.loadSeconds)} s |`,
  `| peak RSS | ${f(ours.peakRssMiB, 0)} MiB | ${f(flK.peakRssMiB, 0)} MiB (measured at n_boot ${flK.nBoot}) |`,
  `| speed-up (CPU) | **${f(flCpu / ours.cpuSeconds, 0)}×** | 1× |`,
  '',
  `fairlearn measured: n_boot 0 → ${f(fl0.cpuSeconds)} s CPU ` +
    `(${f(fl0.computeSeconds)} s wall); n_boot ${flK.nBoot} → ${f(flK.cpuSeconds)} s ` +
    `CPU (${f(flK.computeSeconds)} s wall);` +
    ` ${f(perBootCpu)} s CPU per resample.` +
    (measuredFull
      ? ''
      : ` The n_boot ${nBoot} figures are fixed cost + ${nBoot} × per-resample cost, not a measurement.`),
  `Memory vs n_boot (aims-gate): n_boot ${ours.nBoot} → ${f(ours.peakRssMiB, 0)} ` +
    `MiB peak, n_boot ${oursX10.nBoot} → ${f(oursX10.peakRssMiB, 0)} MiB peak;` +
    ` the bootstrap itself holds ${f(ours.replicateMiB, 3)} ` +
    `/ ${f(oursX10.replicateMiB, 3)} MiB (one n_boot-long array per statistic), the ` +
    `rest is the loaded rows.`,
  `Point estimates (differences and ratios of the three rates): largest ` +
    `|aims-gate − fairlearn| = ${maxPointGap.toExponential(2)}.`,
  '',
  '| 95% interval | aims-gate | fairlearn' +
    (measuredFull ? '' : ` (n_boot ${flK.nBoot} only: not comparable, shown for completeness)`) +
    ' |',
  '|---|---|---|'
]
for (const kind of ['difference', 'ratio']) {
  for (const [metric, [lo, hi]] of Object.entries(ours.interval[kind])) {
    const theirs = flK.interval?.[kind]?.[metric]
    lines.push(
      `| ${metric} ${kind} | [${lo.toFixed(4)}, ${hi.toFixed(4)}] ` +
        `| ${theirs ? `[${theirs[0].toFixed(4)}, ${theirs[1].toFixed(4)}]` : '—'} |`
    )
  }
}
console.log(lines.join('\n'))
