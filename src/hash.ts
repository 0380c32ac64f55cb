import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

/** Hex SHA-256 of bytes or UTF-8 text: the digest every card, report and evidence item quotes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * SHA-256 of a file, read into one reused buffer (evaluation files and models can be GBs). A read
 * stream makes a new 4 MiB Buffer per chunk, and hashing outruns decoding, so a 1 GB file left
 * hundreds of MiB of them for the collector at once (bench/recompute, the 10M-row case).
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(HASH_CHUNK)
    let position = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
      position += bytesRead
    }
  } finally {
    await handle.close()
  }
  return hash.digest('hex')
}

const HASH_CHUNK = 1024 * 1024
