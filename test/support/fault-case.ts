/**
 * One fault case of the hostile-server suite: the bundled CLI (`dist/cli.js`) gates a seeded
 * model through the fault proxy, with planted credentials in the environment and the URI, and
 * the result is checked for what must hold whatever the fault: the exit code, a message that
 * names the problem, no pass that was not earned, no credential anywhere, and an end in time.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect } from 'vitest'
import { runCli, type CliRun } from './cli-runner.js'
import { parseValidReport } from './report-schema.js'

/** Every planted secret contains this marker, so one search finds any of them in any output. */
export const MARKER = 'PLANTED'
export const TOKEN = `tok-${MARKER}-7f3a9c2e`
export const GITHUB_TOKEN = `ghp_${MARKER}x0123456789abcdefghij`
/** Percent-encoded in the URI (`@` and `/` inside); decoded it is `p@ss/PLANTED-51d`. */
export const URI_PASSWORD = `p%40ss%2F${MARKER}-51d`
const DECODED_PASSWORD = decodeURIComponent(URI_PASSWORD)
/** The base64 forms a Basic header carries: they do not contain the marker, so list them. */
export const ENCODED_SECRETS = [`ci:${DECODED_PASSWORD}`, `ci:${URI_PASSWORD}`].map((s) =>
  Buffer.from(s, 'utf8').toString('base64')
)

export const FAULT_POLICY = `version: 1
name: fault-suite
defaultProfile: evidence
profiles:
  evidence:
    requirements:
      - { id: auc, check: metric, metric: roc_auc, min: 0.5, controls: [A.6.2.4] }
      - { id: impact, check: artifact, path: impact_assessment.md, maxAgeDays: 3650, controls: [A.5.3] }
      - { id: release-approval, check: approval, minApprovals: 1, sources: [mlflow-tag],
          separationOfDuties: true, controls: [A.6.2.5] }
  model:
    requirements:
      - { id: auc-recomputed, check: metric, metric: roc_auc, source: recomputed, min: 0.5, controls: [A.6.2.4] }
evaluation:
  data: { artifact: eval/evaluation.csv }
  label: income_gt_50k
  positiveClass: 1
  task: binary
`

export interface CaseSetup {
  /** The proxy's URI (credentials are added when `auth` is 'uri'). */
  proxyUri: string
  workDir: string
  profile?: 'evidence' | 'model'
  /** `token`: MLFLOW_TRACKING_TOKEN (Bearer); `uri`: user info in the tracking URI (Basic). */
  auth?: 'token' | 'uri'
  /** Extra flags (`--timeout 1`) and variables (AIMS_GATE_*). */
  flags?: string[]
  env?: Record<string, string>
  /** Upper bound on the run's wall time. */
  withinMs: number
}

export interface CaseResult extends CliRun {
  elapsedMs: number
  report?: { verdict: string; requirements: Array<{ id: string; status: string; message: string }> }
  /** stdout + stderr + report + card: where a message or a leak would be. */
  everything: string
}

export async function writeFaultPolicy(workDir: string): Promise<string> {
  await mkdir(workDir, { recursive: true })
  const file = path.join(workDir, 'fault-policy.yml')
  await writeFile(file, FAULT_POLICY)
  return file
}

export async function runFaultCase(setup: CaseSetup): Promise<CaseResult> {
  // A card folder per case: a report left by an earlier case must never be read as this one's.
  const cardDir = `out-${randomUUID()}`
  const uri = setup.auth === 'uri' ? setup.proxyUri.replace('http://', `http://ci:${URI_PASSWORD}@`) : setup.proxyUri
  const argv = [
    'check',
    '--model',
    'credit-risk',
    '--alias',
    'challenger',
    '--tracking-uri',
    uri,
    '--policy',
    'fault-policy.yml',
    '--profile',
    setup.profile ?? 'evidence',
    '--card-dir',
    cardDir,
    ...(setup.flags ?? [])
  ]
  // Generous enough for real answers on a loaded machine; cases about slowness set their own,
  // and a case about MLFLOW_HTTP_REQUEST_TIMEOUT must not have it masked by a flag.
  if (!argv.includes('--timeout') && setup.env?.MLFLOW_HTTP_REQUEST_TIMEOUT === undefined) argv.push('--timeout', '10')
  const env: Record<string, string> = { GITHUB_TOKEN, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '1', ...setup.env }
  if (setup.auth !== 'uri') env.MLFLOW_TRACKING_TOKEN = TOKEN
  const started = Date.now()
  const run = await runCli(argv, { cwd: setup.workDir, env, timeoutMs: setup.withinMs + 30_000 })
  const elapsedMs = Date.now() - started
  const reportFile = path.join(setup.workDir, cardDir, 'credit-risk', '2.report.json')
  const cardFile = path.join(setup.workDir, cardDir, 'credit-risk', '2.md')
  const reportText = existsSync(reportFile) ? await readFile(reportFile, 'utf8') : ''
  const cardText = existsSync(cardFile) ? await readFile(cardFile, 'utf8') : ''
  const result: CaseResult = {
    ...run,
    elapsedMs,
    everything: [run.stdout, run.stderr, reportText, cardText].join('\n')
  }
  if (reportText !== '') result.report = parseValidReport<NonNullable<CaseResult['report']>>(reportText)
  return result
}

/** What must hold for every fault, whatever it is. */
export function expectContained(result: CaseResult, withinMs: number): void {
  expect(result.everything).not.toContain(MARKER)
  for (const encoded of ENCODED_SECRETS) expect(result.everything).not.toContain(encoded)
  expect(result.stderr).not.toMatch(/AssertionError|ERR_ASSERTION|unexpected error|at .+\.js:\d+/)
  expect(result.elapsedMs).toBeLessThan(withinMs)
}

/** A fault on blocking evidence: exit 1, the message says why, and nothing it touched passed. */
export function expectBlocked(result: CaseResult, message: RegExp, touched: string[] = []): void {
  expect(result.code, result.stderr).toBe(1)
  expect(result.everything).toMatch(message)
  if (result.report !== undefined) {
    expect(result.report.verdict).toBe('fail')
    for (const id of touched) expect(result.report.requirements.find((r) => r.id === id)?.status, id).not.toBe('pass')
  }
}
