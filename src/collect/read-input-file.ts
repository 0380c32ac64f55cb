/**
 * Reads a small input file that a person points the gate at (a policy, a card source, a card
 * template) without trusting what is at that path:
 *
 * - only a regular file is read: a FIFO would block the read forever, a character device
 *   (`/dev/zero`, `/dev/urandom`) never ends, a directory or socket cannot be read. The path is
 *   stat'ed first, then opened with O_NONBLOCK (opening a FIFO with no writer would otherwise
 *   hang before any check) and fstat'ed again, so a FIFO swapped in between is still refused;
 * - at most `maxBytes` are read, whatever size the file claims or grows to while being read.
 *
 * Failures come back as data (`InputFileProblem`) so each caller words them for its file.
 */
import { constants, type Stats } from 'node:fs'
import { type FileHandle, open, stat } from 'node:fs/promises'

export type InputFileProblem =
  | { kind: 'not-found' }
  | { kind: 'not-a-file'; type: string }
  | { kind: 'too-large'; bytes: number; maxBytes: number }
  | { kind: 'unreadable'; code: string }

export type InputFileResult = { kind: 'ok'; bytes: Buffer } | InputFileProblem

/** What a non-regular file is, in the words of `ls -l` / `stat`. */
export function fileType(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  return 'not a regular file'
}

function errnoCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' ? code : String(error)
}

export async function readInputFile(file: string, maxBytes: number): Promise<InputFileResult> {
  let before: Stats
  try {
    before = await stat(file)
  } catch (error) {
    const code = errnoCode(error)
    return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'not-found' } : { kind: 'unreadable', code }
  }
  const type = fileType(before)
  if (type !== undefined) return { kind: 'not-a-file', type }
  if (before.size > maxBytes) return { kind: 'too-large', bytes: before.size, maxBytes }

  let handle: FileHandle
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY)
  } catch (error) {
    const code = errnoCode(error)
    return code === 'ENOENT' ? { kind: 'not-found' } : { kind: 'unreadable', code }
  }
  try {
    const opened = await handle.stat()
    const swapped = fileType(opened)
    if (swapped !== undefined) return { kind: 'not-a-file', type: swapped }
    // Sized from fstat, grown (up to one byte over the limit) if the file grows while read: the
    // extra byte tells "exactly at the limit" from "over it".
    let buffer = Buffer.alloc(Math.min(maxBytes, opened.size) + 1)
    let length = 0
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) break
        const bigger = Buffer.alloc(maxBytes + 1)
        buffer.copy(bigger, 0, 0, length)
        buffer = bigger
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > maxBytes) return { kind: 'too-large', bytes: Math.max(opened.size, length), maxBytes }
    return { kind: 'ok', bytes: buffer.subarray(0, length) }
  } catch (error) {
    return { kind: 'unreadable', code: errnoCode(error) }
  } finally {
    await handle.close()
  }
}

/**
 * For inputs read by streaming readers (evaluation data, any size): `undefined` when `file` is a
 * regular file or does not exist (the caller reports that its own way), else what it is instead.
 */
export async function nonRegularFile(file: string): Promise<string | undefined> {
  try {
    return fileType(await stat(file))
  } catch {
    return undefined
  }
}

/** The problem as a clause: "is a named pipe (FIFO), not a regular file". */
export function describeInputProblem(problem: InputFileProblem): string {
  switch (problem.kind) {
    case 'not-found':
      return 'does not exist'
    case 'not-a-file':
      return `is ${problem.type}, not a regular file`
    case 'too-large':
      return (
        `is ${problem.bytes.toLocaleString('en-US')} bytes, over the limit ` +
        `of ${problem.maxBytes.toLocaleString('en-US')} bytes`
      )
    case 'unreadable':
      return `cannot be read (${problem.code})`
  }
}
