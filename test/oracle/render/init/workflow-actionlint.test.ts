/**
 * The workflow `aims-gate init` writes is accepted by actionlint (rhysd/actionlint, the linter
 * GitHub workflow authors use), for ordinary and hostile model names. Runs when actionlint is
 * installed (`go install github.com/rhysd/actionlint/cmd/actionlint@latest`); skipped otherwise.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { renderWorkflow } from '../../../../src/render/init/workflow.js'

function findActionlint(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), path.join(homedir(), 'go', 'bin')]
  if (process.env.GOPATH !== undefined) dirs.push(path.join(process.env.GOPATH, 'bin'))
  return dirs.map((dir) => path.join(dir, 'actionlint')).find((file) => existsSync(file))
}
const ACTIONLINT = findActionlint()

const NAMES = ['credit-risk', 'a: b # c', 'it\'s "quoted"', '- [list] {map} &a *b !t', 'multi\nline', '%{{ x }}']

describe.skipIf(ACTIONLINT === undefined)('the init workflow under actionlint', () => {
  it.each(NAMES)('is clean for the model %j and keeps the name as data', async (model) => {
    const folder = await mkdtemp(path.join(tmpdir(), 'aims-gate-actionlint-'))
    try {
      const text = renderWorkflow({
        model,
        target: { alias: 'challenger' },
        policyPath: 'policies/m.yml',
        cardSourcePath: 'model-cards/m.md'
      })
      expect(parse(text).jobs.gate.steps[1].with.model).toBe(model)
      const file = path.join(folder, '.github', 'workflows', 'aims-gate.yml')
      await mkdir(path.dirname(file), { recursive: true })
      await writeFile(file, text)
      // actionlint exits non-zero with one line per problem; execFileSync throws with them.
      const output = execFileSync(ACTIONLINT as string, ['-no-color', file], { cwd: folder, encoding: 'utf8' })
      expect(output).toBe('')
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})
