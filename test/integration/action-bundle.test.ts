/**
 * The bundled action (dist/index.js) run as the GitHub runner runs it, against the seeded MLflow
 * servers: inputs as INPUT_* variables, outputs and job summary read back from the files the
 * runner would collect. Needs `npm run package` first (the test refuses a stale bundle).
 *
 * - A well-evidenced version (credit-risk@challenger, production profile of the example policy)
 *   passes on MLflow 2 and 3: exit 0, verdict=pass, the card and report exist and their outputs'
 *   SHA-256 match the files, the summary opens with the verdict and holds the requirements table.
 * - An incomplete version (credit-risk@incomplete) is blocked: exit 1, verdict=fail, `blocking`
 *   lists the blocking requirement ids, which the failure message and annotations name too.
 */
import { createHash, randomUUID } from 'node:crypto'
import { cp, mkdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh, ROOT, runAction } from '../support/action-runner.js'
import { server, servers } from '../support/servers.js'
import { parseValidReport } from '../support/report-schema.js'

const workRoot = path.join(ROOT, '.tmp', `action-bundle-${randomUUID()}`)

/** A checkout: the example policy and card source where a repository would keep them. */
async function workspace(name: string): Promise<{ dir: string; cardDir: string }> {
  const dir = path.join(workRoot, name, 'workspace')
  await mkdir(path.join(dir, 'model-cards'), { recursive: true })
  await cp(path.join(ROOT, 'examples/credit-risk/policy.yml'), path.join(dir, 'policies', 'credit-risk.yml'))
  await cp(
    path.join(ROOT, 'examples/credit-risk/model-cards/credit-risk.md'),
    path.join(dir, 'model-cards', 'credit-risk.md')
  )
  // The card folder is a separate temporary folder, as a workflow might choose.
  return { dir, cardDir: path.join(workRoot, name, 'cards') }
}

function gateInputs(uri: string, alias: string, cardDir: string): Record<string, string> {
  // As the runner sets them: every declared input, "" when the workflow gives none.
  return {
    model: 'credit-risk',
    alias,
    version: '',
    'tracking-uri': uri,
    policy: 'policies/credit-risk.yml',
    profile: 'production',
    'card-source': 'model-cards/credit-risk.md',
    'card-dir': cardDir,
    'card-template': '',
    report: '',
    'artifacts-destination': '',
    'github-token': '',
    comment: 'true',
    'write-back': 'false',
    timeout: '30'
  }
}

const sha256 = async (file: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex')

beforeAll(() => assertBundleFresh())
afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

describe.each(servers().map((s) => [s.flavour, s] as const))('bundled action against %s', (flavour, s) => {
  it('passes a well-evidenced version: exit 0, outputs, files, summary', async () => {
    const { dir, cardDir } = await workspace(`pass-${flavour}`)
    const run = await runAction({ workspace: dir, inputs: gateInputs(s.uri, 'challenger', cardDir) })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.outputs.verdict).toBe('pass')
    expect(run.outputs.blocking).toBe('')

    const card = path.resolve(dir, run.outputs['card-path']!)
    const report = path.resolve(dir, run.outputs['report-path']!)
    expect(card).toBe(path.join(cardDir, 'credit-risk', '2.md'))
    expect(report).toBe(path.join(cardDir, 'credit-risk', '2.report.json'))
    expect(await sha256(card)).toBe(run.outputs['card-sha256'])
    expect(await sha256(report)).toBe(run.outputs['report-sha256'])
    const json = parseValidReport<{ verdict: string }>(await readFile(report, 'utf8'))
    expect(json.verdict).toBe('pass')
    // The HTML view sits beside the card and says the verdict in its banner.
    const html = path.resolve(dir, run.outputs['card-html-path']!)
    expect(html).toBe(path.join(cardDir, 'credit-risk', '2.html'))
    expect(await readFile(html, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*PASS: release allowed/)

    // Verdict first, then the requirements table, then the card.
    expect(run.summary.split('\n')[0]).toBe('## ✅ aims-gate: credit-risk v2 may be released (profile production)')
    expect(run.summary).toContain('| | Requirement | Controls | Observed | Expected |')
    for (const id of ['auc', 'provenance', 'auc-vs-champion', 'card', 'impact', 'release-approval']) {
      expect(run.summary).toMatch(new RegExp(`\\| ✅ pass \\| ${id} \\|`))
    }
    expect(run.summary).toContain('<summary>Model card: credit-risk v2</summary>')
    expect(run.stdout).not.toContain('::error')
  })
})

describe('bundled action, blocked release', () => {
  it(
    'blocks an incomplete version: exit 1, verdict=fail, blocking ids in outputs, ' + 'message and annotations',
    async () => {
      const s = server('mlflow3')
      const { dir, cardDir } = await workspace('blocked')
      const run = await runAction({ workspace: dir, inputs: gateInputs(s.uri, 'incomplete', cardDir) })
      expect(run.code, run.stdout + run.stderr).toBe(1)
      expect(run.outputs.verdict).toBe('fail')

      const report = parseValidReport<{ blocking: string[] }>(
        await readFile(path.resolve(dir, run.outputs['report-path']!), 'utf8')
      )
      const blocking = run.outputs.blocking!.split(',')
      expect(blocking.length).toBeGreaterThan(0)
      expect(blocking).toEqual(report.blocking)
      expect(blocking).toEqual(expect.arrayContaining(['auc', 'provenance', 'impact', 'release-approval']))
      expect(await sha256(path.resolve(dir, run.outputs['card-path']!))).toBe(run.outputs['card-sha256'])
      // A blocked release still gets its HTML view, with the block in words.
      const html = await readFile(path.resolve(dir, run.outputs['card-html-path']!), 'utf8')
      expect(html).toContain('BLOCKED: release not allowed')
      for (const id of blocking) expect(html).toContain(`<code>${id}</code>`)

      // The step fails with a message naming every blocking requirement…
      const failure = run.stdout.split('\n').find((line) => line.startsWith('::error::Release blocked'))
      expect(failure).toBeDefined()
      for (const id of blocking) expect(failure).toContain(id)
      // …and each is annotated on its line of the policy file in the checkout.
      for (const id of blocking) {
        expect(run.stdout).toMatch(
          new RegExp(`::error title=${id}%3A [^,]*\\(blocks release\\),file=policies/credit-risk\\.yml,line=\\d+::`)
        )
      }
      expect(run.summary.split('\n')[0]).toBe('## ❌ aims-gate: credit-risk v4 is blocked (profile production)')
      expect(run.summary).toContain(`**Blocking:** ${blocking.join(', ')}`)
    }
  )

  it('refuses an invalid input before contacting anything, naming the input', async () => {
    const { dir, cardDir } = await workspace('invalid')
    const run = await runAction({
      workspace: dir,
      inputs: { ...gateInputs(server('mlflow3').uri, 'challenger', cardDir), 'write-back': 'maybe' }
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`::error::aims-gate: input "write-back" is "maybe", which is not a boolean; fix:`)
    expect(run.outputs).toEqual({})
    expect(run.summary).toContain('the gate could not evaluate')
  })
})
