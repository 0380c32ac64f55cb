/**
 * The few pieces of the protobuf wire format the gate needs to read and rewrite an ONNX
 * ModelProto: walk the fields of a message, and re-emit a message field by field. A hand-written
 * reader/writer rather than protobufjs or onnx-proto: the gate touches four messages (ModelProto,
 * GraphProto, NodeProto, ValueInfoProto) and copies every other byte verbatim, so nothing it does
 * not understand is ever re-encoded, and the action bundle gains no dependency.
 */
export interface Field {
  number: number
  wireType: number
  /** varint value, or the length of a length-delimited field */
  value: number
  /** Where the whole field (key included) starts, to copy it verbatim. */
  keyStart: number
  /** Payload range: the varint bytes, or the bytes of a length-delimited field. */
  start: number
  end: number
}

export function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
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

export function* fields(buf: Uint8Array, start: number, end: number): Generator<Field> {
  let pos = start
  while (pos < end) {
    const keyStart = pos
    const [key, afterKey] = readVarint(buf, pos)
    const number = Math.floor(key / 8)
    const wireType = key % 8
    pos = afterKey
    if (wireType === 0) {
      const [value, next] = readVarint(buf, pos)
      yield { number, wireType, value, keyStart, start: pos, end: next }
      pos = next
    } else if (wireType === 2) {
      const [length, next] = readVarint(buf, pos)
      if (next + length > end) throw new Error('truncated length-delimited field')
      yield { number, wireType, value: length, keyStart, start: next, end: next + length }
      pos = next + length
    } else if (wireType === 1) pos += 8
    else if (wireType === 5) pos += 4
    else throw new Error(`unsupported protobuf wire type ${wireType}`)
  }
  if (pos !== end) throw new Error('truncated protobuf message')
}

export const text = (buf: Uint8Array, f: Field): string =>
  Buffer.from(buf.buffer, buf.byteOffset + f.start, f.end - f.start).toString('utf8')

/** The bytes of a whole field (key, length and payload), to copy it unchanged. */
export const raw = (buf: Uint8Array, f: Field): Uint8Array => buf.subarray(f.keyStart, f.end)

export function varint(value: number): Uint8Array {
  const out: number[] = []
  let v = value
  while (v >= 128) {
    out.push((v % 128) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
  return Uint8Array.from(out)
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let pos = 0
  for (const p of parts) {
    out.set(p, pos)
    pos += p.length
  }
  return out
}

/** A length-delimited field (a nested message, a string or bytes). */
export const lengthField = (number: number, payload: Uint8Array): Uint8Array =>
  concat([varint(number * 8 + 2), varint(payload.length), payload])

export const stringField = (number: number, value: string): Uint8Array =>
  lengthField(number, new Uint8Array(Buffer.from(value, 'utf8')))

export const varintField = (number: number, value: number): Uint8Array => concat([varint(number * 8), varint(value)])
