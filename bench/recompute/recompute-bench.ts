/**
 * One measurement per process (so peak RSS is its own), printed as one JSON line:
 *   recompute-bench.js recompute <out_dir> csv|parquet   our end-to-end recompute
 *   recompute-bench.js ort <out_dir>                      raw onnxruntime-node on in-memory rows
 */
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
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
  const evidence = await recompute({ model, data: { path: join(out, `eval.${format}`) }, label: 'label', task: 'binary' })
  const wallSeconds = (performance.now() - start) / 1000
  if (evidence.kind !== 'present') throw new Error(evidence.detail)
  const rows = evidence.value.dataset.rows
  console.log(JSON.stringify({ mode: `recompute-${format}`, wallSeconds, peakRssMb: peakRssMb(), rows, metrics: evidence.value.metrics }))
}

async function runOrt(out: string): Promise<void> {
  const loaded = await loadOnnxRuntime()
  if (!loaded.ok) throw new Error(loaded.detail)
  const ort = loaded.runtime
  const session = await ort.InferenceSession.create(join(out, 'model', 'model.onnx'), { graphOptimizationLevel: 'all' })
  const rows = 1_000_000
  const batch = 65_536
  const data = new Float32Array(rows * 20)
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 12.9898) * 2
  const start = performance.now()
  for (let r = 0; r < rows; r += batch) {
    const n = Math.min(batch, rows - r)
    await session.run({ X: new ort.Tensor('float32', data.subarray(r * 20, (r + n) * 20), [n, 20]) })
  }
  const wallSeconds = (performance.now() - start) / 1000
  console.log(JSON.stringify({ mode: 'ort', wallSeconds, peakRssMb: peakRssMb(), rows, rowsPerSecond: rows / wallSeconds }))
}

const [mode, out = 'bench/out', format = 'csv'] = process.argv.slice(2)
if (mode === 'recompute') await runRecompute(out, format as 'csv' | 'parquet')
else if (mode === 'ort') await runOrt(out)
else throw new Error('usage: recompute-bench.js recompute|ort <out_dir> [csv|parquet]')
