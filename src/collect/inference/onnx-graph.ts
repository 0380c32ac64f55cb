/**
 * A shallow view of an ONNX model's main graph: its nodes (op type, domain, inputs, outputs and
 * the class-label attributes) and its outputs, each with the field it was read from so a rewrite
 * can copy or drop it. Field numbers are those of onnx.proto (ModelProto.graph = 7,
 * GraphProto.node = 1, .output = 12, .value_info = 13; NodeProto.input = 1, .output = 2,
 * .name = 3, .op_type = 4, .attribute = 5, .domain = 7).
 */
import { type Field, fields, readVarint, text } from './onnx-protobuf.js'

export type ClassLabels = { kind: 'int64'; values: number[] } | { kind: 'string'; values: string[] }

export interface GraphNode {
  field: Field
  name: string
  opType: string
  domain: string
  inputs: string[]
  outputs: string[]
  labels?: ClassLabels
}

export interface GraphValue {
  field: Field
  name: string
}

export interface GraphView {
  /** The ModelProto.graph field. */
  graph: Field
  nodes: GraphNode[]
  outputs: GraphValue[]
  valueInfo: GraphValue[]
}

/** int64 varints are two's complement on 10 bytes; class labels are small, so undo that. */
const toInt64 = (value: number): number => (value >= 2 ** 63 ? value - 2 ** 64 : value)

function attributeLabels(buf: Uint8Array, attr: Field): { name: string; ints: number[]; strings: string[] } {
  let name = ''
  const ints: number[] = []
  const strings: string[] = []
  for (const f of fields(buf, attr.start, attr.end)) {
    if (f.number === 1 && f.wireType === 2) name = text(buf, f)
    else if (f.number === 8 && f.wireType === 0) ints.push(toInt64(f.value))
    else if (f.number === 8 && f.wireType === 2) {
      let pos = f.start
      while (pos < f.end) {
        const [value, next] = readVarint(buf, pos)
        ints.push(toInt64(value))
        pos = next
      }
    } else if (f.number === 9 && f.wireType === 2) strings.push(text(buf, f))
  }
  return { name, ints, strings }
}

function readNode(buf: Uint8Array, field: Field): GraphNode {
  const node: GraphNode = { field, name: '', opType: '', domain: '', inputs: [], outputs: [] }
  for (const f of fields(buf, field.start, field.end)) {
    if (f.wireType !== 2) continue
    if (f.number === 1) node.inputs.push(text(buf, f))
    else if (f.number === 2) node.outputs.push(text(buf, f))
    else if (f.number === 3) node.name = text(buf, f)
    else if (f.number === 4) node.opType = text(buf, f)
    else if (f.number === 7) node.domain = text(buf, f)
    else if (f.number === 5) {
      const attr = attributeLabels(buf, f)
      const intLabels = attr.name === 'classlabels_int64s' || attr.name === 'classlabels_ints'
      if (intLabels && attr.ints.length > 0) node.labels = { kind: 'int64', values: attr.ints }
      if (attr.name === 'classlabels_strings' && attr.strings.length > 0) {
        node.labels = { kind: 'string', values: attr.strings }
      }
    }
  }
  return node
}

function readValue(buf: Uint8Array, field: Field): GraphValue {
  for (const f of fields(buf, field.start, field.end)) {
    if (f.number === 1 && f.wireType === 2) return { field, name: text(buf, f) }
  }
  return { field, name: '' }
}

/** Reads the main graph; throws when there is none or more than one (a merged, ambiguous model). */
export function readGraph(model: Uint8Array): GraphView {
  const graphs = [...fields(model, 0, model.length)].filter((f) => f.number === 7 && f.wireType === 2)
  if (graphs.length !== 1) throw new Error(`the ONNX model has ${graphs.length} graphs; one was expected`)
  const graph = graphs[0]!
  const view: GraphView = { graph, nodes: [], outputs: [], valueInfo: [] }
  for (const f of fields(model, graph.start, graph.end)) {
    if (f.wireType !== 2) continue
    if (f.number === 1) view.nodes.push(readNode(model, f))
    else if (f.number === 12) view.outputs.push(readValue(model, f))
    else if (f.number === 13) view.valueInfo.push(readValue(model, f))
  }
  return view
}
