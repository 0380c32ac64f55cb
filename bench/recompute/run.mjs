#!/usr/bin/env node
/**
 * `npm run bench:recompute`: generates the 1M-row set and model (once), then measures, each in its
 * own process: the whole job (CSV, Parquet), read-only (CSV, Parquet), inference-only (onnxruntime
 * at 1 and 2 intra-op threads and its default), metrics-only (ours and scikit-learn's) and
 * mlflow.evaluate. The load average is taken before and after every row, since the machine may be
 * shared. BENCH_10M=1 adds the 10,000,000-row case (CSV ≈ 2 GB: the 1M set ten times over, built by repeat.py
 * under bench/out/10m).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')
const out = join(root, 'bench/out')
const python = join(root, '.venvs/mlflow3/bin/python')
const pinned = join(root, 'node_modules/.bin/node')
const node = existsSync(pinned) ? pinned : process.execPath
const only = new Set(process.argv.slice(2))
const want = (name) => only.size === 0 || only.has(name)

const sh = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
    ...opts
  })?.toString() ?? ''
const lastJson = (text) =>
  JSON.parse(
    text
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .pop()
  )
const load = () => loadavg()[0].toFixed(2)

const generate = (dir, env = {}) =>
  sh(python, [join(root, 'bench/recompute/generate.py'), dir], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env }
  })
console.error('generating data and model (skipped when present)…')
generate(out)
console.error('compiling the TypeScript bench…')
sh(join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'bench/recompute/tsconfig.json')])
const bench = join(out, 'build/bench/recompute/recompute-bench.js')

const results = []
const measure = (name, label, cmd, args) => {
  if (!want(name)) return
  console.error(`measuring: ${label}…`)
  const before = load()
  const r = lastJson(sh(cmd, args))
  results.push({ name, label, ...r, load: `${before} → ${load()}` })
}
const baselines = join(root, 'bench/recompute/python_baselines.py')
/** `wholeOnly`: the whole job alone (the 10M case, where every row takes minutes). */
const ours = (dir, suffix = '', wholeOnly = false) => {
  measure(`ours`, `aims-gate recompute, CSV (read, infer, all metrics, SHA-256)${suffix}`, node, [
    bench,
    'recompute',
    dir,
    'csv'
  ])
  measure(`parquet`, `aims-gate recompute, Parquet${suffix}`, node, [bench, 'recompute', dir, 'parquet'])
  if (wholeOnly) return
  measure(`inline${suffix}`, `aims-gate recompute, CSV, decoding on the main thread (no worker)${suffix}`, node, [
    bench,
    'recompute',
    dir,
    'csv',
    'inline'
  ])
  measure(`inline-parquet${suffix}`, `aims-gate recompute, Parquet, decoding on the main thread${suffix}`, node, [
    bench,
    'recompute',
    dir,
    'parquet',
    'inline'
  ])
  measure(`read${suffix}`, `read-only, CSV (21 columns decoded)${suffix}`, node, [bench, 'read', dir, 'csv'])
  measure(`read-parquet${suffix}`, `read-only, Parquet${suffix}`, node, [bench, 'read', dir, 'parquet'])
}
ours(out)
measure('ort', 'inference-only, onnxruntime default threads (rows decoded beforehand)', node, [bench, 'ort', out])
measure('ort', 'inference-only, intra-op threads = 1', node, [bench, 'ort', out, '1'])
measure('ort', 'inference-only, intra-op threads = 2', node, [bench, 'ort', out, '2'])
measure('metrics', 'metrics-only, aims-gate evaluator (predictions made beforehand)', node, [bench, 'metrics', out])
measure('sklearn', 'metrics-only, scikit-learn calls (predictions made beforehand)', python, [
  baselines,
  'sklearn',
  out
])
measure('mlflow', 'mlflow.evaluate, default evaluator (CSV via pandas, same ONNX graph)', python, [
  baselines,
  'mlflow',
  out
])

if (process.env.BENCH_10M === '1') {
  // The 1M rows ten times over with the same model: the cases differ only in the number of rows.
  console.error('building the 10M-row set from the 1M one (skipped when present)…')
  sh(python, [join(root, 'bench/recompute/repeat.py'), out], { stdio: ['ignore', 'inherit', 'inherit'] })
  ours(join(out, '10m'), ' — 10M rows', true)
}

const mlflow = results.find((r) => r.mode === 'mlflow')
const lines = [
  '| Step | Rows | Wall (s) | Peak RSS (MiB) | Rows/s | vs mlflow.evaluate | Load avg (1 min, before → after) |',
  '|---|---:|---:|---:|---:|---:|---|',
  ...results.map((r) => {
    const rows = r.rows ?? 1_000_000
    const ratio = mlflow && r.rows !== 10_000_000 ? `${(mlflow.wallSeconds / r.wallSeconds).toFixed(1)}×` : '—'
    return (
      `| ${r.label} | ${rows.toLocaleString('en-US')} | ${r.wallSeconds.toFixed(2)} ` +
      `| ${r.peakRssMb.toFixed(0)} ` +
      `| ${Math.round(rows / r.wallSeconds).toLocaleString('en-US')} | ${ratio} ` +
      `| ${r.load} |`
    )
  })
]
const csv = results.find((r) => r.mode === 'recompute-csv' && r.rows === 1_000_000)
if (csv && mlflow) {
  const shared = Object.keys(mlflow.metrics).filter((k) => k in csv.metrics)
  const worst = Math.max(
    ...shared.map((k) => Math.abs(csv.metrics[k] - mlflow.metrics[k]) / Math.max(Math.abs(mlflow.metrics[k]), 1e-300))
  )
  lines.push(
    '',
    `Metrics compared with mlflow.evaluate: ${shared.join(', ')}; largest relative ` +
      `difference ${worst.toExponential(2)}.`
  )
}
const big = results.find((r) => r.mode === 'recompute-csv' && r.rows === 10_000_000)
if (csv && big) {
  // Ten copies of a set have the same metrics, apart from the example count.
  const names = Object.keys(csv.metrics).filter(
    (k) => k !== 'example_count' && !/^(true|false)_/.test(k) && !k.startsWith('confusion')
  )
  const worst = Math.max(
    ...names.map((k) => Math.abs(big.metrics[k] - csv.metrics[k]) / Math.max(Math.abs(csv.metrics[k]), 1e-300))
  )
  lines.push(
    '',
    `10M vs 1M metrics (${names.length} rate metrics): largest relative difference ${worst.toExponential(2)}.`
  )
}
const cpu = cpus()[0]?.model ?? 'unknown CPU'
lines.push(
  '',
  `Machine: nproc ` +
    `= ${availableParallelism()}, ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB ` +
    `RAM, Node ${sh(node, ['--version']).trim()}.`
)
writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2))
console.log(lines.join('\n'))
