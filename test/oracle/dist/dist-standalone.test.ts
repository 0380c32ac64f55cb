/**
 * The action runs `dist/` as committed, with no `npm install`: copied alone into an empty folder,
 * the bundle must gate the example store, load the vendored onnxruntime-node and read Parquet
 * (hyparquet is imported lazily, which a bundle can get wrong while the sources work).
 */
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PYTHON } from '../../support/sklearn-reference.js'

const run = promisify(execFile)
const node = resolve('node_modules/.bin/node')
let folder: string

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'aims-gate-dist-'))
  await cp(resolve('dist'), join(folder, 'dist'), { recursive: true })
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

/** `dist/cli.js check` of the example store's challenger, writing to `<folder>/<outDir>`. */
function exampleCheck(store: string, outDir: string, ...extra: string[]): string[] {
  return [
    join(folder, 'dist/cli.js'), 'check',
    '--tracking-uri', `sqlite:///${store}/mlflow.db`,
    '--model', 'credit-risk', '--alias', 'challenger',
    '--policy', join(store, 'policy.yml'),
    '--card-source', join(store, 'model-cards/credit-risk.md'),
    '--card-dir', join(folder, outDir),
    ...extra
  ]
}

describe('dist/ copied alone to an empty folder', () => {
  it('runs the CLI on the example store and writes the card', async () => {
    const store = resolve('examples/credit-risk')
    const { stdout } = await run(
      node,
      exampleCheck(store, 'out'),
      { cwd: folder, env: { PATH: process.env.PATH ?? '' } }
    )
    expect(stdout).toContain('RELEASE ALLOWED')
    const card = await readFile(join(folder, 'out/credit-risk/2.md'), 'utf8')
    expect(card).toContain('# Model card: credit-risk v2')
  })

  it('uses the shipped default policy and templates from dist/assets', async () => {
    const { stdout } = await run(node, [join(folder, 'dist/cli.js'), 'policy', 'validate', join(folder, 'dist/assets/policies/default.yml')], { cwd: folder })
    expect(stdout).toMatch(/iso42001-baseline/)
  })

  it('loads the vendored onnxruntime-node and runs a model', async () => {
    const manifest = JSON.parse(await readFile(resolve('examples/credit-risk/seed-manifest.json'), 'utf8')) as {
      models: Record<string, { versions: { source: string; onnx: { path: string } }[] }>
    }
    const version = manifest.models['credit-risk']!.versions[0]!
    const modelId = version.source.replace('models:/', '')
    const modelFile = resolve('examples/credit-risk/mlartifacts/models', modelId, 'artifacts', version.onnx.path)
    const probe = join(folder, 'dist', 'probe.mjs')
    await writeFile(
      probe,
      `import ort from 'onnxruntime-node'\nconst s = await ort.InferenceSession.create(${JSON.stringify(modelFile)})\nconsole.log(JSON.stringify(s.inputNames.length > 0 && s.outputNames))\n`
    )
    const { stdout } = await run(node, [probe], { cwd: folder })
    expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(['label', 'probabilities']))
  })

  it('recomputes from a Parquet evaluation file: the AUC equals the one MLflow evaluate computed', async () => {
    const store = resolve('examples/credit-risk')
    const manifest = JSON.parse(await readFile(join(store, 'seed-manifest.json'), 'utf8')) as {
      models: Record<string, { versions: { aliases: string[]; runId: string; evaluatedMetrics: Record<string, number> }[] }>
    }
    const challenger = manifest.models['credit-risk']!.versions.find((v) => v.aliases.includes('challenger'))!
    // The run's own evaluation CSV, rewritten as Parquet by pandas/pyarrow (several row groups).
    const csv = join(store, 'mlartifacts', challenger.runId, 'artifacts/eval/evaluation.csv')
    const parquet = join(folder, 'evaluation.parquet')
    await run(PYTHON, ['-c', 'import sys, pandas as pd; pd.read_csv(sys.argv[1]).to_parquet(sys.argv[2], index=False, row_group_size=700)', csv, parquet])
    const { stdout } = await run(
      node,
      exampleCheck(store, 'out-parquet', '--eval-data', parquet, '--json'),
      { cwd: folder, env: { PATH: process.env.PATH ?? '' } }
    )
    const report = JSON.parse(stdout) as { requirements: { id: string; status: string; message: string; details?: Record<string, unknown> }[] }
    const auc = report.requirements.find((r) => r.id === 'auc-reconciled')!
    expect(auc.status, auc.message).toBe('pass')
    expect(Math.abs((auc.details?.['recomputed'] as number) - challenger.evaluatedMetrics['roc_auc']!)).toBeLessThan(1e-6)
    const fairness = report.requirements.find((r) => r.id === 'equal-opportunity-sex')!
    expect(fairness.status, fairness.message).toBe('pass')
  })
})
