/**
 * Recomputed metrics and fairness through `aims-gate check`, against the real seeded MLflow 2.x
 * and 3.x servers: the gate downloads each version's ONNX graph and `eval/evaluation.csv`, runs
 * the model, reconciles the logged AUC and judges equal opportunity across sex on the bootstrap
 * interval. Numbers are compared with the seed manifest (computed in Python), not with ourselves.
 */
import { randomUUID } from 'node:crypto'
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CommandIO } from '../../src/commands/command.js'
import { createCheckCommand } from '../../src/commands/check.js'
import type { Report } from '../../src/render/report-schema.js'
import { servers, type SeededServer } from '../support/servers.js'
import { parseValidReport } from '../support/report-schema.js'

const workRoot = resolve('.tmp', `gate-recompute-it-${randomUUID()}`)
const examplePolicy = resolve('examples/credit-risk/policy.yml')

/** A small policy judging only what this file is about, with the example's evaluation block. */
const FAIRNESS_ONLY = (fairness: string) => `version: 1
name: recompute-it
evaluation:
  data: { artifact: eval/evaluation.csv }
  label: income_gt_50k
  positiveClass: 1
  task: binary
profiles:
  p:
    requirements:
${fairness}
`

beforeAll(async () => {
  await mkdir(resolve(workRoot, 'model-cards'), { recursive: true })
  await cp(resolve('examples/credit-risk/model-cards/credit-risk.md'), resolve(workRoot, 'model-cards/credit-risk.md'))
})
afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

async function check(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const io: CommandIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    cwd: workRoot,
    isTTY: false
  }
  // The real clock: approvals are dated when the servers were seeded, and may not lie in the future.
  const code = await createCheckCommand({ clock: { now: () => new Date() } }).run([...argv, '--json'], io)
  const report = stdout.trim().startsWith('{') ? parseValidReport(stdout) : undefined
  return { code, report, stderr }
}

const requirementOf = (report: Report | undefined, id: string) => report?.requirements.find((r) => r.id === id)
const versionOf = (s: SeededServer, role: string) =>
  s.manifest.models['credit-risk']!.versions.find((v) => v.role === role)!

describe.each(servers().map((s) => [s.flavour, s] as const))(
  'recompute through aims-gate check on %s',
  (flavour, s) => {
    const base = [
      '--tracking-uri',
      s.uri,
      '--model',
      'credit-risk',
      '--profile',
      'production',
      '--policy',
      examplePolicy
    ]

    it('blocks the tampered version on the reconciled AUC, naming both values', async () => {
      const { code, report } = await check([...base, '--alias', 'tampered'])
      const seeded = versionOf(s, 'tampered').tampered!
      expect(code).toBe(1)
      expect(report?.blocking).toContain('auc-reconciled')
      const result = requirementOf(report, 'auc-reconciled')!
      expect(result.status).toBe('fail')
      const recomputed = result.details?.recomputed as number
      expect(Math.abs(recomputed - seeded.trueValue)).toBeLessThan(1e-6)
      expect(result.message).toContain(String(seeded.loggedValue))
      expect(result.message).toContain(String(recomputed))
      // The recomputed evidence names the evaluation file it ran on: the candidate run's artifact.
      const ref = result.evidence.find((e) => e.source === 'recomputed')
      expect(ref?.uri).toBe(`runs:/${versionOf(s, 'tampered').runId}/eval/evaluation.csv`)
    }, 300_000)

    it('lets the challenger through, with the card showing the group table and the recompute provenance', async () => {
      const cardDir = resolve(workRoot, `cards-${flavour}`)
      const { code, report } = await check([...base, '--alias', 'challenger', '--card-dir', cardDir])
      expect(report?.blocking).toEqual([])
      expect(code).toBe(0)
      const seeded = versionOf(s, 'challenger')
      const auc = requirementOf(report, 'auc-reconciled')!
      expect(auc.status).toBe('pass')
      expect(Math.abs((auc.details?.recomputed as number) - seeded.evaluatedMetrics.roc_auc!)).toBeLessThan(1e-6)
      const fairness = requirementOf(report, 'equal-opportunity-sex')!
      expect(fairness.status).toBe('pass')
      const interval = fairness.details?.interval as { low: number; high: number }
      expect(interval.high).toBeLessThanOrEqual(0.35)
      // The point estimate equals the TPR gap the seed computed in Python from the same ONNX graph.
      const tpr = seeded.groups!.sex!
      expect(fairness.details?.point).toBeCloseTo(
        Math.abs(tpr.Male!.truePositiveRate! - tpr.Female!.truePositiveRate!),
        12
      )

      const card = await readFile(resolve(cardDir, 'credit-risk/2.md'), 'utf8')
      expect(card).toContain('equal-opportunity-sex')
      expect(card).toMatch(/\| Female \| 648 \| 61 \|/)
      expect(card).toMatch(/\| Male \| 1352 \| 421 \|/)
      expect(card).toContain(seeded.evaluationCsv!.sha256)
    }, 300_000)

    it('blocks the disparity version on equal opportunity, with the whole interval above the limit', async () => {
      const { code, report } = await check([...base, '--alias', 'disparity'])
      expect(code).toBe(1)
      expect(report?.blocking).toContain('equal-opportunity-sex')
      const fairness = requirementOf(report, 'equal-opportunity-sex')!
      expect(fairness.status).toBe('fail')
      const interval = fairness.details?.interval as { low: number; high: number }
      expect(interval.low).toBeGreaterThan(0.35)
      const tpr = versionOf(s, 'disparity').groups!.sex!
      expect(fairness.details?.point).toBeCloseTo(
        Math.abs(tpr.Male!.truePositiveRate! - tpr.Female!.truePositiveRate!),
        12
      )
    }, 300_000)

    it('reports intersectional groups below minGroupSize as missing, never pass', async () => {
      const policy = resolve(workRoot, `small-groups-${flavour}.yml`)
      await writeFile(
        policy,
        FAIRNESS_ONLY(
          `      - { id: eo-sex-race, check: fairness, metric: ` +
            `equal_opportunity_difference, sensitiveFeatures: [sex, race], max: 0.35, ` +
            `minGroupSize: 1500, controls: [A.5.4] }`
        )
      )
      const { code, report } = await check([
        '--tracking-uri',
        s.uri,
        '--model',
        'credit-risk',
        '--alias',
        'challenger',
        '--policy',
        policy
      ])
      expect(code).toBe(1)
      const result = requirementOf(report, 'eo-sex-race')!
      expect(result.status).toBe('missing')
      expect(result.message).toMatch(/Female×/)
    }, 300_000)

    it('takes --eval-data over the policy, and a tiny file gives missing, not pass', async () => {
      const csv = (await downloadEvaluationCsv(s)).split('\n')
      const tiny = resolve(workRoot, `tiny-${flavour}.csv`)
      await writeFile(tiny, `${csv.slice(0, 41).join('\n')}\n`)
      const policy = resolve(workRoot, `tiny-${flavour}.yml`)
      await writeFile(
        policy,
        FAIRNESS_ONLY(
          `      - { id: eo-sex, check: fairness, metric: equal_opportunity_difference, ` +
            `sensitiveFeatures: [sex], max: 0.35, controls: [A.5.4] }`
        )
      )
      const { code, report } = await check([
        '--tracking-uri',
        s.uri,
        '--model',
        'credit-risk',
        '--alias',
        'challenger',
        '--policy',
        policy,
        '--eval-data',
        tiny
      ])
      expect(code).toBe(1)
      const result = requirementOf(report, 'eo-sex')!
      expect(result.status).toBe('missing')
      expect(result.evidence[0]?.uri).toBe(tiny)
    }, 300_000)
  }
)

/** The seeded evaluation CSV, read through the server's artifact endpoint. */
async function downloadEvaluationCsv(s: SeededServer): Promise<string> {
  const v = versionOf(s, 'challenger')
  const url = `${s.uri}/get-artifact?path=${encodeURIComponent(v.evaluationCsv!.artifactPath)}&run_uuid=${v.runId}`
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: ${response.status}`)
  return response.text()
}
