/**
 * Every complete workflow shown in the README and docs/ (a ```yaml block with `on:` and `jobs:`)
 * is accepted by actionlint, with `uses: ./` checked against this repository's action.yml. A
 * workflow users copy must not fail on their first push.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { actionlintProblems, findActionlint } from '../../support/actionlint.js'

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..')
const ACTIONLINT = findActionlint()

interface Workflow {
  name: string
  text: string
}

async function documentedWorkflows(): Promise<Workflow[]> {
  const docs = (await readdir(path.join(ROOT, 'docs'))).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)
  const found: Workflow[] = []
  for (const doc of ['README.md', ...docs]) {
    const text = await readFile(path.join(ROOT, doc), 'utf8')
    const blocks = [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)]
    for (const [index, block] of blocks.entries()) {
      const body = block[1] as string
      const data = parse(body) as Record<string, unknown> | null
      if (data === null || typeof data !== 'object' || !('jobs' in data) || !('on' in data)) continue
      const line = text.slice(0, block.index).split('\n').length
      found.push({ name: `${doc}:${line} (block ${index + 1})`, text: body })
    }
  }
  return found
}

const workflows = await documentedWorkflows()

describe.skipIf(ACTIONLINT === undefined)('workflows shown in the docs under actionlint', () => {
  let folder: string
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'aims-gate-docs-actionlint-'))
    await mkdir(path.join(folder, '.github', 'workflows'), { recursive: true })
    await copyFile(path.join(ROOT, 'action.yml'), path.join(folder, 'action.yml'))
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('finds the documented workflows', () => {
    expect(workflows.length).toBeGreaterThan(0)
  })

  it.each(workflows.map((w) => [w.name, w] as const))('%s is clean', async (_name, workflow) => {
    const file = path.join(folder, '.github', 'workflows', 'documented.yml')
    await writeFile(file, workflow.text)
    expect(actionlintProblems(ACTIONLINT as string, file, folder)).toEqual([])
  })
})
