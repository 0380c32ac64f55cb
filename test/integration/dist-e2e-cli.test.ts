/**
 * What ships is what is tested: the bundled CLI (dist/cli.js, spawned as a user runs it) against
 * the real seeded MLflow 2.x and 3.x servers and their databases read as local stores. The
 * in-process suites (gate-recompute, card-writeback) run src/; this one runs the bundle, where
 * module order, lazily imported modules and the vendored runtime can break what src/ gets right.
 *
 * Every number is compared with what Python computed: the seed's mlflow.evaluate AUC
 * (scikit-learn's roc_auc_score) and its per-group true-positive rates from the same ONNX graph.
 */
import { createHash, randomUUID } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../support/action-runner.js'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import {
  evaluationFiles,
  exampleWorkspace,
  freshModelVersion,
  readReport,
  requirementOf,
  seededEqualOpportunityGap,
  seededVersion
} from '../support/dist-e2e.js'
import { servers, type SeededServer } from '../support/servers.js'
import type { Report } from '../../src/render/report-schema.js'

const workRoot = path.join(ROOT, '.tmp', `dist-e2e-cli-${randomUUID()}`)
let workspace: string

beforeAll(async () => {
  await assertBundleFresh()
  workspace = await exampleWorkspace(path.join(workRoot, 'workspace'))
})
afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

/** `aims-gate check` on the example policy's production profile; the report as written to disk. */
async function check(
  trackingUri: string,
  alias: string,
  label: string,
  extra: string[] = []
): Promise<{ code: number; stderr: string; report: Report }> {
  const cardDir = path.join(workRoot, 'cards', label)
  const run = await runCli(
    [
      'check',
      '--tracking-uri',
      trackingUri,
      '--model',
      'credit-risk',
      '--alias',
      alias,
      '--policy',
      'policies/credit-risk.yml',
      '--profile',
      'production',
      '--card-dir',
      cardDir,
      ...extra
    ],
    {
      cwd: workspace,
      env: { TMPDIR: workRoot }
    }
  )
  const version = run.stdout.match(/Report: .*\/(\d+)\.report\.json/)?.[1]
  if (version === undefined) throw new Error(`no report written (exit ${run.code}): ${run.stderr}${run.stdout}`)
  return {
    code: run.code,
    stderr: run.stderr,
    report: await readReport(path.join(cardDir, 'credit-risk', `${version}.report.json`))
  }
}

/** The recomputed AUC and the fairness point estimate equal Python's; both requirements pass. */
function expectChallengerNumbers(report: Report, s: SeededServer): void {
  const seeded = seededVersion(s, 'challenger')
  const auc = requirementOf(report, 'auc-reconciled')
  expect(auc.status, auc.message).toBe('pass')
  expect(Math.abs((auc.details?.recomputed as number) - seeded.evaluatedMetrics.roc_auc!)).toBeLessThan(1e-6)
  const fairness = requirementOf(report, 'equal-opportunity-sex')
  expect(fairness.status, fairness.message).toBe('pass')
  expect(fairness.details?.point).toBeCloseTo(seededEqualOpportunityGap(seeded), 12)
}

describe.each(servers().map((s) => [s.flavour, s] as const))('dist/cli.js against the %s server', (flavour, s) => {
  let files: { csv: string; parquet: string }
  beforeAll(async () => {
    files = await evaluationFiles(s, path.join(workRoot, 'data', flavour))
  })

  it(
    'CSV from the run (policy evaluation.data): the challenger passes on recomputed ' + 'numbers equal to Python’s',
    async () => {
      const { code, report, stderr } = await check(s.uri, 'challenger', `csv-${flavour}`)
      expect(report.blocking, stderr).toEqual([])
      expect(code).toBe(0)
      expectChallengerNumbers(report, s)
      expect(requirementOf(report, 'auc-reconciled').evidence.find((e) => e.source === 'recomputed')?.uri).toBe(
        `runs:/${seededVersion(s, 'challenger').runId}/eval/evaluation.csv`
      )
    }
  )

  it('CSV: the tampered version is blocked on the reconciled AUC, naming both numbers', async () => {
    const { code, report } = await check(s.uri, 'tampered', `tampered-${flavour}`)
    const seeded = seededVersion(s, 'tampered').tampered!
    expect(code).toBe(1)
    const auc = requirementOf(report, 'auc-reconciled')
    expect(auc.status).toBe('fail')
    const recomputed = auc.details?.recomputed as number
    expect(Math.abs(recomputed - seeded.trueValue)).toBeLessThan(1e-6)
    expect(auc.message).toContain(String(seeded.loggedValue))
    expect(report.blocking).toContain('auc-reconciled')
  })

  it('Parquet (--eval-data, written by pandas): the same numbers as Python’s, never missing', async () => {
    const { code, report } = await check(s.uri, 'challenger', `parquet-${flavour}`, ['--eval-data', files.parquet])
    expect(code).toBe(0)
    expectChallengerNumbers(report, s)
    expect(requirementOf(report, 'auc-reconciled').evidence.find((e) => e.source === 'recomputed')?.uri).toBe(
      files.parquet
    )
  })

  it('Parquet: the disparity version is blocked on equal opportunity, the whole interval above the limit', async () => {
    const { code, report } = await check(s.uri, 'disparity', `parquet-disparity-${flavour}`, [
      '--eval-data',
      files.parquet
    ])
    expect(code).toBe(1)
    const fairness = requirementOf(report, 'equal-opportunity-sex')
    expect(fairness.status).toBe('fail')
    expect((fairness.details?.interval as { low: number } | undefined)?.low).toBeGreaterThan(0.35)
    expect(fairness.details?.point).toBeCloseTo(seededEqualOpportunityGap(seededVersion(s, 'disparity')), 12)
  })

  it('the server’s database as a local store gives the same requirements, with CSV and with Parquet', async () => {
    const local = `sqlite:///${s.dbPath}`
    const before = createHash('sha256')
      .update(await readFile(s.dbPath))
      .digest('hex')
    for (const [label, extra] of [
      ['csv', []],
      ['parquet', ['--eval-data', files.parquet]]
    ] as const) {
      const viaRest = await check(s.uri, 'challenger', `rest-${label}-${flavour}`, [...extra])
      const viaSqlite = await check(local, 'challenger', `sqlite-${label}-${flavour}`, [
        '--artifacts-destination',
        s.artifactsDir,
        ...extra
      ])
      expect(viaSqlite.code, viaSqlite.stderr).toBe(0)
      expectChallengerNumbers(viaSqlite.report, s)
      const judged = (r: Report) =>
        r.requirements.map(({ id, status, observed, expected, details }) => ({
          id,
          status,
          observed,
          expected,
          details
        }))
      expect(judged(viaSqlite.report), label).toEqual(judged(viaRest.report))
    }
    expect(
      createHash('sha256')
        .update(await readFile(s.dbPath))
        .digest('hex')
    ).toBe(before)
  })

  it('--write-back records the verdict and uploads the card and report, read back from the server', async () => {
    const fresh = await freshModelVersion(s, 'aims-gate-dist-writeback')
    const cardDir = path.join(workRoot, 'cards', `writeback-${flavour}`)
    const run = await runCli(
      [
        'check',
        '--tracking-uri',
        s.uri,
        '--model',
        fresh.name,
        '--version',
        fresh.version,
        '--card-dir',
        cardDir,
        '--write-back'
      ],
      { cwd: workspace, env: { TMPDIR: workRoot } }
    )
    // Nothing was logged for this version: the baseline policy blocks it; the verdict is still recorded.
    expect(run.code, run.stderr).toBe(1)
    const reportBytes = await readFile(path.join(cardDir, fresh.name, `${fresh.version}.report.json`))
    const cardBytes = await readFile(path.join(cardDir, fresh.name, `${fresh.version}.md`))
    const get = async (endpoint: string): Promise<Response> => {
      const response = await fetch(`${s.uri}${endpoint}`)
      if (!response.ok) throw new Error(`${endpoint}: ${response.status}`)
      return response
    }
    const mv = (await (
      await get(`/api/2.0/mlflow/model-versions/get?name=${fresh.name}&version=${fresh.version}`)
    ).json()) as { model_version: { tags?: { key: string; value: string }[] } }
    const tags = Object.fromEntries((mv.model_version.tags ?? []).map((t) => [t.key, t.value]))
    expect(tags['aims.gate.verdict']).toBe('fail')
    expect(tags['aims.gate.report_sha256']).toBe(createHash('sha256').update(reportBytes).digest('hex'))
    expect(tags['aims.gate.card_sha256']).toBe(createHash('sha256').update(cardBytes).digest('hex'))
    const artifact = async (name: string) =>
      Buffer.from(
        await (
          await get(`/get-artifact?path=${encodeURIComponent(`aims-gate/${name}`)}&run_uuid=${fresh.runId}`)
        ).arrayBuffer()
      )
    expect((await artifact(`${fresh.version}.report.json`)).equals(reportBytes)).toBe(true)
    expect((await artifact(`${fresh.version}.md`)).equals(cardBytes)).toBe(true)
  })
})

describe('dist/cli.js temporary folders', () => {
  it('left none of its aims-gate-* folders in TMPDIR after all the runs above', async () => {
    expect((await readdir(workRoot)).filter((name) => name.startsWith('aims-gate-'))).toEqual([])
  })
})
