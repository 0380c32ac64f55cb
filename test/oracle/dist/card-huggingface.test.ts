/**
 * The cards the shipped bundle writes, read by huggingface_hub (the Hub's own parser, run as a
 * subprocess): the demo card, a blocked card with a licence that is no SPDX id, and the blocked
 * golden card of the render tests. The Hub must take each as is: metadata loads, eval results
 * parse with Hub metric ids, the licence is a Hub id (or `other` with name and link), and no
 * front-matter value changes type when huggingface_hub writes the metadata back. The demo card
 * must also read in two minutes: short front matter, the verdict up front, under 250 lines.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HF_LICENCE_IDS } from '../../../src/render/card/hf/hf-licences.js'
import { HF_METRIC_IDS } from '../../../src/render/card/hf/hf-metrics.js'
import { assertBundleFresh, runCli } from '../../support/cli-runner.js'
import { pythonScript, runPythonAsync } from '../../support/python.js'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const ORACLE = pythonScript('hf_card_check.py')
const GOLDEN_BLOCKED = path.join(ROOT, 'test/unit/render/card/__golden__/card.md')

interface HubReading {
  path: string
  license: string | null
  license_name: string | null
  license_link: string | null
  pipeline_tag: string | null
  library_name: string | null
  model_name: string | null
  eval_results: {
    metric_type: string
    metric_value: number
    metric_name: string
    dataset_type: string
    dataset_name: string
    dataset_revision: string | null
  }[]
  model_index_metrics: number
  type_changes: string[]
  raw_types: Record<string, string>
}

let folder: string
let demoCard: string
let blockedCard: string
const readings = new Map<string, HubReading>()

const demoArgs = (
  cardDir: string,
  policy = 'examples/credit-risk/policy.yml',
  cardSource = 'examples/credit-risk/model-cards/credit-risk.md'
) => [
  'check',
  '--tracking-uri',
  'sqlite:///examples/credit-risk/mlflow.db',
  '--model',
  'credit-risk',
  '--alias',
  'challenger',
  '--policy',
  policy,
  '--profile',
  'production',
  '--card-source',
  cardSource,
  '--card-dir',
  cardDir
]

function split(card: string): { frontMatter: string[]; body: string[] } {
  const lines = card.split('\n')
  const end = lines.indexOf('---', 1)
  return { frontMatter: lines.slice(1, end), body: lines.slice(end + 1) }
}

beforeAll(async () => {
  await assertBundleFresh()
  folder = await mkdtemp(path.join(tmpdir(), 'aims-gate-hf-'))
  // The demo, exactly as `npm run demo` runs it, but writing into a temporary folder.
  const demo = await runCli(demoArgs(path.join(folder, 'demo')), { cwd: ROOT })
  expect(demo.code, demo.stderr).toBe(0)
  demoCard = path.join(folder, 'demo/credit-risk/2.md')
  // Blocked: the AUC floor raised above the model's; the licence is a sentence with a link.
  const policy = path.join(folder, 'blocking-policy.yml')
  await writeFile(
    policy,
    (await readFile(path.join(ROOT, 'examples/credit-risk/policy.yml'), 'utf8')).replace('min: 0.80', 'min: 0.95')
  )
  const source = path.join(folder, 'credit-risk.md')
  const original = await readFile(path.join(ROOT, 'examples/credit-risk/model-cards/credit-risk.md'), 'utf8')
  await writeFile(
    source,
    original.replace(
      /## License\n\n[^\n]*\n[^\n]*\n/,
      '## License\n\nAcme internal model licence v2; terms at https://example.com/licences/model-v2.\n'
    )
  )
  const blocked = await runCli(demoArgs(path.join(folder, 'blocked'), policy, source), { cwd: ROOT })
  expect(blocked.code, blocked.stderr).toBe(1)
  blockedCard = path.join(folder, 'blocked/credit-risk/2.md')
  const stdout = await runPythonAsync('oracles', [ORACLE, demoCard, blockedCard, GOLDEN_BLOCKED], {
    maxBuffer: 16 * 1024 * 1024
  })
  for (const line of stdout.trim().split('\n')) {
    const reading = JSON.parse(line) as HubReading
    readings.set(reading.path, reading)
  }
}, 240_000)

afterAll(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true })
})

describe('cards the Hugging Face Hub accepts as is (read by huggingface_hub)', () => {
  it.each([
    ['the demo card', () => demoCard],
    ['a blocked card', () => blockedCard],
    ['the blocked golden card', () => GOLDEN_BLOCKED]
  ])('%s: metadata, eval results, licence and types survive the Hub parser', (_, cardPath) => {
    const hub = readings.get(cardPath())
    expect(hub, 'huggingface_hub read the card').toBeDefined()
    expect(hub!.model_name).toBe('credit-risk')
    expect(hub!.pipeline_tag).toBe('tabular-classification')
    // Every model-index metric became an eval result, each with a Hub metric id.
    expect(hub!.eval_results.length).toBeGreaterThan(0)
    expect(hub!.eval_results).toHaveLength(hub!.model_index_metrics)
    for (const result of hub!.eval_results) {
      expect(HF_METRIC_IDS.has(result.metric_type), result.metric_type).toBe(true)
      expect(typeof result.metric_value).toBe('number')
      expect(result.metric_name).toMatch(/^[a-z0-9_]+( \(recomputed\))?$/)
      // A name, never a digest, in the dataset type; the digest is the revision.
      expect(result.dataset_type).not.toMatch(/^[0-9a-f]{32,}$/)
      expect(result.dataset_revision).toBeTruthy()
    }
    expect(HF_LICENCE_IDS.has(hub!.license ?? ''), String(hub!.license)).toBe(true)
    if (hub!.license === 'other') {
      expect(hub!.license_name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(hub!.license_link).toBeTruthy()
    }
    expect(hub!.type_changes).toEqual([])
    for (const key of ['version', 'generated_at', 'aims_gate_version', 'policy_sha256'])
      expect(hub!.raw_types[key], key).toBe('str')
  })

  it('maps the demo card’s SPDX licence to the Hub id, and a sentence to other + name + link', () => {
    expect(readings.get(demoCard)?.license).toBe('apache-2.0')
    expect(readings.get(demoCard)?.library_name).toBe('onnx')
    const blocked = readings.get(blockedCard)!
    expect([blocked.license, blocked.license_name, blocked.license_link]).toEqual([
      'other',
      'acme-internal-model-licence-v2-terms-at',
      'https://example.com/licences/model-v2'
    ])
  })
})

describe('the demo card reads in two minutes', () => {
  it('keeps the front matter short, the verdict and reasons first and the card under 250 lines', async () => {
    const card = await readFile(demoCard, 'utf8')
    const { frontMatter, body } = split(card)
    expect(frontMatter.length).toBeLessThanOrEqual(60)
    expect(card.trimEnd().split('\n').length).toBeLessThanOrEqual(250)
    const top = body.slice(0, 25).join('\n')
    expect(top).toContain('✅ **credit-risk version 2 may be released under profile production.**')
    expect(top).toContain('Every blocking requirement passes.')
    expect(top).toMatch(/\| roc\\_auc \| 0\.9173 \| 0\.9173 \| ✅ ≥ 0\.8 \(auc\)/)
    expect(top).toContain('- Fairness: ✅ equal-opportunity-sex pass')
    expect(top).toContain('- Approvals: ✅ release-approval pass')
    expect(top).toMatch(/Generated by aims-gate \d+\.\d+\.\d+/)
    // The not-assessed controls are one line, not 27 rows; the full list is the appendix.
    expect(card).not.toMatch(/\| ➖ not-assessed \|/)
    expect(card).toMatch(/\d+ controls are not assessed by this policy/)
    expect(card).toContain('## Appendix: Statement of Applicability')
    // Tables fit GitHub's width: no table has more than six columns.
    for (const line of body.filter((l) => /^\|---/.test(l))) expect(line.split('|').length - 2).toBeLessThanOrEqual(6)
    // Each number once, rounded; the front matter keeps full precision.
    expect(card).not.toMatch(/0\.665871121718377 \|/)
    expect(frontMatter.join('\n')).toContain('0.665871121718377')
  })

  it('puts what blocks, with observed and expected, within the first 25 lines of a blocked card', async () => {
    const { body } = split(await readFile(blockedCard, 'utf8'))
    const top = body.slice(0, 25).join('\n')
    expect(top).toContain('❌ **credit-risk version 2 is blocked under profile production.**')
    expect(top).toMatch(/\| ❌ fail \| blocks \| auc \| 0\.9173 \| ≥ 0\.95 \|/)
    expect(top).toMatch(/- \*\*auc\*\*: .+/)
  })
})
