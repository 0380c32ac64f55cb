/**
 * One measurement per process (so peak RSS is its own), printed as one JSON line:
 *   recompute-bench.js recompute <out_dir> csv|parquet   our end-to-end recompute
 *   recompute-bench.js ort <out_dir>                      raw onnxruntime-node on the same rows, pre-decoded
 */
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { openCsv } from '../../src/collect/data/csv-reader.js'
import { loadOnnxRuntime } from '../../src/collect/inference/load-runtime.js'
import { recompute } from '../../src/collect/recompute.js'
import type { ModelArtifact } from '../../src/core/evidence/types.js'

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024

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

async function runRecompute(out: string, format: 'csv' | 'parquet'): Promise<void> {
  const model = modelArtifact(join(out, 'model'))
  const start = performance.now()
  const evidence = await recompute({
    model,
    data: { path: join(out, `eval.${format}`) },
    label: 'label',
    task: 'binary'
  })
  const wallSeconds = (performance.now() - start) / 1000
  if (evidence.kind !== 'present') throw new Error(evidence.detail)
  const rows = evidence.value.dataset.rows
  console.log(
    JSON.stringify({
      mode: `recompute-${format}`,
      wallSeconds,
      peakRssMb: peakRssMb(),
      rows,
      metrics: evidence.value.metrics
    })
  )
}

/** The ceiling: the same model on the same rows, already decoded in memory; only inference is timed. */
async function runOrt(out: string): Promise<void> {
  const loaded = await loadOnnxRuntime()
  if (!loaded.ok) throw new Error(loaded.detail)
  const ort = loaded.runtime
  const session = await ort.InferenceSession.create(join(out, 'model', 'model.onnx'), { graphOptimizationLevel: 'all' })
  const features = Array.from({ length: 20 }, (_, j) => `f${String(j).padStart(2, '0')}`)
  const batch = 65_536
  const batches: Float32Array[] = []
  const source = await openCsv(join(out, 'eval.csv'))
  for await (const b of source.batches(
    features.map((name) => ({ name, kind: 'number' as const })),
    batch
  )) {
    const x = new Float32Array(b.rows * 20)
    features.forEach((name, j) => {
      const column = b.columns[name] as Float64Array
      for (let i = 0; i < b.rows; i++) x[i * 20 + j] = column[i]!
    })
    batches.push(x)
  }
  let rows = 0
  const start = performance.now()
  for (const x of batches) {
    await session.run({ X: new ort.Tensor('float32', x, [x.length / 20, 20]) })
    rows += x.length / 20
  }
  const wallSeconds = (performance.now() - start) / 1000
  console.log(
    JSON.stringify({ mode: 'ort', wallSeconds, peakRssMb: peakRssMb(), rows, rowsPerSecond: rows / wallSeconds })
  )
}

const [mode, out = 'bench/out', format = 'csv'] = process.argv.slice(2)
if (mode === 'recompute') await runRecompute(out, format as 'csv' | 'parquet')
else if (mode === 'ort') await runOrt(out)
else throw new Error('usage: recompute-bench.js recompute|ort <out_dir> [csv|parquet]')
