/**
 * What ships is what is tested, for the action: dist/index.js run as the GitHub runner runs it
 * (inputs as INPUT_* variables, outputs and summary from the runner's files) against the real
 * seeded MLflow 2.x and 3.x servers and their databases as local stores, with the recompute and
 * fairness requirements of the example policy, Parquet evaluation data and write-back.
 * Numbers are compared with what Python computed for the seed (mlflow.evaluate / scikit-learn).
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh, ROOT, runAction } from '../support/action-runner.js'
import {
  evaluationFiles,
  exampleWorkspace,
  freshModelVersion,
  readReport,
  requirementOf,
  seededEqualOpportunityGap,
  seededVersion
} from '../support/dist-e2e.js'
import { servers } from '../support/servers.js'

const workRoot = path.join(ROOT, '.tmp', `dist-e2e-action-${randomUUID()}`)
const tmp = path.join(workRoot, 'tmp')

beforeAll(() => assertBundleFresh())
afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

/** Every declared input, "" when the workflow gives none (as the runner sets them). */
function inputs(overrides: Record<string, string>): Record<string, string> {
  return {
    model: 'credit-risk',
    alias: '',
    version: '',
    'tracking-uri': '',
    policy: 'policies/credit-risk.yml',
    profile: 'production',
    'card-source': 'model-cards/credit-risk.md',
    'card-dir': 'cards',
    'card-template': '',
    report: '',
    'artifacts-destination': '',
    'eval-data': '',
    'github-token': '',
    comment: 'true',
    'write-back': 'false',
    timeout: '30',
    ...overrides
  }
}

async function gate(name: string, overrides: Record<string, string>) {
  const dir = await exampleWorkspace(path.join(workRoot, name, 'workspace'))
  const run = await runAction({ workspace: dir, inputs: inputs(overrides), env: { TMPDIR: tmp } })
  const reportPath = run.outputs['report-path']
  if (reportPath === undefined) throw new Error(`no report (exit ${run.code}): ${run.stdout}${run.stderr}`)
  return { run, dir, report: await readReport(path.resolve(dir, reportPath)) }
}

describe.each(servers().map((s) => [s.flavour, s] as const))('dist/index.js against the %s server', (flavour, s) => {
  let parquet: string
  beforeAll(async () => {
    await mkdir(tmp, { recursive: true })
    parquet = (await evaluationFiles(s, path.join(workRoot, 'data', flavour))).parquet
  })

  for (const store of ['server', 'local store'] as const) {
    const title = `passes the challenger on a Parquet eval-data input (${store}), with Python's numbers in the report`
    it(title, async () => {
      const where: Record<string, string> =
        store === 'server'
          ? { 'tracking-uri': s.uri }
          : { 'tracking-uri': `sqlite:///${s.dbPath}`, 'artifacts-destination': s.artifactsDir }
      const { run, report } = await gate(`parquet-${store}-${flavour}`, {
        ...where,
        alias: 'challenger',
        'eval-data': parquet
      })
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(run.outputs.verdict).toBe('pass')
      const seeded = seededVersion(s, 'challenger')
      const auc = requirementOf(report, 'auc-reconciled')
      expect(auc.status, auc.message).toBe('pass')
      expect(Math.abs((auc.details?.recomputed as number) - seeded.evaluatedMetrics.roc_auc!)).toBeLessThan(1e-6)
      expect(auc.evidence.find((e) => e.source === 'recomputed')?.uri).toBe(parquet)
      const fairness = requirementOf(report, 'equal-opportunity-sex')
      expect(fairness.status, fairness.message).toBe('pass')
      expect(fairness.details?.point).toBeCloseTo(seededEqualOpportunityGap(seeded), 12)
      expect(run.summary).toMatch(/\| ✅ pass \| auc-reconciled \|/)
    })
  }

  it('blocks the tampered version on the reconciled AUC (CSV from the run), annotated on its policy line', async () => {
    const { run, report } = await gate(`tampered-${flavour}`, { 'tracking-uri': s.uri, alias: 'tampered' })
    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('fail')
    expect(run.outputs.blocking?.split(',')).toContain('auc-reconciled')
    const auc = requirementOf(report, 'auc-reconciled')
    expect(auc.status).toBe('fail')
    expect(
      Math.abs((auc.details?.recomputed as number) - seededVersion(s, 'tampered').tampered!.trueValue)
    ).toBeLessThan(1e-6)
    expect(run.stdout).toMatch(
      /::error title=auc-reconciled%3A [^,]*\(blocks release\),file=policies\/credit-risk\.yml,line=\d+::/
    )
  })

  it('write-back: true records the verdict tags with the digests of the files it wrote', async () => {
    const fresh = await freshModelVersion(s, 'aims-gate-dist-action-writeback')
    const { run, dir } = await gate(`writeback-${flavour}`, {
      'tracking-uri': s.uri,
      model: fresh.name,
      version: fresh.version,
      policy: '',
      profile: '',
      'card-source': '',
      'write-back': 'true'
    })
    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('fail')
    const sha = async (file: string) =>
      createHash('sha256')
        .update(await readFile(path.resolve(dir, file)))
        .digest('hex')
    const response = await fetch(
      `${s.uri}/api/2.0/mlflow/model-versions/get?name=${fresh.name}&version=${fresh.version}`
    )
    const mv = (await response.json()) as { model_version: { tags?: { key: string; value: string }[] } }
    const tags = Object.fromEntries((mv.model_version.tags ?? []).map((t) => [t.key, t.value]))
    expect(tags['aims.gate.verdict']).toBe('fail')
    expect(tags['aims.gate.report_sha256']).toBe(await sha(run.outputs['report-path']!))
    expect(tags['aims.gate.card_sha256']).toBe(await sha(run.outputs['card-path']!))
    expect(run.outputs['report-sha256']).toBe(tags['aims.gate.report_sha256'])
  })
})

describe('dist/index.js temporary folders', () => {
  it('left none of its aims-gate-* folders in TMPDIR after all the runs above', async () => {
    expect((await readdir(tmp)).filter((name) => name.startsWith('aims-gate-'))).toEqual([])
  })
})
