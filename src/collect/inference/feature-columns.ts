/**
 * Which data columns are the model's features when the graph takes one [N, k] matrix. In order of
 * authority: the MLflow column signature (what the model was trained on), then the policy's
 * `evaluation.features`, then every column of the file except the label, the weight column, the
 * sensitive features and `evaluation.ignore` (as mlflow.evaluate does, minus what must never
 * reach the model unintentionally). A mismatch names every column involved, so a surplus such as
 * a sensitive column is never hidden behind an ellipsis.
 */
import { invalid } from '../../core/errors.js'
import type { ModelSignature } from './model-signature.js'

export interface FeatureRequest {
  signature: ModelSignature
  /** Columns present in the data file. */
  dataColumns: readonly string[]
  /** The label and weight columns and every sensitive feature: left out unless `features` lists them. */
  notFeatures: readonly string[]
  /** evaluation.features: the model's input columns, in the model's order. */
  features?: readonly string[]
  /** evaluation.ignore: further columns that are not features. */
  ignore?: readonly string[]
  /** For error messages: the data file's name. */
  file: string
}

export interface FeatureChoice {
  columns: string[]
  /** Where the list came from, for messages. */
  source: 'signature' | 'features' | 'data'
}

const list = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ')

export function chooseFeatures(request: FeatureRequest): FeatureChoice {
  const { signature } = request
  if (signature.kind === 'columns') {
    const text = signature.columns.find((c) => c.type === 'string' || c.type === 'binary')
    if (text !== undefined) {
      throw invalid(
        `signature column '${text.name}' is ${text.type} but the model takes one numeric matrix; ` +
          `encode it inside the ONNX graph (one input per column) or drop it from the signature`
      )
    }
    return { columns: signature.columns.map((c) => c.name), source: 'signature' }
  }
  if (request.features !== undefined) return { columns: [...request.features], source: 'features' }
  const excluded = new Set([...request.notFeatures, ...(request.ignore ?? [])])
  return { columns: request.dataColumns.filter((c) => !excluded.has(c)), source: 'data' }
}

/** Every feature the data lacks, in one message. */
export function requireFeatures(choice: FeatureChoice, dataColumns: readonly string[], file: string): void {
  const have = new Set(dataColumns)
  const absent = choice.columns.filter((c) => !have.has(c))
  if (absent.length === 0) return
  const from = choice.source === 'signature' ? 'the model signature' : 'evaluation.features'
  throw invalid(
    `evaluation data ${file}: ${absent.length === 1 ? 'column' : 'columns'} ${list(absent)} listed by ${from} ` +
      `${absent.length === 1 ? 'is' : 'are'} missing (the file has ${list(dataColumns)}); ` +
      `add them to the data or fix ${from}`
  )
}

/** The model's declared width disagrees with the chosen columns: say which ones and how to choose. */
export function widthMismatch(input: string, width: number, choice: FeatureChoice, request: FeatureRequest): Error {
  const left = request.notFeatures.filter((c) => request.dataColumns.includes(c) && !choice.columns.includes(c))
  const ignored = (request.ignore ?? []).filter((c) => request.dataColumns.includes(c))
  const from = {
    signature: 'the model signature lists',
    features: 'evaluation.features lists',
    data: 'the data has'
  }[choice.source]
  const n = choice.columns.length
  const extra = n > width ? `${n - width} too many` : `${width - n} too few`
  const notFed = [
    ...(left.length > 0 ? [`not fed: ${list(left)} (label, weight or sensitive)`] : []),
    ...(ignored.length > 0 ? [`ignored: ${list(ignored)}`] : [])
  ]
  const fix =
    choice.source === 'data'
      ? "list the model's input columns under evaluation.features, or the extra ones under evaluation.ignore"
      : choice.source === 'features'
        ? "make evaluation.features list exactly the model's input columns"
        : 'log the model with a signature naming its features'
  return invalid(
    `model input '${input}' takes ${width} features but ${from} ${n} (${extra}): ${list(choice.columns)}` +
      `${notFed.length > 0 ? `; ${notFed.join('; ')}` : ''}; ` +
      `fix: ${fix}`
  )
}
