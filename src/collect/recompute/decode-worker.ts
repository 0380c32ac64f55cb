/**
 * The decode worker (bundled as dist/decode-worker.js): reads the evaluation data and hashes it
 * on its own thread, so the main thread only feeds onnxruntime and the metric accumulators.
 * It posts a batch only when holding a credit, which bounds the batches in flight.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { GateError } from '../../core/errors.js'
import { sha256File } from '../../hash.js'
import { openTable } from '../data/open-table.js'
import { type DecodeJob, PREFETCH_BATCHES, transferList } from './decode-protocol.js'
import type { ParentMessage, WorkerMessage } from './decode-protocol.js'

const port = parentPort
if (port === null) throw new Error('decode-worker.js runs as a worker thread of aims-gate, not on its own')

let credits = PREFETCH_BATCHES
let wake: (() => void) | undefined
port.on('message', (message: ParentMessage) => {
  if (message.t !== 'credit') return
  credits++
  wake?.()
})

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer)

async function decode(job: DecodeJob): Promise<void> {
  const hash = sha256File(job.path)
  hash.catch(() => undefined) // awaited at the end; a read error surfaces from the decoder first
  const table = await openTable(job.path, job.format)
  for await (const batch of table.batches(job.columns, job.batchSize)) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve))
    credits--
    post({ t: 'batch', rows: batch.rows, columns: batch.columns }, transferList(batch.columns))
  }
  post({ t: 'end', sha256: await hash })
}

decode(workerData as DecodeJob).then(
  () => port.unref(),
  (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code
    const message = (error as Error).message ?? String(error)
    post({ t: 'error', message, gate: error instanceof GateError, ...(typeof code === 'string' ? { code } : {}) })
    port.unref()
  }
)
