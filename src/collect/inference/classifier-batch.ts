/**
 * One batch of a classifier's outputs as class indices and probabilities, whichever way the graph
 * gives them: a label tensor with an optional [N, classes] probability tensor (skl2onnx,
 * onnxmltools), or a single score tensor that evaluation.output describes (torch.onnx.export).
 */
import { GateError } from '../../core/errors.js'
import type { ClassMapping } from './class-mapping.js'
import type { OutputPlan } from './model-outputs.js'
import type { OutputTensor } from './onnx-runner.js'
import { decodeScore } from './score-output.js'

type ClassifierPlan = Exclude<OutputPlan, { task: 'regression' }>

export interface ClassifierBatch {
  predictedIndex: Int32Array
  probabilities?: ArrayLike<number>
}

/** The graph outputs to fetch for a plan. */
export function outputNames(plan: OutputPlan): string[] {
  if (plan.task === 'regression') return [plan.value]
  if ('score' in plan) return [plan.score]
  return [plan.label, ...(plan.probabilities === undefined ? [] : [plan.probabilities])]
}

export function classifierBatch(
  plan: ClassifierPlan,
  result: Record<string, OutputTensor>,
  mapping: ClassMapping,
  rows: number
): ClassifierBatch {
  if ('score' in plan) return decodeScore(plan, result[plan.score]!, rows)
  const predictedIndex = mapping.predictedIndices(result[plan.label]!, rows)
  const probabilities = plan.probabilities === undefined ? undefined : result[plan.probabilities]!
  if (probabilities === undefined) return { predictedIndex }
  if (probabilities.dims[1] !== mapping.names.length) {
    throw new GateError(
      'invalid',
      `model output '${plan.probabilities}' has ${probabilities.dims[1]} columns ` +
        `but the model has ${mapping.names.length} classes; re-export the model`
    )
  }
  return { predictedIndex, probabilities: probabilities.data as ArrayLike<number> }
}
