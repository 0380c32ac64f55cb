/**
 * Picks which ONNX outputs are the predicted labels, the class probabilities, or the regression
 * value, and refuses what cannot be read: a sequence or map output cannot be fetched from
 * onnxruntime-node as an array (a final ai.onnx.ml ZipMap was already removed, strip-zipmap.ts).
 */
import { invalid } from '../../core/errors.js'
import type { ValueInfo } from './onnx-runner.js'
import { describeOutputs, type OutputSetting, planScore, type ScorePlan } from './score-output.js'

export type Task = 'binary' | 'multiclass' | 'regression'

export type OutputPlan =
  | { task: 'binary' | 'multiclass'; label: string; probabilities?: string }
  | { task: 'regression'; value: string }
  | ScorePlan

const NOT_TENSOR =
  'it is a sequence or map, not a tensor, and not a final ai.onnx.ml ZipMap the ' +
  'gate can unwrap, so it cannot be read as the [N, classes] probabilities'

const isFloat = (o: ValueInfo): boolean => o.type === 'float32' || o.type === 'float64'
const rank = (o: ValueInfo): number => o.shape.length

export function planOutputs(outputs: readonly ValueInfo[], task: Task, setting?: OutputSetting): OutputPlan {
  const names = outputs.map((o) => o.name).join(', ')
  if (setting !== undefined) {
    if (task !== 'binary') throw invalid('evaluation.output applies only to task: binary; fix: remove it')
    return planScore(outputs, setting)
  }
  if (task === 'regression') {
    const value =
      outputs.find((o) => o.isTensor && isFloat(o) && (rank(o) === 1 || (rank(o) === 2 && o.shape[1] === 1))) ??
      outputs.find((o) => o.isTensor && isFloat(o))
    if (value === undefined)
      throw invalid(
        `the model has no float output to use as the regression prediction ` +
          `(outputs: ${names}); re-export it with a float tensor output`
      )
    return { task, value: value.name }
  }
  const label = outputs.find(
    (o) => o.isTensor && (o.type === 'int64' || o.type === 'string' || o.type === 'int32') && rank(o) <= 2
  )
  if (label === undefined && task === 'binary' && outputs.some((o) => o.isTensor && isFloat(o))) {
    // A network (torch.onnx.export) returns a score, not labels; whether it is a probability or
    // logits is not in the graph, and guessing would make every metric a guess.
    throw invalid(
      `the model has no label output, only scores (outputs: ${describeOutputs(outputs)}), and the policy does ` +
        'not say what they are; fix: add to the evaluation block output: { kind: probability } (one sigmoid ' +
        'probability per row, [N] or [N, 1]) or output: { kind: logits } (two logits per row, [N, 2])'
    )
  }
  if (label === undefined) {
    throw invalid(
      `the model has no label output (an int64 or string tensor; outputs: ${names}); ` +
        `export the classifier with skl2onnx so it returns labels and probabilities`
    )
  }
  const probabilities = outputs.find((o) => o.isTensor && isFloat(o) && rank(o) === 2)
  const zipmap = outputs.find((o) => !o.isTensor)
  if (probabilities === undefined && zipmap !== undefined) throw invalid(`model output '${zipmap.name}': ${NOT_TENSOR}`)
  return probabilities === undefined
    ? { task, label: label.name }
    : { task, label: label.name, probabilities: probabilities.name }
}
