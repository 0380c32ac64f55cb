/**
 * Name-based UUIDs (RFC 9562 version 5, SHA-1): the same name always gives the same UUID, so
 * two runs on the same evidence and clock write the same OSCAL bytes. Names are built from the
 * report's digest, which changes whenever anything the run decided changes.
 */
import { createHash } from 'node:crypto'

/** RFC 9562's DNS namespace; aims-gate's namespace is derived from it once. */
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'

export function uuid5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const AIMS_GATE_NAMESPACE = uuid5(DNS_NAMESPACE, 'aims-gate.dev')
