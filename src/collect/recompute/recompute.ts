/**
 * Independent verification: run the model's ONNX graph on the evaluation data and compute the
 * metrics ourselves, in one streaming pass (read a batch → infer → update accumulators).
 * Anything that stops the recompute becomes `missing` evidence with a one-line reason, so the
 * gate fails closed and says why — never a silent pass.
 */
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { GateError } from '../../core/errors.js'
import { missing, present } from '../../core/evidence/items.js'
import type { EvidenceItem, ModelArtifact, RecomputedEvaluation } from '../../core/evidence/types.js'
import { ClassifierEvaluator } from '../../core/metrics/classifier-evaluator.js'
import type { MetricResult } from '../../core/metrics/names.js'
import { RegressionAccumulator } from '../../core/metrics/regression.js'
import { type ColumnRequest, numberColumn, textColumn } from '../data/columns.js'
import { openTable, type TableFormat } from '../data/open-table.js'
import { ClassMapping, defaultPositiveIndex } from '../inference/class-mapping.js'
import { loadOnnxRuntime, type RuntimeLoad } from '../inference/load-runtime.js'
import { classifierBatch, outputNames } from '../inference/classifier-batch.js'
import { planOutputs, type Task } from '../inference/model-outputs.js'
import { type ClassLabels, readClassLabels } from '../inference/onnx-class-labels.js'
import { createOnnxRunner, type InferenceRunner } from '../inference/onnx-runner.js'
import type { OutputSetting } from '../inference/score-output.js'
import { type PlanRequest, planInputs, readSignature } from '../inference/signature-inputs.js'
import type { RecomputeProgress } from '../../pipeline/ports.js'
import { bundledWorker, decodeBatches } from './decoded-batches.js'
import { RowKeeper, type RecomputedRows } from './recompute-rows.js'
import { SCORING_THREADS } from './worker-scoring.js'

export type { RecomputedRows } from './recompute-rows.js'

export interface RecomputeOptions {
  model: ModelArtifact
  /**
   * `uri` is what reports quote (e.g. `runs:/…/eval/evaluation.csv`; defaults to the path);
   * `digest` is the MLflow dataset digest when the data came from a dataset input.
   * `resolveEvaluationData` (evaluation-data.ts) returns exactly this shape.
   */
  data: { path: string; format?: TableFormat; uri?: string; digest?: string }
  /** Label column (the true class, or the regression target). */
  label: string
  /** Binary task: the positive class; defaults to the last label in sorted order (as MLflow). */
  positiveClass?: string | number
  task: Task
  batchSize?: number
  /** Column of sample weights, when the policy gives one. */
  weightColumn?: string
  /** Sensitive feature sets (`[['sex'], ['sex', 'race']]`): their columns are read and kept. */
  sensitiveFeatures?: string[][]
  /** evaluation.features / evaluation.ignore: which data columns feed a one-matrix model. */
  features?: string[]
  ignore?: string[]
  /** Columns never fed to the model unless `features` lists them: every sensitive feature of the policy. */
  excludedColumns?: string[]
  /** Class labels in probability-column order, when the ONNX graph does not carry them. */
  classes?: (string | number)[]
  /** evaluation.output: what a graph's one score tensor holds (a network has no label output). */
  output?: OutputSetting
  /** Return the per-row vectors of this pass (for group statistics without a second pass). */
  keepRows?: boolean
  onProgress?: (progress: RecomputeProgress) => void
  /** Injected for tests and other runtimes; default: onnxruntime-node, loaded lazily. */
  loadRuntime?: () => Promise<RuntimeLoad>
  createRunner?: (modelPath: string, runtime: RuntimeLoad & { ok: true }) => Promise<InferenceRunner>
  /** The decode worker's entry file; default: the bundled one when installed; false: decode on this thread. */
  decodeWorker?: URL | false
  /** Monotonic seconds, for progress only. */
  now?: () => number
}

export interface RecomputeOutcome {
  evidence: EvidenceItem<RecomputedEvaluation>
  rows?: RecomputedRows
}

export async function recompute(options: RecomputeOptions): Promise<EvidenceItem<RecomputedEvaluation>> {
  return (await recomputeWithRows(options)).evidence
}

export async function recomputeWithRows(options: RecomputeOptions): Promise<RecomputeOutcome> {
  const { model } = options
  if (model.onnxPath === undefined) {
    return {
      evidence: missing(
        'unsupported',
        `model ${model.sourceUri} has no onnx flavor, so it cannot be run here; log it ` +
          `with mlflow.onnx.log_model (convert with skl2onnx) or use \`source: logged\``
      )
    }
  }
  const runtime = await (options.loadRuntime ?? loadOnnxRuntime)()
  if (!runtime.ok) return { evidence: missing('unsupported', runtime.detail) }
  try {
    return await run(options, model.onnxPath, runtime)
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]
    if (error instanceof GateError) return { evidence: missing('invalid', message ?? 'recompute failed') }
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      return { evidence: missing('not-found', `recompute: ${message}; check the evaluation data path`) }
    return {
      evidence: missing(
        'invalid',
        `recompute of ${basename(options.data.path)} with ${model.onnxPath} failed: ${message}`
      )
    }
  }
}

async function run(
  options: RecomputeOptions,
  onnxPath: string,
  runtime: RuntimeLoad & { ok: true }
): Promise<RecomputeOutcome> {
  const { model, task } = options
  const modelPath = join(model.localDir, onnxPath)
  // The column names (for planning the inputs) come from the header or footer, read here; the
  // rows are decoded and hashed by decodeBatches, in a worker thread when one is installed.
  const table = await openTable(options.data.path, options.data.format)
  const file = basename(options.data.path)
  const workerUrl = options.decodeWorker === undefined ? bundledWorker() : options.decodeWorker || undefined
  // With the decode worker, both threads score (worker-scoring.ts), each with one intra-op
  // thread; an injected runner (tests, other runtimes) cannot run in the worker: it decodes only.
  const workerScores = workerUrl !== undefined && options.createRunner === undefined
  const createRunner =
    options.createRunner ??
    ((path, rt) => createOnnxRunner(rt.runtime, path, workerScores ? SCORING_THREADS : undefined))
  const runner = await createRunner(modelPath, runtime)
  try {
    const outputs = planOutputs(runner.outputs, task, options.output)
    const sensitive = [...new Set((options.sensitiveFeatures ?? []).flat())]
    const planRequest: PlanRequest = {
      inputs: runner.inputs,
      signature: readSignature(model.mlmodel),
      dataColumns: table.columnNames,
      notFeatures: [
        options.label,
        ...(options.weightColumn === undefined ? [] : [options.weightColumn]),
        ...sensitive,
        ...(options.excludedColumns ?? [])
      ],
      ...(options.features === undefined ? {} : { features: options.features }),
      ...(options.ignore === undefined ? {} : { ignore: options.ignore }),
      file
    }
    const inputs = planInputs(planRequest)
    const requests = new Map<string, ColumnRequest>()
    for (const c of inputs.columns) requests.set(c.name, c)
    const extra: ColumnRequest[] = [
      { name: options.label, kind: task === 'regression' ? 'number' : 'string' },
      ...(options.weightColumn === undefined ? [] : [{ name: options.weightColumn, kind: 'number' as const }]),
      ...sensitive.map((name) => ({ name, kind: 'string' as const }))
    ]
    for (const c of extra) if (!requests.has(c.name)) requests.set(c.name, c)

    let mapping: ClassMapping | undefined
    let positiveIndex: number | undefined
    let classifier: ClassifierEvaluator | undefined
    let regression: RegressionAccumulator | undefined
    if (outputs.task === 'regression') regression = new RegressionAccumulator()
    else {
      const classes = classLabels(options, await readFile(modelPath))
      mapping = new ClassMapping(classes, options.label)
      if (outputs.task === 'binary') {
        if (classes.values.length !== 2)
          throw new GateError(
            'invalid',
            `the policy says binary but the model has ${classes.values.length} classes ` +
              `(${mapping.names.join(', ')}); set task: multiclass`
          )
        positiveIndex =
          options.positiveClass === undefined ? defaultPositiveIndex(classes) : mapping.find(options.positiveClass)
        if (positiveIndex === undefined)
          throw new GateError(
            'invalid',
            `positive class '${options.positiveClass}' is not one of the model's classes ` +
              `(${mapping.names.join(', ')}); fix positive_class in the policy`
          )
      }
      classifier = new ClassifierEvaluator({
        classNames: mapping.names,
        ...(positiveIndex === undefined ? {} : { positiveIndex })
      })
    }
    const keeper = options.keepRows ? new RowKeeper(task, sensitive, mapping?.names, positiveIndex) : undefined

    const now = options.now ?? (() => performance.now() / 1000)
    const started = now()
    let rows = 0
    const columns = [...requests.values()]
    const batchSize = options.batchSize ?? 65_536
    const needed = extra.map((c) => c.name)
    const scoring = workerScores
      ? { modelPath, plan: planRequest, outputNames: outputNames(outputs), needed }
      : undefined
    const job = { path: options.data.path, format: table.format, columns, batchSize, ...(scoring ? { scoring } : {}) }
    const data = decodeBatches(job, workerUrl)
    for await (const batch of data.batches) {
      const result = batch.outputs ?? (await runner.run(inputs.build(batch), outputNames(outputs)))
      const weights = options.weightColumn === undefined ? undefined : numberColumn(batch, options.weightColumn)
      if (regression !== undefined && outputs.task === 'regression') {
        const target = numberColumn(batch, options.label)
        const predicted = result[outputs.value]!.data as ArrayLike<number>
        regression.update(target, predicted, batch.rows, weights)
        keeper?.addRegression(batch, target, predicted)
      } else if (classifier !== undefined && mapping !== undefined && outputs.task !== 'regression') {
        const trueIndex = mapping.trueIndices(textColumn(batch, options.label), batch.rows)
        const { predictedIndex, probabilities: probabilityData } = classifierBatch(outputs, result, mapping, batch.rows)
        classifier.update({
          rows: batch.rows,
          trueIndex,
          predictedIndex,
          ...(probabilityData === undefined ? {} : { probabilities: probabilityData }),
          ...(weights === undefined ? {} : { weights })
        })
        keeper?.addClassification(batch, trueIndex, predictedIndex, probabilityData)
      }
      rows += batch.rows
      if (options.onProgress !== undefined) {
        const seconds = Math.max(now() - started, 1e-9)
        const rowsPerSecond = rows / seconds
        options.onProgress({
          rows,
          rowsPerSecond,
          ...(table.totalRows === undefined
            ? {}
            : { totalRows: table.totalRows, etaSeconds: (table.totalRows - rows) / rowsPerSecond }),
          ...(table.bytes === undefined ? {} : { bytesRead: table.bytes().read, totalBytes: table.bytes().total })
        })
      }
    }
    const result: MetricResult = regression?.result() ?? classifier!.result()
    const sha256 = await data.sha256
    const uri = options.data.uri ?? options.data.path
    const value: RecomputedEvaluation = {
      metrics: result.metrics,
      dataset: { uri, sha256, rows, ...(options.data.digest === undefined ? {} : { digest: options.data.digest }) },
      modelSha256: model.onnxSha256 ?? model.files.find((f) => f.path === onnxPath)?.sha256 ?? '',
      ...(result.undefinedMetrics.length === 0
        ? {}
        : { undefinedMetrics: Object.fromEntries(result.undefinedMetrics.map((m) => [m.name, m.reason])) })
    }
    return {
      evidence: present(value, { source: 'recomputed', uri, sha256 }),
      ...(keeper === undefined ? {} : { rows: keeper.result() })
    }
  } finally {
    await runner.close()
  }
}

function classLabels(options: RecomputeOptions, model: Uint8Array): ClassLabels {
  if (options.classes !== undefined) {
    return options.classes.every((c) => typeof c === 'number')
      ? { kind: 'int64', values: options.classes as number[] }
      : { kind: 'string', values: options.classes.map(String) }
  }
  const labels = readClassLabels(model)
  // A score-only network names no classes: it was trained on 0 (negative) and 1 (positive).
  if (labels === undefined && options.output !== undefined) return { kind: 'int64', values: [0, 1] }
  if (labels === undefined) {
    throw new GateError(
      'invalid',
      `${options.model.onnxPath}: no class labels found in the ONNX graph, so the ` +
        `probability columns cannot be matched to classes; list them under \`classes:\` ` +
        `in the policy's recompute settings`
    )
  }
  return labels
}
