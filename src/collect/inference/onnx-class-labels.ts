/**
 * Reads the class labels an ONNX classifier was exported with (`classlabels_int64s` or `classlabels_ints` /
 * `classlabels_strings` on the ai.onnx.ml classifier or ZipMap node). They give the order of the
 * probability columns, which onnxruntime does not expose.
 */
import { type ClassLabels, readGraph } from './onnx-graph.js'

export type { ClassLabels } from './onnx-graph.js'

/** Class labels of the first classifier node (op type `*Classifier` preferred, then ZipMap). */
export function readClassLabels(model: Uint8Array): ClassLabels | undefined {
  const candidates = readGraph(model).nodes.filter((n) => n.labels !== undefined)
  return (candidates.find((c) => c.opType.endsWith('Classifier')) ?? candidates[0])?.labels
}
