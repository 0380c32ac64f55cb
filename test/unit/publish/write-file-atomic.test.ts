import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../../../src/publish/write-file-atomic.js'

const MODULE = pathToFileURL(path.resolve(import.meta.dirname, '../../../src/publish/write-file-atomic.ts')).href
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aims-gate-atomic-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Runs writeFileAtomic in a child Node process (types stripped), so it can really be killed. */
function child(script: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import { writeFileAtomic } from ${JSON.stringify(MODULE)}\n${script}`],
      { stdio: 'ignore' }
    )
    proc.on('error', reject)
    proc.on('exit', (code, signal) => resolve({ code, signal }))
  })
}

describe('writeFileAtomic', () => {
  it('creates missing directories and writes the content', async () => {
    const target = path.join(dir, 'a', 'b', 'card.md')
    await writeFileAtomic(target, 'hello')
    expect(await readFile(target, 'utf8')).toBe('hello')
    expect(await readdir(path.dirname(target))).toEqual(['card.md'])
  })

  it('leaves the old content and no temporary file when the write fails before the rename', async () => {
    const target = path.join(dir, 'card.md')
    await writeFile(target, 'old')
    await expect(
      writeFileAtomic(target, 'new content', {
        beforeRename: async (temp) => {
          expect(await readFile(temp, 'utf8')).toBe('new content')
          expect(await readFile(target, 'utf8')).toBe('old')
          throw new Error('disk full')
        }
      })
    ).rejects.toThrow('disk full')
    expect(await readFile(target, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['card.md'])
  })

  it('a process killed before the rename never leaves partial content in the target', async () => {
    const target = path.join(dir, 'card.md')
    await writeFile(target, 'old')
    const result = await child(
      `await writeFileAtomic(${JSON.stringify(target)}, 'x'.repeat(1 << 20), { ` +
        `beforeRename: () => process.kill(process.pid, 'SIGKILL') })`
    )
    expect(result.signal).toBe('SIGKILL')
    expect(await readFile(target, 'utf8')).toBe('old')
  })

  it('a process killed at any moment leaves either the old or the complete new content', async () => {
    const target = path.join(dir, 'card.md')
    const size = 32 << 20
    for (const delay of [50, 150, 300]) {
      await writeFile(target, 'old')
      const proc = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { writeFileAtomic } from ${JSON.stringify(MODULE)}\nawait ` +
            `writeFileAtomic(${JSON.stringify(target)}, Buffer.alloc(${size}, 97))`
        ],
        { stdio: 'ignore' }
      )
      const exited = new Promise((resolve) => proc.on('exit', resolve))
      await new Promise((resolve) => setTimeout(resolve, delay))
      proc.kill('SIGKILL')
      await exited
      const content = await readFile(target)
      expect(content.length === 3 ? content.toString() : content.length).toBe(content.length === 3 ? 'old' : size)
    }
  }, 60_000)
})
