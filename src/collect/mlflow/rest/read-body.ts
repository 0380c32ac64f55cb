/**
 * Reads an HTTP answer's body with a byte cap on what is *decoded*, so neither a huge JSON answer
 * nor a decompression bomb can fill memory or disk. aims-gate asks for `Accept-Encoding: identity`,
 * so an answer that comes back compressed anyway was not asked for: it is refused before a byte
 * of it is decoded (decoding it is what lets a few kilobytes expand to gigabytes).
 */

export type LimitKind = 'size' | 'encoding' | 'download-deadline'

/** A limit the answer broke: never retried (the next attempt would break it again). */
export class BodyLimitError extends Error {
  constructor(
    readonly limit: LimitKind,
    message: string
  ) {
    super(message)
    this.name = 'BodyLimitError'
  }
}

/** What the client sends so that bodies arrive as they are stored. */
export const ACCEPT_ENCODING = 'identity'

/** Throws BodyLimitError('encoding') (and drops the body) when the answer is compressed. */
export async function refuseEncoding(response: Response): Promise<void> {
  const encoding = response.headers.get('content-encoding')?.trim()
  if (encoding === undefined || encoding === '' || encoding.toLowerCase() === 'identity') return
  await response.body?.cancel().catch(() => undefined)
  throw new BodyLimitError(
    'encoding',
    `the server answered with Content-Encoding "${encoding.slice(0, 40)}", which ` +
      `aims-gate did not ask for (it asks for identity), so the body was not decoded`
  )
}

/** Throws BodyLimitError('size') early when Content-Length already says the body is too big. */
export async function refuseDeclaredSize(response: Response, maxBytes: number, what: string): Promise<void> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw new BodyLimitError('size', `${what} of ${declared} bytes is over the ${formatBytes(maxBytes)} limit`)
  }
}

/** The whole body, at most `maxBytes` of it; more is BodyLimitError('size'). */
export async function readBodyCapped(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  await refuseEncoding(response)
  await refuseDeclaredSize(response, maxBytes, what)
  if (response.body === null) return new Uint8Array()
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new BodyLimitError('size', `${what} is over the ${formatBytes(maxBytes)} limit`)
    }
    chunks.push(value)
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

export function formatBytes(bytes: number): string {
  const mib = bytes / 1024 ** 2
  return mib >= 1 ? `${Number(mib.toFixed(2))} MiB` : `${bytes} bytes`
}
