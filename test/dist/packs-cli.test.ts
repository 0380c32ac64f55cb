/**
 * Sector packs through the bundled CLI: a policy extending each pack validates, an unknown pack
 * or profile is refused naming the available ones, and each pack gates the seeded credit-risk
 * challenger with the outcome known from Python (the seed manifest's per-group selection and
 * true-positive rates, computed by the seed script from the same ONNX graph and evaluation file).
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'

const root = resolve('.')
const store = `sqlite:///${resolve('examples/credit-risk/mlflow.db')}`
let tmp = ''

interface Result {
  id: string
  status: string
  message: string
  details?: Record<string, unknown>
}
interface SeededGroup {
  count: number
  selectionRate: number
  truePositiveRate: number
}
const manifest = JSON.parse(readFileSync(resolve('examples/credit-risk/seed-manifest.json'), 'utf8')) as {
  models: Record<string, { versions: { aliases: string[]; groups: Record<string, Record<string, SeededGroup>> }[] }>
}
const challenger = manifest.models['credit-risk']!.versions.find((v) => v.aliases.includes('challenger'))!

const POLICY = `version: 1
name: packs-e2e
evaluation:
  data: { artifact: eval/evaluation.csv }
  label: income_gt_50k
  positiveClass: 1
  task: binary
profiles:
  credit:
    extends: pack:credit/model-risk
  hiring:
    extends: pack:hiring/bias-audit
  health:
    extends: pack:health/clinical
`

beforeAll(async () => {
  await assertBundleFresh()
  tmp = await mkdtemp(join(tmpdir(), 'aims-packs-'))
  await writeFile(join(tmp, 'policy.yml'), POLICY)
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

async function gate(profile: string): Promise<{ code: number; results: Map<string, Result>; card: string }> {
  const report = join(tmp, `${profile}.json`)
  const cards = join(tmp, `cards-${profile}`)
  const run = await runCli(
    [
      'check',
      '--tracking-uri',
      store,
      '--model',
      'credit-risk',
      '--alias',
      'challenger',
      '--policy',
      join(tmp, 'policy.yml'),
      '--profile',
      profile,
      '--card-dir',
      cards,
      '--report',
      report
    ],
    { cwd: root }
  )
  const parsed = JSON.parse(await readFile(report, 'utf8')) as { requirements: Result[] }
  const card = await readFile(join(cards, 'credit-risk/2.md'), 'utf8')
  return { code: run.code, results: new Map(parsed.requirements.map((r) => [r.id, r])), card }
}

describe('packs via dist/cli.js', () => {
  it('a policy extending every pack validates; each pack profile is listed', async () => {
    const run = await runCli(['policy', 'validate', join(tmp, 'policy.yml')], { cwd: root })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    for (const name of [
      'pack:credit/model-risk',
      'pack:credit/screen',
      'pack:hiring/bias-audit',
      'pack:health/clinical'
    ])
      expect(run.stdout).toContain(name)
  })

  it('an unknown pack or profile is a validation error naming the available ones', async () => {
    await writeFile(join(tmp, 'bad.yml'), POLICY.replace('pack:credit/model-risk', 'pack:mortgage/x'))
    const pack = await runCli(['policy', 'validate', join(tmp, 'bad.yml')], { cwd: root })
    expect(pack.code).toBe(2)
    expect(pack.stderr).toContain('unknown pack "mortgage"; fix: name one of credit, health, hiring')
    await writeFile(join(tmp, 'bad.yml'), POLICY.replace('pack:credit/model-risk', 'pack:credit/modelrisk'))
    const profile = await runCli(['policy', 'validate', join(tmp, 'bad.yml')], { cwd: root })
    expect(profile.code).toBe(2)
    expect(profile.stderr).toContain(
      'did you mean "model-risk"?); fix: name one of pack:credit/screen, pack:credit/model-risk'
    )
  })

  it('credit blocks the challenger: four-fifths fails on sex (Python ratio); SR 11-7 evidence absent', async () => {
    const { code, results, card } = await gate('credit')
    expect(code).toBe(1)
    const screen = results.get('four-fifths-sex')!
    expect(screen.status).toBe('fail')
    const sex = challenger.groups.sex!
    const ratio = sex.Female!.selectionRate / sex.Male!.selectionRate
    expect(Math.abs((screen.details!.point as number) - ratio)).toBeLessThanOrEqual(1e-9)
    expect(screen.message).toContain('not a proof of fairness')
    expect(results.get('adverse-action-reasons')!.status).toBe('missing')
    expect(results.get('revalidation')!.status).toBe('missing')
    // The challenger carries a release approval, not a validation: the validator tags are absent.
    expect(results.get('independent-validation')!.status).toBe('fail')
    expect(results.get('outcomes-vs-champion')!.status).toBe('pass')
    expect(card).toMatch(/Objectives[^\n]*fairness, transparency, accountability, robustness/)
    // The card words the ratio as a screen wherever it shows it (summary and requirements table).
    expect(card).toMatch(/four-fifths-sex fail:[^\n]*a screen for adverse impact, not a proof of fairness/)
  }, 200_000)

  it('hiring reports impact ratios without a threshold, lists exclusions, blocks on the missing audit', async () => {
    const { code, results } = await gate('hiring')
    expect(code).toBe(1)
    const sex = results.get('impact-ratio-sex')!
    expect(sex.status).toBe('pass')
    expect(sex.message).toContain('no threshold set')
    const seeded = challenger.groups.sex!
    expect(
      Math.abs((sex.details!.point as number) - seeded.Female!.selectionRate / seeded.Male!.selectionRate)
    ).toBeLessThanOrEqual(1e-9)
    const race = results.get('impact-ratio-race')!
    const excluded = (race.details!.excludedGroups as { group: string }[]).map((e) => e.group)
    const rows = Object.values(challenger.groups.race!).reduce((s, g) => s + g.count, 0)
    const small = Object.entries(challenger.groups.race!)
      .filter(([, g]) => g.count / rows < 0.02)
      .map(([k]) => k)
    expect(excluded.sort()).toEqual(small.sort())
    expect(race.message).toContain('justification:')
    expect(results.get('impact-ratio-sex-race')!.status).toBe('pass')
    expect(results.get('bias-audit')!.status).toBe('missing')
  }, 200_000)

  it('health judges subgroup performance and calibration by group with recorded binning', async () => {
    const { code, results } = await gate('health')
    const tpr = results.get('sensitivity-by-sex')!
    const groups = tpr.details!.groups as { group: string; value: number }[]
    const female = groups.find((g) => g.group === 'Female')!
    expect(Math.abs(female.value - challenger.groups.sex!.Female!.truePositiveRate)).toBeLessThanOrEqual(1e-9)
    // Female TPR 0.459 on 61 positives: its interval straddles 0.5, so the pack cannot pass it.
    expect(tpr.status).toBe('missing')
    expect(code).toBe(1)
    const calibration = results.get('calibration-by-sex')!
    expect(calibration.details!.bins).toBe(10)
    expect(Object.keys(calibration.details!.groups as object).sort()).toEqual(['Female', 'Male'])
  }, 200_000)
})
