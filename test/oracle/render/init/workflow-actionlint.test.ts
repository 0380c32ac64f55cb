/**
 * The workflow `aims-gate init` writes is accepted by actionlint (rhysd/actionlint, the linter
 * GitHub workflow authors use), for ordinary and hostile model names. Runs when actionlint is
 * installed (`bash scripts/actionlint.sh`, run by `npm test`); skipped otherwise, except under CI.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { renderWorkflow } from '../../../../src/render/init/workflow.js'
import { actionlintProblems, findActionlint } from '../../../support/actionlint.js'

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
      expect(actionlintProblems(ACTIONLINT as string, file, folder)).toEqual([])
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})
