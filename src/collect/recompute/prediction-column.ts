/**
 * Fairness on predictions that are already in the evaluation data (`predictionColumn:`), without
 * running the model: one streaming pass reads the label, the prediction and the sensitive columns
 * as text and maps label and prediction to 0/1 with the same positive class the recompute uses.
 * Problems (a column the file lacks, predictions that are scores rather than classes) come back as
 * `missing` with the column and the fix; nothing here passes silently.
 */
import { basename } from 'node:path'
import { GateError } from '../../core/errors.js'
import { missing } from '../../core/evidence/items.js'
import type { Missing } from '../../core/evidence/types.js'
import { appendTexts, textColumn } from '../data/columns.js'
import { openTable, type TableFormat } from '../data/open-table.js'
import { ClassMapping, defaultPositiveIndex } from '../inference/class-mapping.js'

export interface PredictionColumnRows {
  rows: number
  /** 0/1 per row, the positive class as 1. */
  yTrue: Uint8Array
  yPred: Uint8Array
  sensitive: Record<string, string[]>
  /** The positive class as the label column writes it. */
  positiveClass: string
}

export interface PredictionColumnRequest {
  data: { path: string; format?: TableFormat }
  label: string
  predictionColumn: string
  sensitiveFeatures: readonly string[]
  /** From the policy, or the class the model run used; absent: the last label in sorted order. */
  positiveClass?: string | number
  batchSize?: number
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/

export async function readPredictionColumn(request: PredictionColumnRequest): Promise<PredictionColumnRows | Missing> {
  const file = basename(request.data.path)
  try {
    const table = await openTable(request.data.path, request.data.format)
    const wanted = [...new Set([request.label, request.predictionColumn, ...request.sensitiveFeatures])]
    const absent = wanted.filter((name) => !table.columnNames.includes(name))
    if (absent.length > 0) {
      return missing(
        'not-found',
        `evaluation data ${file} has no ` +
          `column ${absent.map((n) => `'${n}'`).join(', ')} (needed for predictionColumn ` +
          `fairness); columns: ${table.columnNames.slice(0, 30).join(', ')}`
      )
    }
    const labels: string[] = []
    const predictions: string[] = []
    const sensitive: Record<string, string[]> = Object.fromEntries(
      request.sensitiveFeatures.map((name) => [name, [] as string[]])
    )
    for await (const batch of table.batches(
      wanted.map((name) => ({ name, kind: 'string' as const })),
      request.batchSize ?? 65_536
    )) {
      appendTexts(labels, textColumn(batch, request.label), batch.rows)
      appendTexts(predictions, textColumn(batch, request.predictionColumn), batch.rows)
      for (const name of request.sensitiveFeatures) appendTexts(sensitive[name]!, textColumn(batch, name), batch.rows)
    }
    return toBinaryRows(labels, predictions, sensitive, request, file)
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'read failed'
    if (error instanceof GateError) return missing('invalid', message)
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return missing('not-found', `evaluation data ${file} does not exist; check the path in the policy or --eval-data`)
    return missing('invalid', `reading ${request.predictionColumn} from ${file} failed: ${message}`)
  }
}

function toBinaryRows(
  labels: string[],
  predictions: string[],
  sensitive: Record<string, string[]>,
  request: PredictionColumnRequest,
  file: string
): PredictionColumnRows | Missing {
  const distinct = [...new Set(labels)]
  if (distinct.length !== 2) {
    return missing(
      'invalid',
      `label column '${request.label}' of ${file} has ${distinct.length} distinct ` +
        `value(s) (${distinct.slice(0, 5).join(', ')}); fairness requirements need a ` +
        `binary label`
    )
  }
  // Numeric labels are classes by value ("1" and "1.0" are one class), as in the recompute.
  const numeric = distinct.every((v) => NUMBER.test(v))
  const mapping = new ClassMapping(
    numeric ? { kind: 'int64', values: distinct.map(Number) } : { kind: 'string', values: distinct },
    request.label
  )
  const positive =
    request.positiveClass === undefined ? defaultPositiveIndex(mapping.classes) : mapping.find(request.positiveClass)
  if (positive === undefined) {
    return missing(
      'invalid',
      `positive class '${String(request.positiveClass)}' is not a value of label ` +
        `column '${request.label}' (${distinct.join(', ')}); fix positiveClass in the ` +
        `evaluation block`
    )
  }
  const rows = labels.length
  const yTrue = new Uint8Array(rows)
  const yPred = new Uint8Array(rows)
  for (let i = 0; i < rows; i++) {
    yTrue[i] = mapping.find(labels[i]!) === positive ? 1 : 0
    const index = mapping.find(predictions[i]!)
    if (index === undefined) {
      return missing(
        'invalid',
        `prediction column '${request.predictionColumn}' of ${file} holds ` +
          `'${predictions[i]!.slice(0, 40)}' at row ${i + 1}, which is not a class of ` +
          `label column '${request.label}' (${mapping.names.join(', ')}); it must hold ` +
          `predicted classes, not scores`
      )
    }
    yPred[i] = index === positive ? 1 : 0
  }
  return { rows, yTrue, yPred, sensitive, positiveClass: mapping.names[positive]! }
}
