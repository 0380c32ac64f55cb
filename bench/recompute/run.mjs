#!/usr/bin/env node
/**
 * `npm run bench:recompute`: generates the 1M-row set and model (once), then measures, each in
 * its own process: our recompute (CSV, Parquet), mlflow.evaluate, sklearn metrics on precomputed
 * predictions, and raw onnxruntime-node as the ceiling. Prints a Markdown table.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')
const out = join(root, 'bench/out')
const python = join(root, '.venvs/mlflow3/bin/python')
const node = process.execPath
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

console.error('generating data and model (skipped when present)…')
sh(python, [join(root, 'bench/recompute/generate.py'), out], { stdio: ['ignore', 'inherit', 'inherit'] })
console.error('compiling the TypeScript bench…')
sh(join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'bench/recompute/tsconfig.json')])
const bench = join(out, 'build/bench/recompute/recompute-bench.js')

const results = []
const measure = (label, cmd, args) => {
  console.error(`measuring: ${label}…`)
  const r = lastJson(sh(cmd, args))
  results.push({ label, ...r })
}
if (want('ours')) measure('aims-gate recompute (CSV: read, infer, all metrics)', node, [bench, 'recompute', out, 'csv'])
if (want('parquet')) measure('aims-gate recompute (Parquet)', node, [bench, 'recompute', out, 'parquet'])
if (want('mlflow'))
  measure('mlflow.evaluate, default evaluator (CSV via pandas, same ONNX graph)', python, [
    join(root, 'bench/recompute/python_baselines.py'),
    'mlflow',
    out
  ])
if (want('sklearn'))
  measure('scikit-learn metric calls on precomputed predictions (metrics only)', python, [
    join(root, 'bench/recompute/python_baselines.py'),
    'sklearn',
    out
  ])
if (want('ort'))
  measure('raw onnxruntime-node inference on pre-decoded rows (ceiling; peak RSS includes the decoded data)', node, [
    bench,
    'ort',
    out
  ])

const rows = 1_000_000
const mlflow = results.find((r) => r.mode === 'mlflow')
const lines = [
  '| Step | Wall (s) | Peak RSS (MiB) | Rows/s | vs mlflow.evaluate |',
  '|---|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.label} | ${r.wallSeconds.toFixed(2)} | ${r.peakRssMb.toFixed(0)} ` +
      `| ${Math.round(rows / r.wallSeconds).toLocaleString('en-US')} ` +
      `| ${mlflow ? `${(mlflow.wallSeconds / r.wallSeconds).toFixed(1)}×` : '—'} |`
  )
]
const ours = results.find((r) => r.mode === 'recompute-csv')
if (ours && mlflow) {
  const shared = Object.keys(mlflow.metrics).filter((k) => k in ours.metrics)
  const worst = Math.max(
    ...shared.map((k) => Math.abs(ours.metrics[k] - mlflow.metrics[k]) / Math.max(Math.abs(mlflow.metrics[k]), 1e-300))
  )
  lines.push(
    '',
    `Metrics compared with mlflow.evaluate: ${shared.join(', ')}; largest relative ` +
      `difference ${worst.toExponential(2)}.`
  )
}
const cpu = cpus()[0]?.model ?? 'unknown CPU'
lines.push(
  '',
  `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}.`
)
writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2))
console.log(lines.join('\n'))
