/**
 * `dist/` copied alone into a fresh temporary folder for the file's tests (no node_modules next
 * to it, as the action runs it), and the `check` of the example store run from there.
 */
import { execFile } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll } from 'vitest'

export const run = promisify(execFile)
export const node = resolve('node_modules/.bin/node')

/** Registers the copy in the calling file's beforeAll/afterAll; `folder` is set once it has run. */
export function standaloneDist(): { folder: string } {
  const dist = { folder: '' }
  beforeAll(async () => {
    dist.folder = await mkdtemp(join(tmpdir(), 'aims-gate-dist-'))
    await cp(resolve('dist'), join(dist.folder, 'dist'), { recursive: true })
  })
  afterAll(async () => {
    await rm(dist.folder, { recursive: true, force: true })
  })
  return dist
}

/** `dist/cli.js check` of the example store's challenger, writing to `<folder>/<outDir>`. */
export function exampleCheck(folder: string, store: string, outDir: string, ...extra: string[]): string[] {
  return [
    join(folder, 'dist/cli.js'),
    'check',
    '--tracking-uri',
    `sqlite:///${store}/mlflow.db`,
    '--model',
    'credit-risk',
    '--alias',
    'challenger',
    '--policy',
    join(store, 'policy.yml'),
    '--card-source',
    join(store, 'model-cards/credit-risk.md'),
    '--card-dir',
    join(folder, outDir),
    ...extra
  ]
}
