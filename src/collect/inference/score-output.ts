/**
 * A binary classifier whose graph returns one float tensor and no labels, as `torch.onnx.export`
 * writes a network: the positive class's probability ([N] or [N, 1], after a sigmoid) or two logits
 * ([N, 2], before a softmax). Nothing in such a graph says which, so the policy does
 * (`evaluation.output`), and every value is checked against what it claims to be: a "probability"
 * of 3.2 is refused, never clipped. Classes are 0 (negative) and 1 (positive), as the network
 * was trained.
 */
import { invalid } from '../../core/errors.js'
import type { OutputTensor, ValueInfo } from './onnx-runner.js'

export type ScoreKind = 'probability' | 'logits'

export interface OutputSetting {
  kind: ScoreKind
  /** The graph output to read; needed only when the graph has several float outputs. */
  name?: string
}

export interface ScorePlan {
  task: 'binary'
  score: string
  kind: ScoreKind
}

const isFloat = (o: ValueInfo): boolean => o.isTensor && (o.type === 'float32' || o.type === 'float64')
const shapeText = (o: ValueInfo): string => `${o.name} [${o.shape.map((d) => (d === -1 ? 'N' : d)).join(', ')}]`
export const describeOutputs = (outputs: readonly ValueInfo[]): string =>
  outputs.map((o) => `${shapeText(o)} ${o.isTensor ? (o.type ?? '?') : 'map/sequence'}`).join(', ')

/** Width of the class axis: 1 for [N] and [N, 1], 2 for [N, 2]; undefined when the shape says otherwise. */
function width(o: ValueInfo): number | undefined {
  if (o.shape.length === 1) return 1
  if (o.shape.length === 2 && typeof o.shape[1] === 'number' && o.shape[1] > 0) return o.shape[1]
  return undefined
}

export function planScore(outputs: readonly ValueInfo[], setting: OutputSetting): ScorePlan {
  const all = describeOutputs(outputs)
  const floats = outputs.filter(isFloat)
  let chosen: ValueInfo | undefined
  if (setting.name !== undefined) {
    chosen = outputs.find((o) => o.name === setting.name)
    if (chosen === undefined || !isFloat(chosen))
      throw invalid(
        `evaluation.output.name '${setting.name}' is not a float tensor output of the model (outputs: ${all}); ` +
          'fix: name one of its float outputs'
      )
  } else if (floats.length !== 1) {
    throw invalid(
      `evaluation.output: the model has ${floats.length} float tensor outputs (outputs: ${all}), ` +
        'so which one holds the score is ambiguous; fix: add its name, e.g. output: { kind: probability, name: ' +
        `${floats[0]?.name ?? 'probability'} }`
    )
  } else chosen = floats[0]
  const output = chosen as ValueInfo
  const expected = setting.kind === 'probability' ? 1 : 2
  if (width(output) !== expected) {
    const other = setting.kind === 'probability' ? 'logits' : 'probability'
    throw invalid(
      `model output ${shapeText(output)} is not ${
        setting.kind === 'probability' ? 'one probability per row ([N] or ' + '[N, 1])' : 'two logits per row ([N, 2])'
      }; fix: set evaluation.output.kind to ${other} if that is ` +
        'what it holds, or export the binary classifier with that output'
    )
  }
  return { task: 'binary', score: output.name, kind: setting.kind }
}

export interface ScoredBatch {
  predictedIndex: Int32Array
  /** [rows, 2] row-major: P(class 0), P(class 1). */
  probabilities: Float64Array
}

/** Decodes one batch of the score output into predicted classes and two-column probabilities. */
export function decodeScore(plan: ScorePlan, tensor: OutputTensor, rows: number): ScoredBatch {
  const data = tensor.data as ArrayLike<number>
  const per = plan.kind === 'probability' ? 1 : 2
  if (data.length !== rows * per)
    throw invalid(`model output '${plan.score}' returned ${data.length} values for ${rows} rows; re-export the model`)
  const predictedIndex = new Int32Array(rows)
  const probabilities = new Float64Array(rows * 2)
  for (let i = 0; i < rows; i++) {
    let positive: number
    let predicted: number
    if (plan.kind === 'probability') {
      positive = Number(data[i])
      if (!(positive >= 0 && positive <= 1))
        throw invalid(
          `model output '${plan.score}' row ${i + 1} is ${positive}, not a probability; fix: if the network ` +
            'ends without a sigmoid, set evaluation.output.kind: logits and export two logits, or add the sigmoid'
        )
      predicted = positive > 0.5 ? 1 : 0
    } else {
      const a = Number(data[2 * i])
      const b = Number(data[2 * i + 1])
      if (!Number.isFinite(a) || !Number.isFinite(b))
        throw invalid(`model output '${plan.score}' row ${i + 1} holds a logit that is not a finite number`)
      // softmax of two logits, written so neither exponent can overflow
      positive = b >= a ? 1 / (1 + Math.exp(a - b)) : Math.exp(b - a) / (1 + Math.exp(b - a))
      predicted = b > a ? 1 : 0
    }
    probabilities[2 * i] = 1 - positive
    probabilities[2 * i + 1] = positive
    // argmax with ties to the first class, as numpy's argmax breaks them
    predictedIndex[i] = predicted
  }
  return { predictedIndex, probabilities }
}
