/**
 * One streamed download attempt: the body goes straight to a file, so an evaluation set of any
 * size never sits in memory. The timeout is an idle timeout (no headers, or no bytes, for
 * `timeoutMs`), so a large file that keeps arriving is not cut off, but a stalled one is.
 */
import { createWriteStream } from 'node:fs'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { FetchLike } from './http.js'

export interface StreamedAttempt {
  response: Response
  /** The body of a non-OK answer (for the error message); empty when it went to the file. */
  body: Uint8Array
}

export async function streamToFile(fetchFn: FetchLike, url: string, init: RequestInit, timeoutMs: number, destination: string): Promise<StreamedAttempt> {
  const controller = new AbortController()
  const stall = (): NodeJS.Timeout => setTimeout(() => controller.abort(new DOMException(`no data for ${timeoutMs} ms`, 'TimeoutError')), timeoutMs)
  let timer = stall()
  const rearm = (): void => {
    clearTimeout(timer)
    timer = stall()
  }
  try {
    const response = await fetchFn(url, { ...init, signal: controller.signal })
    if (!response.ok || response.body === null) return { response, body: new Uint8Array(await response.arrayBuffer()) }
    rearm()
    const watchdog = new Transform({
      transform(chunk, _encoding, done) {
        rearm()
        done(null, chunk)
      }
    })
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), watchdog, createWriteStream(destination))
    return { response, body: new Uint8Array() }
  } catch (error) {
    // An abort surfaces as the reason we gave it (a TimeoutError), which the caller reports.
    throw controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : error
  } finally {
    clearTimeout(timer)
  }
}
