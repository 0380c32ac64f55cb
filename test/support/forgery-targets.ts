/**
 * The three stores the forgery tests attack: the seeded MLflow 2.x and 3.x servers and a local
 * sqlite store (a copy of the committed example, written by real MLflow 3). Forged versions are
 * registered under a fresh registered model per store (`test/python/forge_versions.py`), so the
 * seeded models other tests read are never touched.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { cp, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Report } from '../../src/render/report-schema.js'
import { ROOT } from './action-runner.js'
import { runCli } from './cli-runner.js'
import { venvBin } from './python.js'
import { servers, type Flavour } from './servers.js'
import { parseValidReport } from './report-schema.js'

export interface ForgeryTarget {
  label: string
  uri: string
  flavour: Flavour
  /** Where MLflow's own client must run (the local store resolves artifact paths against it). */
  cwd: string
}

export interface ForgedCase {
  key: string
  /** Alias of the seeded credit-risk version to copy (its run, model and evidence). */
  from: 'challenger' | 'regressed' | 'tampered'
  tags: Record<string, string>
}

export const EXAMPLE_POLICY = path.join(ROOT, 'examples/credit-risk/policy.yml')
export const EXAMPLE_CARD = path.join(ROOT, 'examples/credit-risk/model-cards/credit-risk.md')

/** The servers, and a fresh copy of the example store as the local target. */
export async function forgeryTargets(workRoot: string): Promise<ForgeryTarget[]> {
  const local = path.join(workRoot, 'local-store')
  await mkdir(local, { recursive: true })
  for (const entry of ['mlflow.db', 'mlartifacts']) {
    await cp(path.join(ROOT, 'examples/credit-risk', entry), path.join(local, entry), { recursive: true })
  }
  return [
    ...servers().map((s) => ({ label: s.flavour, uri: s.uri, flavour: s.flavour, cwd: ROOT })),
    { label: 'sqlite', uri: `sqlite:///${path.join(local, 'mlflow.db')}`, flavour: 'mlflow3' as const, cwd: local }
  ]
}

/** Registers the cases under a new model name; returns the name and each case's version. */
export async function forgeVersions(
  target: ForgeryTarget,
  cases: readonly ForgedCase[],
  workRoot: string
): Promise<{ model: string; versions: Record<string, string> }> {
  const model = `forged-${randomUUID().slice(0, 8)}`
  const casesFile = path.join(workRoot, `${model}.json`)
  await writeFile(casesFile, JSON.stringify(cases))
  const args = [
    path.join(ROOT, 'test/python/forge_versions.py'),
    '--tracking-uri',
    target.uri,
    '--source',
    'credit-risk',
    '--target',
    model,
    '--cases',
    casesFile
  ]
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      venvBin(ROOT, target.flavour, 'python'),
      args,
      { cwd: target.cwd, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      (error, out, err) => {
        if (error) reject(new Error(`forge_versions.py failed: ${error.message}\n${err}`))
        else resolve(out)
      }
    )
  })
  const line = stdout.trim().split('\n').at(-1) ?? '{}'
  return { model, versions: (JSON.parse(line) as { versions: Record<string, string> }).versions }
}

export interface GateRun {
  code: number
  report: Report | undefined
  stderr: string
}

/** `aims-gate check` of one version through the bundled CLI, with the report read from --json. */
export async function gate(
  target: ForgeryTarget,
  model: string,
  version: string,
  policy: string,
  workRoot: string
): Promise<GateRun> {
  const argv = [
    'check',
    '--tracking-uri',
    target.uri,
    '--model',
    model,
    '--version',
    version,
    '--policy',
    policy,
    '--profile',
    'production',
    '--card-source',
    EXAMPLE_CARD,
    '--card-dir',
    path.join(workRoot, 'cards'),
    '--json'
  ]
  const run = await runCli(argv, { cwd: workRoot })
  const report = run.stdout.trim().startsWith('{') ? parseValidReport(run.stdout) : undefined
  return { code: run.code, report, stderr: run.stderr }
}

/** Runs the jobs two at a time (two cores, shared with the MLflow servers). */
export async function inPairs<T>(jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++
      results[index] = await jobs[index]!()
    }
  }
  await Promise.all([worker(), worker()])
  return results
}

export const requirementOf = (run: GateRun | undefined, id: string) =>
  run?.report?.requirements.find((r) => r.id === id)
