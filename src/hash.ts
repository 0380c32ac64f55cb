import { createHash } from 'node:crypto'

/** Hex SHA-256 of bytes or UTF-8 text: the digest every card, report and evidence item quotes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}
