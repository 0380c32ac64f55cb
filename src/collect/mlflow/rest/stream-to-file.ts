/**
 * One streamed download attempt: the body goes straight to a file, so an evaluation set of any
 * size never sits in memory. Three bounds, because a hostile server can defeat any one of them:
 * an idle timeout (no headers, or no bytes, for `idleMs`: a stalled server), a wall-clock limit
 * (`wallMs`: a body that trickles in forever, a byte every few seconds), and a cap on the bytes
 * written (`maxBytes`, counted on what arrives; compressed answers are refused, see read-body.ts).
 */
import { createWriteStream } from 'node:fs'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { FetchLike } from './request-spec.js'
import { BodyLimitError, formatBytes, readBodyCapped, refuseDeclaredSize, refuseEncoding } from './read-body.js'

export interface StreamedAttempt {
  response: Response
  /** The body of a non-OK answer (for the error message); empty when it went to the file. */
  body: Uint8Array
}

export interface StreamBounds {
  idleMs: number
  wallMs: number
  maxBytes: number
  /** Cap on a non-OK answer's body (it is only summarised). */
  maxErrorBodyBytes: number
  /** Names the wall-clock limit in its message (`download deadline of 300 s`). */
  wallLabel: string
}

export async function streamToFile(
  fetchFn: FetchLike,
  url: string,
  init: RequestInit,
  bounds: StreamBounds,
  destination: string
): Promise<StreamedAttempt> {
  const controller = new AbortController()
  const stall = (): NodeJS.Timeout =>
    setTimeout(
      () => controller.abort(new DOMException(`no data for ${bounds.idleMs} ms`, 'TimeoutError')),
      bounds.idleMs
    )
  let timer = stall()
  const wall = setTimeout(
    () =>
      controller.abort(
        new BodyLimitError('download-deadline', `the download did not finish within the ${bounds.wallLabel}`)
      ),
    Math.max(0, bounds.wallMs)
  )
  const rearm = (): void => {
    clearTimeout(timer)
    timer = stall()
  }
  try {
    const response = await fetchFn(url, { ...init, signal: controller.signal })
    if (!response.ok || response.body === null) {
      return { response, body: await readBodyCapped(response, bounds.maxErrorBodyBytes, 'the error answer') }
    }
    await refuseEncoding(response)
    await refuseDeclaredSize(response, bounds.maxBytes, 'the artifact')
    rearm()
    let written = 0
    const watchdog = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        rearm()
        written += chunk.byteLength
        if (written > bounds.maxBytes)
          done(new BodyLimitError('size', `the artifact is over the ${formatBytes(bounds.maxBytes)} download limit`))
        else done(null, chunk)
      }
    })
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      watchdog,
      createWriteStream(destination)
    )
    return { response, body: new Uint8Array() }
  } catch (error) {
    // An abort surfaces as the reason we gave it (a TimeoutError or a BodyLimitError).
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined
    // Whatever failed, drop the connection: a capped body must not keep streaming in.
    controller.abort()
    throw reason instanceof Error ? reason : error
  } finally {
    clearTimeout(timer)
    clearTimeout(wall)
  }
}
