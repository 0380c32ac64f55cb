/**
 * Shared by the end-to-end suites that run what ships (dist/cli.js, dist/index.js) against the
 * seeded servers: a checkout-like workspace, the seeded evaluation file fetched from a server and
 * rewritten as Parquet by pandas/pyarrow (so the Parquet is made by a third-party writer), and
 * the report read back from disk.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Report } from '../../src/render/report-schema.js'
import { ROOT } from './action-runner.js'
import type { SeededServer, SeedVersion } from './seed-manifest.js'
import { pandasParquet } from './python.js'
import { parseValidReport } from './report-schema.js'

/** A folder with the example policy and card source where a repository keeps them. */
export async function exampleWorkspace(dir: string): Promise<string> {
  await mkdir(path.join(dir, 'model-cards'), { recursive: true })
  await cp(path.join(ROOT, 'examples/credit-risk/policy.yml'), path.join(dir, 'policies', 'credit-risk.yml'))
  await cp(
    path.join(ROOT, 'examples/credit-risk/model-cards/credit-risk.md'),
    path.join(dir, 'model-cards', 'credit-risk.md')
  )
  return dir
}

export const seededVersion = (s: SeededServer, role: string): SeedVersion =>
  s.manifest.models['credit-risk']!.versions.find((v) => v.role === role)!

/** The challenger's `eval/evaluation.csv` through the server's artifact endpoint, saved as CSV and as Parquet. */
export async function evaluationFiles(s: SeededServer, dir: string): Promise<{ csv: string; parquet: string }> {
  const v = seededVersion(s, 'challenger')
  const url = `${s.uri}/get-artifact?path=${encodeURIComponent(v.evaluationCsv!.artifactPath)}&run_uuid=${v.runId}`
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url}: ${response.status}`)
  await mkdir(dir, { recursive: true })
  const csv = path.join(dir, 'evaluation.csv')
  const parquet = path.join(dir, 'evaluation.parquet')
  await writeFile(csv, Buffer.from(await response.arrayBuffer()))
  // Several row groups, so the reader's walk over them is part of what is tested.
  await pandasParquet(csv, parquet, 600)
  return { csv, parquet }
}

export const readReport = async (file: string): Promise<Report> => parseValidReport(await readFile(file, 'utf8'))

export const requirementOf = (report: Report, id: string) => {
  const found = report.requirements.find((r) => r.id === id)
  if (found === undefined) throw new Error(`no requirement ${id} in the report`)
  return found
}

/** |TPR(Male) − TPR(Female)| as the seed computed it in Python from the same ONNX graph. */
export function seededEqualOpportunityGap(v: SeedVersion): number {
  const sex = v.groups!.sex!
  return Math.abs(sex.Male!.truePositiveRate! - sex.Female!.truePositiveRate!)
}

/** Creates a registered model with one version on a fresh run (nothing seeded is touched). */
export async function freshModelVersion(
  s: SeededServer,
  prefix: string
): Promise<{ name: string; version: string; runId: string }> {
  const post = async <T>(endpoint: string, body: unknown): Promise<T> => {
    const response = await fetch(`${s.uri}/api/2.0/mlflow/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    if (!response.ok) throw new Error(`${endpoint} → ${response.status} ${await response.text()}`)
    return (await response.json()) as T
  }
  const name = `${prefix}-${Math.random().toString(36).slice(2, 10)}`
  const created = await post<{ run: { info: { run_id: string } } }>('runs/create', {
    experiment_id: s.manifest.experimentId,
    start_time: Date.now()
  })
  const runId = created.run.info.run_id
  await post('registered-models/create', { name })
  const mv = await post<{ model_version: { version: string } }>('model-versions/create', {
    name,
    source: `runs:/${runId}/model`,
    run_id: runId
  })
  return { name, version: mv.model_version.version, runId }
}
