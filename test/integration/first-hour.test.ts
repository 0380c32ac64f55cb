/**
 * The first hour of a new user, end to end through the bundled CLI. Python trains two
 * scikit-learn classifiers with autolog on, exports each with skl2onnx's defaults (a ZipMap
 * output), logs it with mlflow.onnx.log_model and a signature, logs the evaluation data (which
 * also holds the sensitive column `sex`) and runs mlflow.evaluate, registers both versions and
 * sets the aliases champion (real labels) and challenger (shuffled labels). Then, in an empty
 * project folder, `aims-gate init` writes the starter files; the only edit is the approval
 * roster; and `aims-gate check` allows the champion and blocks the challenger, with the metrics
 * the gate recomputed from the ONNX graph, equal to what mlflow.evaluate logged, even after the
 * challenger's author overwrote its logged metrics with better numbers.
 *
 * Once into a fresh `sqlite:///mlflow.db` (MLflow 3's default store), once through a real MLflow 3
 * server (one start for the suite).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import { type RunningServer, startMlflowServer } from '../support/mlflow-server.js'
import { pythonScript, REPO_ROOT, runPythonAsync } from '../support/python.js'
import { makeTemp, removeTemp } from '../support/repo-temp.js'

const MODEL = 'first-hour'
const POLICY = `policies/${MODEL}.yml`
/** float32 inference in onnxruntime against scikit-learn's float64: equal to this many digits. */
const TOLERANCE = 1e-6

interface Trained {
  versions: Record<'champion' | 'challenger', number>
  runs: Record<'champion' | 'challenger', string>
  metrics: Record<'champion' | 'challenger', Record<string, number>>
}

interface ReportRequirement {
  id: string
  status: string
  details: { source?: string; value?: number; metric?: string }
}

interface Report {
  verdict: string
  summary: { missing: number; fail: number }
  requirements: ReportRequirement[]
}

const temps: string[] = []
let server: RunningServer | undefined

beforeAll(async () => {
  await assertBundleFresh()
})
afterAll(async () => {
  await server?.stop()
  for (const dir of temps) removeTemp(dir)
})

/** Python as the user runs it: training, export, logging, evaluation, registration, aliases. */
async function train(trackingUri: string, cwd: string): Promise<Trained> {
  const stdout = await runPythonAsync('mlflow3', [pythonScript('first_hour.py'), trackingUri, cwd, MODEL], {
    cwd,
    env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri },
    timeout: 300_000
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Trained
}

function firstHour(label: string, prepare: (storeDir: string) => Promise<string>): void {
  describe(`the first hour, ${label}`, () => {
    let project = ''
    let trackingUri = ''
    let trained: Trained
    const cli = (argv: string[]) => runCli(argv, { cwd: project, env: { MLFLOW_TRACKING_URI: trackingUri } })
    const check = (alias: string) =>
      cli(['check', '--model', MODEL, '--alias', alias, '--policy', POLICY, '--card-dir', 'out'])
    const report = async (version: number): Promise<Report> =>
      JSON.parse(await readFile(path.join(project, 'out', MODEL, `${version}.report.json`), 'utf8')) as Report

    beforeAll(async () => {
      const storeDir = makeTemp('first-hour-store')
      project = makeTemp('first-hour-project')
      temps.push(storeDir, project)
      trackingUri = await prepare(storeDir)
      trained = await train(trackingUri, storeDir)
    }, 600_000)

    it('init writes the policy, the card source and the workflow into an empty folder', async () => {
      const run = await cli(['init', '--model', MODEL, '--alias', 'challenger'])
      expect(run.code, run.stderr).toBe(0)
      for (const file of [POLICY, `model-cards/${MODEL}.md`, '.github/workflows/aims-gate.yml']) {
        expect(run.stdout).toContain(`wrote ${file}`)
      }
      const policy = parse(await readFile(path.join(project, POLICY), 'utf8'))
      // The ONNX graph and the logged evaluation data make the floors the gate's own numbers.
      expect(policy.evaluation).toEqual({ data: { artifact: 'eval/evaluation.csv' }, label: 'default', task: 'binary' })
      const floors = policy.profiles['pull-request'].requirements as { metric?: string; source?: string }[]
      expect(floors.find((r) => r.metric === 'roc_auc')?.source).toBe('recomputed')
    })

    it('only the roster needs an edit before the policy validates', async () => {
      const refused = await cli(['policy', 'validate', POLICY])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(/identity "TODO" is a placeholder, not a person/)
      const file = path.join(project, POLICY)
      const written = await readFile(file, 'utf8')
      // What a user does in an editor: the placeholder, and nothing else, becomes a person.
      expect(written.match(/users: \[TODO\]/g)).toHaveLength(1)
      const edited = written.replace('users: [TODO]', 'users: [riley-release]')
      await writeFile(file, edited)
      const valid = await cli(['policy', 'validate', POLICY])
      expect(valid.code, valid.stderr).toBe(0)
    })

    it('check allows the champion, on metrics recomputed from its ZipMap graph', async () => {
      const run = await check('champion')
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(run.stdout).toMatch(/^RELEASE ALLOWED/)
      const result = await report(trained.versions.champion)
      expect(result.summary.missing).toBe(0)
      const recomputed = result.requirements.filter((r) => r.details.source === 'recomputed')
      expect(recomputed.map((r) => r.id).sort()).toEqual([
        'accuracy_score',
        'f1_score',
        'log_loss',
        'precision_recall_auc',
        'precision_score',
        'recall_score',
        'roc_auc'
      ])
      for (const requirement of recomputed) {
        expect(requirement.status).toBe('pass')
        const logged = trained.metrics.champion[requirement.id]
        expect(Math.abs((requirement.details.value ?? Number.NaN) - (logged ?? Number.NaN))).toBeLessThan(TOLERANCE)
      }
    })

    it('check blocks the challenger on its recomputed metrics, though its author logged better ones', async () => {
      // The forgery: an author who wants the bad version out overwrites its logged numbers.
      const forge =
        'import sys, mlflow; mlflow.set_tracking_uri(sys.argv[1]); ' +
        'mlflow.MlflowClient().log_batch(sys.argv[2], metrics=[mlflow.entities.Metric(k, v, 9_000_000_000_000, 0) ' +
        "for k, v in [('roc_auc', 0.99), ('accuracy_score', 0.99), ('log_loss', 0.01)]])"
      await runPythonAsync('mlflow3', ['-c', forge, trackingUri, trained.runs.challenger])
      const run = await check('challenger')
      expect(run.code, run.stdout + run.stderr).toBe(1)
      expect(run.stdout).toMatch(/^RELEASE BLOCKED/)
      const result = await report(trained.versions.challenger)
      expect(result.summary.missing).toBe(0)
      const byId = new Map(result.requirements.map((r) => [r.id, r]))
      for (const id of ['roc_auc', 'log_loss', 'accuracy_score']) {
        expect(byId.get(id)?.details.source).toBe('recomputed')
        expect(byId.get(id)?.status).toBe('fail')
        const logged = trained.metrics.challenger[id]
        expect(Math.abs((byId.get(id)?.details.value ?? Number.NaN) - (logged ?? Number.NaN))).toBeLessThan(TOLERANCE)
      }
    })
  })
}

firstHour('in a fresh sqlite:///mlflow.db', async (storeDir) => {
  await mkdir(storeDir, { recursive: true })
  return `sqlite:///${path.join(storeDir, 'mlflow.db')}`
})

firstHour('through an MLflow 3 server', async (storeDir) => {
  server = await startMlflowServer({ flavour: 'mlflow3', root: REPO_ROOT, workDir: storeDir })
  return server.uri
})
