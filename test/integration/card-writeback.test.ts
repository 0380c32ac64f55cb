/**
 * Cards and write-back against the seeded MLflow 2.x and 3.x servers:
 * - every seeded model version renders a card whose front matter parses with a Hugging Face
 *   model-index holding exactly the numbers MLflow logged, with every section present and the
 *   hostile seeded text inert;
 * - write-back sets the namespaced tags and uploads card and report, verified by reading them
 *   back from the server. It writes to a model created for the test, so the seeded models other
 *   suites compare against stay untouched.
 */
import { createHash, randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { MlflowEvidenceCollector } from '../../src/collect/mlflow/assemble-evidence.js'
import { openStore } from '../../src/collect/mlflow/open-store.js'
import type { CommandIO } from '../../src/commands/command.js'
import { createCheckCommand } from '../../src/commands/check.js'
import { RestMlflowStore } from '../../src/collect/mlflow/rest/rest-store.js'
import { resolveDocumentation } from '../../src/core/documentation/resolve-documentation.js'
import type { Verdict } from '../../src/core/verdict/types.js'
import { writeBackToMlflow } from '../../src/publish/mlflow-writeback.js'
import { mlflowWriterFor } from '../../src/publish/mlflow-writer.js'
import { loadCardTemplate } from '../../src/publish/load-card-template.js'
import { buildCardModel } from '../../src/render/card/card-model.js'
import { renderCard } from '../../src/render/card/render-card.js'
import { splitFrontMatter } from '../../src/render/summary.js'
import { MLFLOW_TO_HF_METRIC } from '../../src/render/card/hf/hf-metrics.js'
import { buildWritebackTags, MLFLOW_TAG_VALUE_MAX } from '../../src/render/writeback-tags.js'
import { expectInert } from '../support/inert-assertions.js'
import { servers, type SeededServer } from '../support/servers.js'

const root = path.resolve(import.meta.dirname, '../..')
const workRoot = path.resolve(root, '.tmp', `card-it-${randomUUID()}`)
const clock = { now: () => new Date('2026-01-02T03:04:05.000Z') }
const POLICY = { name: 'policies/test.yml', sha256: 'e'.repeat(64), profile: 'production' }
const NO_REQUIREMENTS: Verdict = { verdict: 'pass', blocking: [], requirements: [], controls: [] }
const SECTIONS = [
  'Identity',
  'Intended use',
  'Users and AI-interaction disclosure',
  'Architecture and training method',
  'Training and evaluation data',
  'Performance',
  'Limitations and failure modes',
  'Human oversight',
  'Monitoring and support',
  'License',
  'Impact assessment',
  'Approvals',
  'Waivers in force',
  'Requirements',
  'Annex A evidence matrix'
]

afterAll(async () => {
  await rm(workRoot, { recursive: true, force: true })
})

async function post<T>(s: SeededServer, endpoint: string, body: unknown): Promise<T> {
  const response = await fetch(`${s.uri}/api/2.0/mlflow/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  if (!response.ok) throw new Error(`${endpoint} → ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

describe.each(servers().map((s) => [s.flavour, s] as const))('cards and write-back against %s', (_flavour, s) => {
  const template = loadCardTemplate({ cwd: root })

  it(
    'renders a card for every seeded version: front matter parses, sections ' + 'present, numbers equal MLflow’s',
    async () => {
      const store = await openStore(s.uri, {})
      const collector = new MlflowEvidenceCollector(store, clock)
      for (const [name, model] of Object.entries(s.manifest.models)) {
        for (const seed of model.versions) {
          const evidence = await collector.collect({
            model: name,
            version: seed.version,
            baselineAlias: 'champion',
            documents: ['impact_assessment.md'],
            downloadModel: true,
            workDir: path.join(workRoot, s.flavour, name, seed.version),
            change: {}
          })
          const documentation = resolveDocumentation(evidence)
          const card = renderCard(
            buildCardModel({
              evidence,
              verdict: NO_REQUIREMENTS,
              documentation: documentation.sections,
              documentationNotes: documentation.notes,
              policy: POLICY,
              generatedAt: clock.now().toISOString()
            }),
            await template
          )
          const { frontMatter, body } = splitFrontMatter(card)
          const fm = parse(frontMatter ?? '') as {
            'model-index': {
              name: string
              results: { task: { type: string }; metrics: { type: string; value: number; name: string }[] }[]
            }[]
            datasets?: string[]
          }
          const index = fm['model-index'][0]
          expect(index?.name).toBe(name)
          const task = model.task === 'classifier' ? 'tabular-classification' : 'tabular-regression'
          for (const result of index?.results ?? []) expect(result.task.type).toBe(task)
          // Every logged metric with a Hub metric id, under that id, with the MLflow name kept in `name`.
          const logged = Object.fromEntries(
            (index?.results ?? []).flatMap((r) => r.metrics.map((m) => [m.name, m.value]))
          )
          const withHubId = Object.fromEntries(
            Object.entries(seed.metrics).filter(([key]) => MLFLOW_TO_HF_METRIC[key] !== undefined)
          )
          expect(logged, `${s.flavour} ${name} v${seed.version}`).toEqual(withHubId)
          for (const m of (index?.results ?? []).flatMap((r) => r.metrics))
            expect(m.type).toBe(MLFLOW_TO_HF_METRIC[m.name])
          // The seeds log pandas datasets, not Hub datasets: `datasets` holds Hub ids only.
          expect(fm.datasets).toBeUndefined()
          for (const heading of SECTIONS) expect(body).toContain(`\n## ${heading}\n`)
          expect(body).toContain(seed.onnx.sha256)
          // Each logged number sits in the performance table with a numbered source naming its run.
          if (Object.keys(seed.metrics).length > 0) {
            const note = /^- (\[\d+\]) logged in run (\w+) \(runs:\/\w+\/metrics\/&lt;metric&gt;\)/m.exec(body)
            expect(note?.[2]).toBe(seed.runId)
            for (const [key, value] of Object.entries(seed.metrics)) {
              // Rounded for reading (no threshold here): four significant digits, integers as they are.
              const shown = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)))
              expect(body).toContain(`| ${key.replace(/_/g, '\\_')} ${note?.[1]} | ${shown} |`)
            }
          }
          expectInert(body)
        }
      }
    }
  )

  it('renders the seeded hostile text inert', async () => {
    const hostile = s.manifest.hostileText
    if (hostile === null) return
    const store = await openStore(s.uri, {})
    const evidence = await new MlflowEvidenceCollector(store, clock).collect({
      model: hostile.model,
      version: hostile.version,
      baselineAlias: 'champion',
      documents: [],
      downloadModel: false,
      workDir: path.join(workRoot, s.flavour, 'hostile'),
      change: {}
    })
    expect(evidence.candidate.modelVersion.value.description).toBe(hostile.text)
    const card = renderCard(
      buildCardModel({
        evidence,
        verdict: NO_REQUIREMENTS,
        documentation: resolveDocumentation(evidence).sections,
        policy: POLICY,
        generatedAt: clock.now().toISOString()
      }),
      await template
    )
    expectInert(splitFrontMatter(card).body)
  })

  it('writes back tags and artifacts, read back from the server', async () => {
    const store = await openStore(s.uri, {})
    expect(store).toBeInstanceOf(RestMlflowStore)
    if (!store.writable) throw new Error('a tracking server store takes writes')
    const modelName = `aims-gate-writeback-${randomUUID().slice(0, 8)}`
    const created = await post<{ run: { info: { run_id: string } } }>(s, 'runs/create', {
      experiment_id: s.manifest.experimentId,
      start_time: Date.now()
    })
    const runId = created.run.info.run_id
    await post(s, 'registered-models/create', { name: modelName })
    const mv = await post<{ model_version: { version: string } }>(s, 'model-versions/create', {
      name: modelName,
      source: `runs:/${runId}/model`,
      run_id: runId
    })
    const version = mv.model_version.version

    const card = '# card\n\nwritten by the write-back test\n'
    const report = '{"verdict":"fail"}\n'
    const tags = buildWritebackTags({
      verdict: { ...NO_REQUIREMENTS, verdict: 'fail', blocking: ['auc-floor'] },
      policy: POLICY,
      reportSha256: 'r'.repeat(64),
      cardSha256: 'c'.repeat(64),
      checkedAt: clock.now().toISOString(),
      // Longer than MLflow accepts: must arrive cut to the limit, not be rejected.
      runUrl: `https://github.com/example/repo/actions/runs/1?${'x'.repeat(6000)}`
    })
    const result = await writeBackToMlflow(mlflowWriterFor(store), {
      model: modelName,
      version,
      runId,
      tags,
      files: [
        { name: `${version}.md`, bytes: new TextEncoder().encode(card), contentType: 'text/markdown; charset=utf-8' },
        { name: `${version}.report.json`, bytes: new TextEncoder().encode(report), contentType: 'application/json' }
      ]
    })
    expect(result.tags.at(-1)).toBe('aims.gate.verdict')

    const readBack = await store.getModelVersion(modelName, version)
    for (const [key, value] of Object.entries(tags)) expect(readBack.tags[key], key).toBe(value)
    expect(readBack.tags['aims.gate.run_url']?.length).toBe(MLFLOW_TAG_VALUE_MAX)
    const run = await store.getRun(runId)
    if (run === undefined) throw new Error('run vanished')
    expect(new TextDecoder().decode(await store.readArtifact(run.artifactUri, `aims-gate/${version}.md`))).toBe(card)
    expect(
      new TextDecoder().decode(await store.readArtifact(run.artifactUri, `aims-gate/${version}.report.json`))
    ).toBe(report)
  })

  it('check --write-back records the verdict after evaluation, read back from the server', async () => {
    const modelName = `aims-gate-check-writeback-${randomUUID().slice(0, 8)}`
    const created = await post<{ run: { info: { run_id: string } } }>(s, 'runs/create', {
      experiment_id: s.manifest.experimentId,
      start_time: Date.now()
    })
    const runId = created.run.info.run_id
    await post(s, 'registered-models/create', { name: modelName })
    const mv = await post<{ model_version: { version: string } }>(s, 'model-versions/create', {
      name: modelName,
      source: `runs:/${runId}/model`,
      run_id: runId
    })
    const version = mv.model_version.version
    const cardDir = path.join(workRoot, `writeback-${s.flavour}`)

    let stderr = ''
    const io: CommandIO = { stdout: () => undefined, stderr: (t) => (stderr += t), env: {}, cwd: root, isTTY: false }
    const code = await createCheckCommand({ clock }).run(
      ['--tracking-uri', s.uri, '--model', modelName, '--version', version, '--card-dir', cardDir, '--write-back'],
      io
    )
    // Nothing was logged for this version, so the baseline policy blocks it; the verdict is still recorded.
    expect(code).toBe(1)
    expect(stderr).toBe('')

    const store = await openStore(s.uri, {})
    const tags = (await store.getModelVersion(modelName, version)).tags
    const reportFile = path.join(cardDir, modelName, `${version}.report.json`)
    const cardFile = path.join(cardDir, modelName, `${version}.md`)
    const [reportBytes, cardBytes] = await Promise.all([readFile(reportFile), readFile(cardFile)])
    expect(tags['aims.gate.verdict']).toBe('fail')
    expect(tags['aims.gate.profile']).toBe('production')
    expect(tags['aims.gate.report_sha256']).toBe(createHash('sha256').update(reportBytes).digest('hex'))
    expect(tags['aims.gate.card_sha256']).toBe(createHash('sha256').update(cardBytes).digest('hex'))
    expect(tags['aims.gate.checked_at']).toBe(clock.now().toISOString())
    const run = await store.getRun(runId)
    if (run === undefined) throw new Error('run vanished')
    expect(
      Buffer.from(await store.readArtifact(run.artifactUri, `aims-gate/${version}.report.json`)).equals(reportBytes)
    ).toBe(true)
    expect(Buffer.from(await store.readArtifact(run.artifactUri, `aims-gate/${version}.md`)).equals(cardBytes)).toBe(
      true
    )
  })
})
