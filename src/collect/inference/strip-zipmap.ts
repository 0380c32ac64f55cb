/**
 * skl2onnx's default classifier export ends in an ai.onnx.ml ZipMap node that turns the [N, classes]
 * probability tensor into a sequence of {class: probability} maps, which onnxruntime-node cannot
 * return. The maps hold exactly the numbers of the tensor, so the gate runs the graph without the
 * ZipMap: it drops the node and exposes its input as the graph output, in the same place.
 * Anything that only looks like that export (a ZipMap in another domain, two of them, one whose
 * result feeds other nodes, classes that disagree with the classifier's) is refused: the gate never
 * guesses which numbers are the probabilities.
 */
import { invalid } from '../../core/errors.js'
import { type ClassLabels, type GraphNode, readGraph } from './onnx-graph.js'
import { concat, fields, lengthField, raw, stringField, varintField } from './onnx-protobuf.js'

const ML_DOMAIN = 'ai.onnx.ml'
/** TensorProto.DataType FLOAT: ZipMap's input is always tensor(float). */
const FLOAT = 1

export interface ZipMapRemoval {
  model: Uint8Array
  /** What was removed, for messages; absent when the graph has no ZipMap. */
  removed?: { node: string; probabilities: string }
}

const shown = (labels: ClassLabels): string => `[${labels.values.join(', ')}]`
const sameLabels = (a: ClassLabels, b: ClassLabels): boolean =>
  a.kind === b.kind && a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i])

export function withoutZipMap(model: Uint8Array): ZipMapRemoval {
  const view = readGraph(model)
  const zipMaps = view.nodes.filter((n) => n.opType === 'ZipMap')
  if (zipMaps.length === 0) return { model }
  const node = checkZipMap(
    zipMaps,
    view.nodes,
    view.outputs.map((o) => o.name)
  )
  const probabilities = node.inputs[0]!
  const mapOutput = node.outputs[0]!
  const alreadyOutput = view.outputs.some((o) => o.name === probabilities)

  const graphParts: Uint8Array[] = []
  for (const f of fields(model, view.graph.start, view.graph.end)) {
    if (f.keyStart === node.field.keyStart) continue
    const at = (v: { field: { keyStart: number } }): boolean => v.field.keyStart === f.keyStart
    const output = f.number === 12 && f.wireType === 2 ? view.outputs.find(at) : undefined
    if (output?.name === mapOutput) {
      const classes = node.labels!.values.length
      if (!alreadyOutput) graphParts.push(lengthField(12, probabilityValueInfo(probabilities, classes)))
      continue
    }
    const info = f.number === 13 ? view.valueInfo.find(at) : undefined
    if (info !== undefined && (info.name === mapOutput || info.name === probabilities)) continue
    graphParts.push(raw(model, f))
  }
  const modelParts: Uint8Array[] = []
  for (const f of fields(model, 0, model.length)) {
    modelParts.push(f.keyStart === view.graph.keyStart ? lengthField(7, concat(graphParts)) : raw(model, f))
  }
  return { model: concat(modelParts), removed: { node: node.name, probabilities } }
}

function checkZipMap(
  zipMaps: readonly GraphNode[],
  nodes: readonly GraphNode[],
  outputs: readonly string[]
): GraphNode {
  const label = (n: GraphNode): string => `'${n.name || '(unnamed)'}'`
  const foreign = zipMaps.find((n) => n.domain !== ML_DOMAIN)
  if (foreign !== undefined) {
    throw invalid(
      `node ${label(foreign)} has op type ZipMap in domain '${foreign.domain || 'ai.onnx'}', ` +
        `not ${ML_DOMAIN}'s ZipMap; ` +
        `the gate does not run a graph whose outputs it cannot verify`
    )
  }
  if (zipMaps.length > 1) {
    throw invalid(
      `the graph has ${zipMaps.length} ZipMap nodes (${zipMaps.map(label).join(', ')}); ` +
        `a classifier export has one, so it is unclear which output holds the probabilities`
    )
  }
  const node = zipMaps[0]!
  if (node.inputs.length !== 1 || node.outputs.length !== 1) {
    throw invalid(
      `ZipMap node ${label(node)} has ${node.inputs.length} inputs and ${node.outputs.length} outputs; ` +
        `the ${ML_DOMAIN} ZipMap has one of each`
    )
  }
  const [input, output] = [node.inputs[0]!, node.outputs[0]!]
  const consumers = nodes.filter((n) => n !== node && n.inputs.includes(output))
  if (!outputs.includes(output) || consumers.length > 0) {
    const why = consumers.length > 0 ? `feeds node ${consumers.map(label).join(', ')}` : 'is not a graph output'
    throw invalid(
      `ZipMap node ${label(node)} is not at the graph's output (its result '${output}' ${why}); ` +
        `the gate only unwraps a final ZipMap`
    )
  }
  const producers = nodes.filter((n) => n.outputs.includes(input))
  if (producers.length !== 1) {
    throw invalid(
      `ZipMap node ${label(node)} reads '${input}', which ` +
        `${producers.length === 0 ? 'no node computes' : `${producers.length} nodes compute`}; ` +
        `the gate cannot tell where the probabilities come from`
    )
  }
  if (node.labels === undefined) {
    throw invalid(
      `ZipMap node ${label(node)} has no classlabels_int64s or classlabels_strings attribute, ` +
        'so its maps name no classes'
    )
  }
  const classifier = nodes.find((n) => n.opType.endsWith('Classifier') && n.labels !== undefined)
  if (classifier?.labels !== undefined && !sameLabels(classifier.labels, node.labels)) {
    throw invalid(
      `ZipMap node ${label(node)} names classes ${shown(node.labels)} ` +
        `but classifier ${label(classifier)} predicts ${shown(classifier.labels)}; ` +
        `the probabilities cannot be matched to the labels`
    )
  }
  return node
}

/** ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type: FLOAT, shape: [N, classes] } } }. */
function probabilityValueInfo(name: string, classes: number): Uint8Array {
  const batch = lengthField(1, stringField(2, 'N'))
  const width = lengthField(1, varintField(1, classes))
  const tensor = concat([varintField(1, FLOAT), lengthField(2, concat([batch, width]))])
  return concat([stringField(1, name), lengthField(2, lengthField(1, tensor))])
}
