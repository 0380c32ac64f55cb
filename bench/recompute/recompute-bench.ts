/**
 * One measurement per process (so peak RSS is its own), printed as one JSON line:
 *   recompute-bench.js recompute <dir> csv|parquet [inline]   the whole job: read, infer, all metrics,
 *                                                    hash (decoding in the worker; `inline`: on the main thread)
 *   recompute-bench.js read <dir> csv|parquet        read-only: decode the columns the job reads
 *   recompute-bench.js ort <dir> [threads]           inference-only on rows decoded beforehand
 *   recompute-bench.js metrics <dir>                 metrics-only on predictions made beforehand
 */
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { BufferPool } from '../../src/collect/data/buffer-pool.js'
import { columnBuffers, textColumn, texts } from '../../src/collect/data/columns.js'
import { openCsv } from '../../src/collect/data/csv-reader.js'
import { openTable } from '../../src/collect/data/open-table.js'
import { loadOnnxRuntime } from '../../src/collect/inference/load-runtime.js'
import { recompute } from '../../src/collect/recompute/recompute.js'
import type { ModelArtifact } from '../../src/core/evidence/types.js'
import { ClassifierEvaluator } from '../../src/core/metrics/classifier-evaluator.js'

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024
const FEATURES = Array.from({ length: 20 }, (_, j) => `f${String(j).padStart(2, '0')}`)
const BATCH = 65_536
const elapsed = (start: number): number => (performance.now() - start) / 1000

function modelArtifact(dir: string): ModelArtifact {
  const files = readdirSync(dir).map((path) => {
    const bytes = readFileSync(join(dir, path))
    return { path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
  })
  return {
    sourceUri: dir,
    localDir: dir,
    files,
    mlmodel: parse(readFileSync(join(dir, 'MLmodel'), 'utf8')) as Record<string, unknown>,
    onnxPath: 'model.onnx',
    onnxSha256: files.find((f) => f.path === 'model.onnx')!.sha256
  }
}

async function runRecompute(dir: string, format: 'csv' | 'parquet', inline: boolean): Promise<void> {
  const model = modelArtifact(join(dir, 'model'))
  const start = performance.now()
  const data = { path: join(dir, `eval.${format}`) }
  const evidence = await recompute({
    model,
    data,
    label: 'label',
    task: 'binary',
    ...(inline ? { decodeWorker: false as const } : {})
  })
  const wallSeconds = elapsed(start)
  if (evidence.kind !== 'present') throw new Error(evidence.detail)
  const rows = evidence.value.dataset.rows
  console.log(
    JSON.stringify({
      mode: `recompute-${format}${inline ? '-inline' : ''}`,
      wallSeconds,
      peakRssMb: peakRssMb(),
      rows,
      metrics: evidence.value.metrics
    })
  )
}

/** Read-only: the same columns and batches the whole job reads, decoded and dropped. */
async function runRead(dir: string, format: 'csv' | 'parquet'): Promise<void> {
  const start = performance.now()
  const table = await openTable(join(dir, `eval.${format}`))
  const columns = [
    ...FEATURES.map((name) => ({ name, kind: 'number' as const })),
    { name: 'label', kind: 'string' as const }
  ]
  let rows = 0
  // Buffers given back after each batch, as the recompute does (decoded-batches.ts).
  const pool = new BufferPool()
  for await (const batch of table.batches(columns, BATCH, pool)) {
    rows += batch.rows
    pool.give(columnBuffers(batch.columns))
  }
  console.log(JSON.stringify({ mode: `read-${format}`, wallSeconds: elapsed(start), peakRssMb: peakRssMb(), rows }))
}

/** Decodes the features of every row into row-major float32 batches (untimed set-up). */
async function decodedBatches(dir: string): Promise<{ x: Float32Array[]; labels: string[][] }> {
  const x: Float32Array[] = []
  const labels: string[][] = []
  const source = await openCsv(join(dir, 'eval.csv'))
  const columns = [
    ...FEATURES.map((name) => ({ name, kind: 'number' as const })),
    { name: 'label', kind: 'string' as const }
  ]
  for await (const b of source.batches(columns, BATCH)) {
    const m = new Float32Array(b.rows * 20)
    FEATURES.forEach((name, j) => {
      const column = b.columns[name] as Float64Array
      for (let i = 0; i < b.rows; i++) m[i * 20 + j] = column[i]!
    })
    x.push(m)
    labels.push(texts(textColumn(b, 'label'), b.rows))
  }
  return { x, labels }
}

async function session(dir: string, threads?: number) {
  const loaded = await loadOnnxRuntime()
  if (!loaded.ok) throw new Error(loaded.detail)
  const ort = loaded.runtime
  const options = {
    graphOptimizationLevel: 'all' as const,
    ...(threads === undefined ? {} : { intraOpNumThreads: threads })
  }
  return { ort, session: await ort.InferenceSession.create(join(dir, 'model', 'model.onnx'), options) }
}

/** Inference-only: the same model on the same rows, already decoded in memory; only `run` is timed. */
async function runOrt(dir: string, threads?: number): Promise<void> {
  const { ort, session: s } = await session(dir, threads)
  const { x } = await decodedBatches(dir)
  let rows = 0
  const start = performance.now()
  for (const m of x) {
    await s.run({ X: new ort.Tensor('float32', m, [m.length / 20, 20]) })
    rows += m.length / 20
  }
  const wallSeconds = elapsed(start)
  console.log(JSON.stringify({ mode: `ort-${threads ?? 'default'}`, wallSeconds, peakRssMb: peakRssMb(), rows }))
}

/** Metrics-only: our evaluator on labels and probabilities computed beforehand (untimed). */
async function runMetrics(dir: string): Promise<void> {
  const { ort, session: s } = await session(dir)
  const { x, labels } = await decodedBatches(dir)
  const batches: { trueIndex: Int32Array; predictedIndex: Int32Array; probabilities: Float32Array }[] = []
  for (let b = 0; b < x.length; b++) {
    const m = x[b]!
    const out = await s.run({ X: new ort.Tensor('float32', m, [m.length / 20, 20]) })
    const names = s.outputNames
    const predicted = out[names[0]!]!.data as BigInt64Array
    const trueIndex = Int32Array.from(labels[b]!, (v) => (v === '1' ? 1 : 0))
    const predictedIndex = Int32Array.from(predicted, (v) => Number(v))
    batches.push({ trueIndex, predictedIndex, probabilities: out[names[1]!]!.data as Float32Array })
  }
  const start = performance.now()
  const evaluator = new ClassifierEvaluator({ classNames: ['0', '1'], positiveIndex: 1 })
  let rows = 0
  for (const b of batches) {
    evaluator.update({ rows: b.trueIndex.length, ...b })
    rows += b.trueIndex.length
  }
  const metrics = evaluator.result().metrics
  console.log(JSON.stringify({ mode: 'metrics', wallSeconds: elapsed(start), peakRssMb: peakRssMb(), rows, metrics }))
}

const [mode, dir = 'bench/out', arg, extra] = process.argv.slice(2)
const format = (arg ?? 'csv') as 'csv' | 'parquet'
if (mode === 'recompute') await runRecompute(dir, format, extra === 'inline')
else if (mode === 'read') await runRead(dir, format)
else if (mode === 'ort') await runOrt(dir, arg === undefined ? undefined : Number(arg))
else if (mode === 'metrics') await runMetrics(dir)
else throw new Error('usage: recompute-bench.js recompute|read|ort|metrics <dir> [csv|parquet|threads]')
