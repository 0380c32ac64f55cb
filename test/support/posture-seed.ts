/**
 * A registry in known states for the posture suites, built on a fresh MLflow server through its
 * REST API and the bundled gate: each version gets a run with a logged `accuracy_score`, real
 * verdicts come from `dist/cli.js check --write-back`, and the forgeries are what an author who
 * wants a bad model to look approved would write by hand (tags, replaced or borrowed reports).
 */
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { runCli } from './cli-runner.js'

/** The registry's own clock stamps versions: every date of the seed follows the real time. */
const BASE = Math.floor(Date.now() / 1000) * 1000
const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const CHECKED_AT = iso(BASE + 3_600_000)
/** The posture's clock: two days after the gate ran, the waiver then ends in eight days. */
export const SEED_NOW = iso(BASE + 2 * DAY)

export const POSTURE_POLICY = `version: 1
name: posture-test
defaultProfile: production
profiles:
  production:
    requirements:
      - { id: score-floor, check: metric, metric: accuracy_score, min: 0.8, controls: [A.6.2.4] }
waivers:
  - requirement: score-floor
    model: expiring-waiver
    versions: ["1"]
    reason: retraining scheduled
    approvedBy: risk-officer
    approved: "${isoDay(BASE)}"
    expires: "${isoDay(BASE + 10 * DAY)}"
`
/** The policy an older gate run used: another digest. */
const OLD_POLICY = POSTURE_POLICY.replace('min: 0.8', 'min: 0.7')

interface Server {
  uri: string
}

async function call<T>(s: Server, method: 'GET' | 'POST', endpoint: string, body: Record<string, unknown>): Promise<T> {
  const url = new URL(`${s.uri}/api/2.0/mlflow/${endpoint}`)
  if (method === 'GET') for (const [k, v] of Object.entries(body)) url.searchParams.set(k, String(v))
  const init =
    method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
  const response = await fetch(url, init)
  if (!response.ok) throw new Error(`${method} ${endpoint} → ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

async function version(s: Server, name: string, score: number): Promise<{ version: string; runId: string }> {
  const run = await call<{ run: { info: { run_id: string } } }>(s, 'POST', 'runs/create', {
    experiment_id: '0',
    user_id: 'trainer',
    start_time: BASE - 3_600_000
  })
  const runId = run.run.info.run_id
  await call(s, 'POST', 'runs/log-metric', {
    run_id: runId,
    key: 'accuracy_score',
    value: score,
    timestamp: 1,
    step: 0
  })
  await call(s, 'POST', 'runs/update', {
    run_id: runId,
    status: 'FINISHED',
    end_time: BASE - 60_000
  })
  const mv = await call<{ model_version: { version: string } }>(s, 'POST', 'model-versions/create', {
    name,
    source: `runs:/${runId}/model`,
    run_id: runId
  })
  return { version: mv.model_version.version, runId }
}

const alias = (s: Server, name: string, a: string, v: string) =>
  call(s, 'POST', 'registered-models/alias', { name, alias: a, version: v })
const tag = (s: Server, name: string, v: string, key: string, value: string) =>
  call(s, 'POST', 'model-versions/set-tag', { name, version: v, key, value })

async function versionTags(s: Server, name: string, v: string): Promise<Record<string, string>> {
  const json = await call<{ model_version: { tags?: Array<{ key: string; value: string }> } }>(
    s,
    'GET',
    'model-versions/get',
    { name, version: v }
  )
  return Object.fromEntries((json.model_version.tags ?? []).map((t) => [t.key, t.value]))
}

/** The proxy URL of a file in the run's write-back folder. */
async function writebackUrl(s: Server, runId: string, file: string): Promise<string> {
  const run = await call<{ run: { info: { artifact_uri: string } } }>(s, 'GET', 'runs/get', { run_id: runId })
  const rel = run.run.info.artifact_uri.replace(/^mlflow-artifacts:\/*/, '')
  return `${s.uri}/api/2.0/mlflow-artifacts/artifacts/${rel}/aims-gate/${file}`
}

async function upload(s: Server, runId: string, file: string, body: string): Promise<void> {
  const response = await fetch(await writebackUrl(s, runId, file), { method: 'PUT', body })
  if (!response.ok) throw new Error(`upload ${file} → ${response.status} ${await response.text()}`)
}

async function download(s: Server, runId: string, file: string): Promise<string> {
  const response = await fetch(await writebackUrl(s, runId, file))
  if (!response.ok) throw new Error(`download ${file} → ${response.status}`)
  return await response.text()
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

async function gate(s: Server, workspace: string, name: string, v: string, expected: 0 | 1, policy = 'policy.yml') {
  const argv = ['check', '--tracking-uri', s.uri, '--model', name, '--version', v, '--policy', policy]
  const run = await runCli([...argv, '--write-back', '--now', CHECKED_AT], { cwd: workspace })
  if (run.code !== expected) throw new Error(`check ${name}/${v} → ${run.code}: ${run.stdout}${run.stderr}`)
}

/** Builds the registry; returns the workspace holding policy.yml. */
export async function seedPostureRegistry(s: Server, workspace: string): Promise<void> {
  await mkdir(workspace, { recursive: true })
  await writeFile(path.join(workspace, 'policy.yml'), POSTURE_POLICY)
  await writeFile(path.join(workspace, 'old-policy.yml'), OLD_POLICY)
  const model = async (name: string, scores: number[]) => {
    await call(s, 'POST', 'registered-models/create', { name })
    const out = []
    for (const score of scores) out.push(await version(s, name, score))
    return out
  }
  const [passing] = await model('passing', [0.9])
  await gate(s, workspace, 'passing', '1', 0)
  await alias(s, 'passing', 'production', '1')
  await model('blocked', [0.5])
  await gate(s, workspace, 'blocked', '1', 1)
  await alias(s, 'blocked', 'production', '1')
  await model('never-gated', [0.9])
  await alias(s, 'never-gated', 'production', '1')
  await model('alias-moved', [0.9, 0.9])
  await gate(s, workspace, 'alias-moved', '1', 0)
  await alias(s, 'alias-moved', 'production', '2')
  await model('stale-policy', [0.9])
  await gate(s, workspace, 'stale-policy', '1', 0, 'old-policy.yml')
  await alias(s, 'stale-policy', 'production', '1')
  await model('expiring-waiver', [0.5])
  await gate(s, workspace, 'expiring-waiver', '1', 0)
  await alias(s, 'expiring-waiver', 'production', '1')
  // Tampered: the gate's real report replaced after the verdict.
  const [tampered] = await model('tampered', [0.9])
  await gate(s, workspace, 'tampered', '1', 0)
  const real = await download(s, tampered!.runId, '1.report.json')
  await upload(s, tampered!.runId, '1.report.json', real.replace('"pass"', '"pass" '))
  await alias(s, 'tampered', 'production', '1')
  // Forgeries: a passing verdict written by hand.
  const forged = {
    'aims.gate.verdict': 'pass',
    'aims.gate.blocking': '',
    'aims.gate.policy': 'posture-test',
    'aims.gate.policy_sha256': sha256(POSTURE_POLICY),
    'aims.gate.profile': 'production',
    'aims.gate.checked_at': CHECKED_AT
  }
  await model('forged-tags', [0.9])
  for (const [k, value] of Object.entries({ ...forged, 'aims.gate.report_sha256': sha256('nothing') }))
    await tag(s, 'forged-tags', '1', k, value)
  await alias(s, 'forged-tags', 'production', '1')
  const [digest] = await model('forged-digest', [0.9])
  const fake = (await download(s, passing!.runId, '1.report.json')).replace(
    '"name": "passing"',
    '"name": "forged-digest"'
  )
  await upload(s, digest!.runId, '1.report.json', fake)
  for (const [k, value] of Object.entries({ ...forged, 'aims.gate.report_sha256': sha256(`${fake} `) }))
    await tag(s, 'forged-digest', '1', k, value)
  await alias(s, 'forged-digest', 'production', '1')
  // Another version's real report and tags, copied onto a version that fails.
  const [, borrower] = await model('forged-other', [0.9, 0.5])
  await gate(s, workspace, 'forged-other', '1', 0)
  await upload(
    s,
    borrower!.runId,
    '2.report.json',
    await download(s, await runOf(s, 'forged-other', '1'), '1.report.json')
  )
  for (const [k, value] of Object.entries(await versionTags(s, 'forged-other', '1')))
    await tag(s, 'forged-other', '2', k, value)
  await alias(s, 'forged-other', 'production', '2')
}

async function runOf(s: Server, name: string, v: string): Promise<string> {
  const json = await call<{ model_version: { run_id: string } }>(s, 'GET', 'model-versions/get', { name, version: v })
  return json.model_version.run_id
}

/** The findings the seeded registry must produce without `--policy`. */
export const EXPECTED_FINDINGS = [
  'blocked:blocked:1@production',
  'never-gated:never-gated:1@production',
  'never-gated:alias-moved:2@production',
  'alias-moved:alias-moved:2@production',
  'waiver-expiring:expiring-waiver:1@production:score-floor',
  'report-mismatch:tampered:1@production',
  'report-unreadable:forged-tags:1@production',
  'card-missing:forged-tags:1@production',
  'report-mismatch:forged-digest:1@production',
  'card-missing:forged-digest:1@production',
  'report-mismatch:forged-other:2@production',
  'alias-moved:forged-other:2@production',
  'card-missing:forged-other:2@production'
]

/** What `--policy policy.yml` adds: the stale verdict, and the versions that would block today. */
export const EXPECTED_WITH_POLICY = [
  ...EXPECTED_FINDINGS,
  'stale-policy:stale-policy:1@production',
  'what-if-blocked:blocked:1@production',
  'what-if-blocked:forged-other:2@production'
]
