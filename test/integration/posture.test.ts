/**
 * `aims-gate posture` (the bundled dist/cli.js) against fresh MLflow 2.x and 3.x servers seeded
 * with models in known states (test/support/posture-seed.ts): posture.json holds exactly the
 * expected findings and validates against schemas/posture.schema.json (Ajv strict); hand-written
 * passing verdicts never count as passing; a re-run over the unchanged registry is byte-identical;
 * the site it wrote, opened from file:// in headless Chromium, shows every finding and passes axe.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import axe from 'axe-core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PostureReport } from '../../src/core/posture/types.js'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import { startMlflowServer, type RunningServer } from '../support/mlflow-server.js'
import { EXPECTED_FINDINGS, EXPECTED_WITH_POLICY, SEED_NOW, seedPostureRegistry } from '../support/posture-seed.js'
import { compileStrict, readShippedSchema } from '../support/report-schema.js'

const root = path.resolve(import.meta.dirname, '../..')

async function readTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    out.set(path.relative(dir, file), await readFile(file, 'utf8'))
  }
  return out
}

describe.each(['mlflow2', 'mlflow3'] as const)('aims-gate posture against %s', (flavour) => {
  const workRoot = path.join(root, '.tmp', `posture-it-${flavour}-${randomUUID()}`)
  const workspace = path.join(workRoot, 'workspace')
  let server: RunningServer

  beforeAll(async () => {
    await assertBundleFresh()
    await mkdir(path.join(workRoot, 'server'), { recursive: true })
    server = await startMlflowServer({ flavour, root, workDir: path.join(workRoot, 'server') })
    await seedPostureRegistry(server, workspace)
  }, 600_000)

  afterAll(async () => {
    await server?.stop()
    await rm(workRoot, { recursive: true, force: true })
  })

  const posture = async (out: string, extra: string[] = []) => {
    const run = await runCli(['posture', '--tracking-uri', server.uri, '--out', out, '--now', SEED_NOW, ...extra], {
      cwd: workspace
    })
    expect(run.code, run.stderr).toBe(0)
    const report = JSON.parse(await readFile(path.join(workspace, out, 'posture.json'), 'utf8')) as PostureReport
    return { run, report }
  }

  it('posture.json has exactly the expected findings and validates against its schema (Ajv strict)', async () => {
    const { report, run } = await posture('site')
    expect(report.findings.map((f) => f.id).sort()).toEqual([...EXPECTED_FINDINGS].sort())
    const validate = compileStrict(readShippedSchema('posture'))
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    const state = Object.fromEntries(report.models.map((m) => [m.name, m.state]))
    expect(state).toEqual({
      // Its alias now names a version the gate never saw: what it holds counts, not its history.
      'alias-moved': 'never-gated',
      blocked: 'blocked',
      'expiring-waiver': 'passing',
      'forged-digest': 'blocked',
      'forged-other': 'blocked',
      'forged-tags': 'blocked',
      'never-gated': 'never-gated',
      passing: 'passing',
      'stale-policy': 'passing',
      tampered: 'blocked'
    })
    expect(report.totals).toMatchObject({ models: 10, passing: 3, blocked: 5, neverGated: 2, gated: 8 })
    expect(report.requests.maxInFlight).toBeGreaterThan(0)
    expect(report.requests.maxInFlight).toBeLessThanOrEqual(8)
    expect(run.stdout).toContain(`${report.requests.count} MLflow requests`)
    for (const f of report.findings) {
      expect(f.reason.length).toBeGreaterThan(20)
      expect(f.links[0]?.href).toBe(
        `${server.uri}/#/models/${encodeURIComponent(f.model)}/versions/${encodeURIComponent(f.version ?? '')}`
      )
    }
  })

  it('hand-written passing verdicts never count: no report, a wrong digest, another version’s report', async () => {
    const { report } = await posture('forgeries')
    for (const name of ['forged-tags', 'forged-digest', 'forged-other', 'tampered']) {
      const model = report.models.find((m) => m.name === name)
      expect(model?.state, name).toBe('blocked')
    }
    const mismatch = report.findings.find((f) => f.id === 'report-mismatch:forged-other:2@production')
    expect(mismatch?.observed).toBe('report of forged-other version 1')
  })

  it('with --policy: stale verdicts and the what-if re-evaluation from MLflow evidence', async () => {
    const { report } = await posture('with-policy', ['--policy', 'policy.yml'])
    expect(report.findings.map((f) => f.id).sort()).toEqual([...EXPECTED_WITH_POLICY].sort())
    const stale = report.findings.find((f) => f.kind === 'stale-policy')
    expect(stale?.expected).toBe(report.policy?.sha256)
    const blocked = report.models.find((m) => m.name === 'blocked')?.versions[0]
    expect(blocked?.whatIf).toEqual({ verdict: 'fail', blocking: ['score-floor'] })
  })

  it('a re-run over the unchanged registry writes byte-identical files, swapped in whole', async () => {
    await posture('again')
    const first = await readTree(path.join(workspace, 'again'))
    await posture('again')
    expect(await readTree(path.join(workspace, 'again'))).toEqual(first)
    expect([...first.keys()]).toContain('posture.json')
    expect((await readdir(workspace)).filter((n) => n.includes('.staging.') || n.includes('.old.'))).toEqual([])
  })

  it('the site it wrote shows every finding in Chromium from file://, and axe finds nothing serious', async () => {
    const { report } = await posture('browse')
    const artifacts = path.join(root, '.tmp', 'artifacts', `posture-integration-${flavour}`)
    await mkdir(artifacts, { recursive: true })
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
    try {
      const index = pathToFileURL(path.join(workspace, 'browse', 'index.html')).href
      for (const [name, viewport] of [
        ['1280x800', { width: 1280, height: 800 }],
        ['390x844', { width: 390, height: 844 }]
      ] as const) {
        // The site's CSP forbids every script, axe's too: this context lets the test inject it.
        const context = await browser.newContext({ viewport, bypassCSP: true })
        const page = await context.newPage()
        await page.goto(index)
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text on screen
        const text = await page.locator('body').innerText()
        for (const finding of report.findings) expect(text, finding.id).toContain(finding.reason)
        await page.screenshot({ path: path.join(artifacts, `index-${name}.png`), fullPage: true })
        await page.addScriptTag({ content: axe.source })
        const impacts = await page.evaluate(
          "axe.run(document).then((r) => r.violations.map((v) => v.impact + ' ' + v.id))"
        )
        expect((impacts as string[]).filter((v) => /^(serious|critical) /.test(v))).toEqual([])
        await context.close()
      }
      // A finding links to its model's page, which names the finding too.
      const page = await browser.newPage()
      await page.goto(index)
      const blocked = report.findings.find((f) => f.model === 'blocked')!
      await page.getByRole('link', { name: 'blocked', exact: true }).first().click()
      expect(page.url()).toContain('/models/')
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text on screen
      expect(await page.locator('body').innerText()).toContain(blocked.reason)
    } finally {
      await browser.close()
    }
  })
})
