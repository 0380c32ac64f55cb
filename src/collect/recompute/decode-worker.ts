/**
 * The decode worker (bundled as dist/decode-worker.js): reads the evaluation data and hashes it
 * on its own thread, so the main thread only feeds onnxruntime and the metric accumulators.
 * It posts a batch only when holding a credit, which bounds the batches in flight, and fills the
 * buffers the recompute hands back with each credit, so it allocates no new batches once running.
 * Holding a batch and no credit, it scores the batch itself when asked to (worker-scoring.ts).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { GateError } from '../../core/errors.js'
import { sha256File } from '../../hash.js'
import { BufferPool } from '../data/buffer-pool.js'
import { type ColumnBatch, columnBuffers } from '../data/columns.js'
import { openTable } from '../data/open-table.js'
import { type DecodeJob, PREFETCH_BATCHES } from './decode-protocol.js'
import type { ParentMessage, WorkerMessage } from './decode-protocol.js'
import { type BatchScorer, openScorer, outputBuffers } from './worker-scoring.js'

const port = parentPort
if (port === null) throw new Error('decode-worker.js runs as a worker thread of aims-gate, not on its own')

const job = workerData as DecodeJob
// Scoring or not, the worker sends at most PREFETCH_BATCHES unscored batches ahead; past that it
// scores the next one itself when it can (3 measured best against 2 and 4, bench/recompute).
let credits = PREFETCH_BATCHES
let wake: (() => void) | undefined
const pool = new BufferPool()
port.on('message', (message: ParentMessage) => {
  if (message?.t !== 'credit' && message?.t !== 'return') return
  if (message.t === 'credit') credits++
  if (Array.isArray(message.buffers)) pool.give(message.buffers.filter((b) => b instanceof ArrayBuffer))
  wake?.()
})

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer)

async function decode(): Promise<void> {
  const hash = sha256File(job.path)
  hash.catch(() => undefined) // awaited at the end; a read error surfaces from the decoder first
  // The session opens while the first batches decode; it scores only once it is ready.
  let scorer: BatchScorer | undefined
  const opening = job.scoring === undefined ? undefined : openScorer(job.scoring).then((s) => (scorer = s))
  opening?.catch(() => undefined) // awaited below; an error there ends the decode with its reason
  const table = await openTable(job.path, job.format)
  try {
    for await (const batch of table.batches(job.columns, job.batchSize, pool)) {
      if (credits === 0 && scorer !== undefined) {
        // The main thread is behind: score this batch here instead of waiting for it.
        const outputs = await scorer.score(batch)
        const kept: ColumnBatch['columns'] = {}
        for (const name of job.scoring!.needed) kept[name] = batch.columns[name]!
        const sent = columnBuffers(kept)
        pool.give(columnBuffers(batch.columns).filter((buffer: ArrayBuffer) => !sent.includes(buffer)))
        post({ t: 'scored', rows: batch.rows, columns: kept, outputs }, [...sent, ...outputBuffers(outputs)])
        continue
      }
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve))
      credits--
      post({ t: 'batch', rows: batch.rows, columns: batch.columns }, columnBuffers(batch.columns))
    }
    await opening
  } finally {
    await (await opening?.catch(() => undefined))?.close()
  }
  post({ t: 'end', sha256: await hash })
}

decode().then(
  () => port.unref(),
  (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code
    const message = (error as Error).message ?? String(error)
    post({ t: 'error', message, gate: error instanceof GateError, ...(typeof code === 'string' ? { code } : {}) })
    port.unref()
  }
)
