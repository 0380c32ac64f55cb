/**
 * Reads the class labels an ONNX classifier was exported with (`classlabels_int64s` or `classlabels_ints` /
 * `classlabels_strings` on the ai.onnx.ml classifier or ZipMap node). They give the order of the
 * probability columns, which onnxruntime does not expose. A tiny protobuf walk over
 * ModelProto.graph.node[].attribute[]: no dependency, no full decode.
 */
export type ClassLabels = { kind: 'int64'; values: number[] } | { kind: 'string'; values: string[] }

interface Field {
  number: number
  wireType: number
  /** varint value, or the byte range of a length-delimited field */
  value: number
  start: number
  end: number
}

function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0
  let scale = 1
  let i = pos
  for (;;) {
    if (i >= buf.length) throw new Error('truncated varint')
    const byte = buf[i++]!
    value += (byte & 0x7f) * scale
    if (byte < 0x80) break
    scale *= 128
  }
  return [value, i]
}

function* fields(buf: Uint8Array, start: number, end: number): Generator<Field> {
  let pos = start
  while (pos < end) {
    const [key, afterKey] = readVarint(buf, pos)
    const number = Math.floor(key / 8)
    const wireType = key % 8
    pos = afterKey
    if (wireType === 0) {
      const [value, next] = readVarint(buf, pos)
      yield { number, wireType, value, start: pos, end: next }
      pos = next
    } else if (wireType === 2) {
      const [length, next] = readVarint(buf, pos)
      yield { number, wireType, value: length, start: next, end: next + length }
      pos = next + length
    } else if (wireType === 1) pos += 8
    else if (wireType === 5) pos += 4
    else throw new Error(`unsupported protobuf wire type ${wireType}`)
  }
}

const text = (buf: Uint8Array, f: Field): string =>
  Buffer.from(buf.buffer, buf.byteOffset + f.start, f.end - f.start).toString('utf8')

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

/** Class labels of the first classifier node (op type `*Classifier` preferred, then ZipMap). */
export function readClassLabels(model: Uint8Array): ClassLabels | undefined {
  const candidates: { opType: string; labels: ClassLabels }[] = []
  for (const top of fields(model, 0, model.length)) {
    if (top.number !== 7 || top.wireType !== 2) continue // ModelProto.graph
    for (const node of fields(model, top.start, top.end)) {
      if (node.number !== 1 || node.wireType !== 2) continue // GraphProto.node
      let opType = ''
      let labels: ClassLabels | undefined
      for (const f of fields(model, node.start, node.end)) {
        if (f.number === 4 && f.wireType === 2) opType = text(model, f)
        else if (f.number === 5 && f.wireType === 2) {
          const attr = attributeLabels(model, f)
          if ((attr.name === 'classlabels_int64s' || attr.name === 'classlabels_ints') && attr.ints.length > 0)
            labels = { kind: 'int64', values: attr.ints }
          if (attr.name === 'classlabels_strings' && attr.strings.length > 0)
            labels = { kind: 'string', values: attr.strings }
        }
      }
      if (labels !== undefined) candidates.push({ opType, labels })
    }
  }
  return (candidates.find((c) => c.opType.endsWith('Classifier')) ?? candidates[0])?.labels
}
