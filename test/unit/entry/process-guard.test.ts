/**
 * The process guard on a stand-in process: an error nobody caught is reported once and ends the
 * process with the entry's code; a signal removes every temporary folder, says so in one line
 * and exits 128 + the signal number. (The bundle's real signal and crash paths: test/dist.)
 */
import { EventEmitter } from 'node:events'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { installProcessGuard } from '../../../src/entry/process-guard.js'
import { liveTempFolders, makeTempFolder, removeAllTempFoldersSync, withTempFolder } from '../../../src/temp-folders.js'

class FakeProcess extends EventEmitter {
  codes: number[] = []
  exit(code: number): void {
    this.codes.push(code)
  }
}

function guarded(code = 1) {
  const proc = new FakeProcess()
  const reported: unknown[] = []
  const lines: string[] = []
  installProcessGuard(proc, {
    reportUncaught: (error) => {
      reported.push(error)
      return code
    },
    writeLine: (line) => lines.push(line)
  })
  return { proc, reported, lines }
}

afterEach(() => removeAllTempFoldersSync())

describe('installProcessGuard', () => {
  it('reports an uncaught exception once and exits with the code the entry gives', () => {
    const { proc, reported, lines } = guarded(2)
    const error = new TypeError("Cannot destructure property 'x' of undefined")
    proc.emit('uncaughtException', error)
    expect(reported).toEqual([error])
    expect(proc.codes).toEqual([2])
    expect(lines).toEqual([])
  })

  it('treats an unhandled rejection like an exception, and ignores a second failure while ending', () => {
    const { proc, reported } = guarded()
    proc.emit('unhandledRejection', 'not even an Error')
    proc.emit('uncaughtException', new Error('while exiting'))
    expect(reported).toEqual(['not even an Error'])
    expect(proc.codes).toEqual([1])
  })

  it('still ends with 1 (blocked) when reporting the error throws', () => {
    const proc = new FakeProcess()
    installProcessGuard(proc, {
      reportUncaught: () => {
        throw new Error('stderr is gone')
      },
      writeLine: () => undefined
    })
    proc.emit('uncaughtException', new Error('first'))
    expect(proc.codes).toEqual([1])
  })

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143]
  ] as const)('%s removes the temporary folders, prints one line and exits %i', async (signal, code) => {
    const { proc, lines, reported } = guarded()
    const folder = await makeTempFolder('check')
    await writeFile(join(folder, 'model.onnx'), 'bytes of a downloaded model')
    proc.emit(signal)
    expect(existsSync(folder)).toBe(false)
    expect(liveTempFolders()).toEqual([])
    expect(proc.codes).toEqual([code])
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(signal)
    expect(lines[0]).toContain(`exit ${code}`)
    expect(reported).toEqual([])
  })

  it('removes what is left when the process exits normally', async () => {
    const { proc } = guarded()
    const folder = await makeTempFolder('inspect')
    proc.emit('exit', 0)
    expect(existsSync(folder)).toBe(false)
  })
})

describe('withTempFolder', () => {
  it('removes the folder when the work throws', async () => {
    let seen = ''
    await expect(
      withTempFolder('diff', async (folder) => {
        seen = folder
        throw new Error('store failed')
      })
    ).rejects.toThrow('store failed')
    expect(seen).toMatch(/aims-gate-diff-/)
    expect(existsSync(seen)).toBe(false)
    expect(liveTempFolders()).toEqual([])
  })
})
