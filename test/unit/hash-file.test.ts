/**
 * The file digest every evaluation-data and model item quotes, against coreutils' sha256sum: at
 * sizes around the 1 MiB read buffer (which is reused, so a short last read must not hash stale
 * bytes from the one before).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sha256File } from '../../src/hash.js'

const dir = mkdtempSync(join(tmpdir(), 'aims-gate-hash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const MiB = 1024 * 1024

describe('sha256File', () => {
  it.each([0, 1, MiB - 1, MiB, MiB + 1, 3 * MiB + 12_345])('%i bytes: the digest sha256sum gives', async (size) => {
    const bytes = Buffer.alloc(size)
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 20)) & 0xff
    const path = join(dir, `f${size}`)
    writeFileSync(path, bytes)
    const reference = execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]
    expect(await sha256File(path)).toBe(reference)
  })

  it('rejects a path that is missing', async () => {
    await expect(sha256File(join(dir, 'absent'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
