/**
 * Posture benchmark: a real MLflow server seeded with BENCH_MODELS registered models × 5 versions
 * (the production alias on each model's latest version; BENCH_GATED_SHARE of those carry a real
 * write-back: tags, report and card), read by the bundled `aims-gate posture`, side by side with
 * the obvious loop (one `model-versions/get` per version, then the same write-back reads, one
 * request at a time). Prints one JSON line per row; see README.md for how to read it.
 *
 *   npm run package && node bench/posture/bench.mjs
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const flavour = process.env.BENCH_FLAVOUR ?? 'mlflow3'
const MODELS = Number(process.env.BENCH_MODELS ?? 1000)
const STEPS = (process.env.BENCH_STEPS ?? `200,${MODELS}`).split(',').map(Number)
const VERSIONS = 5
const GATED_SHARE = Number(process.env.BENCH_GATED_SHARE ?? 0.5)
const SEED_CONCURRENCY = 8
const NOW = '2026-06-15T12:00:00Z'
const work = mkdtempSync(path.join(root, 'bench', 'out', 'posture-'))
const node = path.join(root, 'node_modules', '.bin', 'node')
const cli = path.join(root, 'dist', 'cli.js')

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const p = probe.address().port
    probe.close(() => resolve(p))
  })
})
const uri = `http://127.0.0.1:${port}`
const mlflow = path.join(root, '.venvs', flavour, 'bin', 'mlflow')
const server = spawn(
  mlflow,
  [
    'server',
    '--backend-store-uri',
    `sqlite:///${work}/mlflow.db`,
    '--artifacts-destination',
    `${work}/art`,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--workers',
    '1'
  ],
  { detached: true, stdio: 'ignore' }
)
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM')
  } catch {}
}
process.on('exit', stopServer)

async function call(method, endpoint, body) {
  const url = new URL(`${uri}/api/2.0/mlflow/${endpoint}`)
  if (method === 'GET') for (const [k, v] of Object.entries(body ?? {})) url.searchParams.set(k, String(v))
  const init =
    method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
  // The server closes idle keep-alive connections while a row is measured: retry a dropped socket.
  for (let attempt = 1; ; attempt++) {
    let response
    try {
      response = await fetch(url, init)
    } catch (error) {
      if (attempt < 4) continue
      throw error
    }
    if (!response.ok) throw new Error(`${method} ${endpoint} → ${response.status} ${await response.text()}`)
    return await response.json()
  }
}

for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${uri}/health`)).ok) break
  } catch {}
  if (i > 240) throw new Error('MLflow did not start')
  await new Promise((r) => setTimeout(r, 500))
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex')
const policy =
  'version: 1\nname: bench\nprofiles:\n  production:\n    requirements:\n' +
  '      - { id: score-floor, check: metric, metric: accuracy_score, min: 0.8, controls: [A.6.2.4] }\n'
writeFileSync(path.join(work, 'policy.yml'), policy)

async function runArtifactUrl(runId, file) {
  const run = await call('GET', 'runs/get', { run_id: runId })
  const rel = run.run.info.artifact_uri.replace(/^mlflow-artifacts:\/*/, '')
  return `${uri}/api/2.0/mlflow-artifacts/artifacts/${rel}/aims-gate/${file}`
}

async function put(url, body) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, { method: 'PUT', body })
      if (!response.ok) throw new Error(`PUT ${url} → ${response.status}`)
      return
    } catch (error) {
      if (attempt >= 4) throw error
    }
  }
}

/** One real gate run gives the report and tag shapes the seeded write-backs copy. */
let template
async function seedModel(i) {
  const name = `model-${String(i).padStart(5, '0')}`
  await call('POST', 'registered-models/create', { name })
  let last
  for (let v = 1; v <= VERSIONS; v++) {
    const run = await call('POST', 'runs/create', { experiment_id: '0', start_time: Date.parse(NOW) - 86_400_000 })
    const runId = run.run.info.run_id
    if (v === VERSIONS)
      await call('POST', 'runs/log-metric', { run_id: runId, key: 'accuracy_score', value: 0.9, timestamp: 1, step: 0 })
    await call('POST', 'model-versions/create', { name, source: `runs:/${runId}/model`, run_id: runId })
    last = runId
  }
  await call('POST', 'registered-models/alias', { name, alias: 'production', version: String(VERSIONS) })
  if ((i * 7919) % 1000 >= GATED_SHARE * 1000) return
  if (template === undefined) {
    const gate = spawnSync(
      node,
      [
        cli,
        'check',
        '--tracking-uri',
        uri,
        '--model',
        name,
        '--version',
        String(VERSIONS),
        '--policy',
        'policy.yml',
        '--write-back',
        '--now',
        NOW
      ],
      { cwd: work, encoding: 'utf8' }
    )
    if (gate.status !== 0) throw new Error(`gate: ${gate.stderr}`)
    const report = await (await fetch(await runArtifactUrl(last, `${VERSIONS}.report.json`))).text()
    const mv = await call('GET', 'model-versions/get', { name, version: String(VERSIONS) })
    template = { name, report, tags: Object.fromEntries(mv.model_version.tags.map((t) => [t.key, t.value])) }
    return
  }
  const report = template.report.replaceAll(`"name": "${template.name}"`, `"name": "${name}"`)
  await put(await runArtifactUrl(last, `${VERSIONS}.report.json`), report)
  await put(await runArtifactUrl(last, `${VERSIONS}.md`), `# ${name}\n`)
  const tags = { ...template.tags, 'aims.gate.report_sha256': sha256(report) }
  for (const [key, value] of Object.entries(tags))
    await call('POST', 'model-versions/set-tag', { name, version: String(VERSIONS), key, value })
}

async function seedUpTo(from, to) {
  // The first model is gated for real (a blocking child process) before any parallel seeding.
  if (from === 0) await seedModel(0)
  let next = Math.max(from, 1)
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      while (next < to) await seedModel(next++)
    })
  )
}

function timed(argv) {
  const started = process.hrtime.bigint()
  const run = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 26 })
  const wallS = Number(process.hrtime.bigint() - started) / 1e9
  if (run.status !== 0) throw new Error(`${argv.join(' ')}: ${run.stderr}`)
  const rssMb = Number(run.stderr.trim().split('\n').pop()) / 1024
  return { run, wallS, rssMb }
}

let seeded = 0
for (const step of STEPS) {
  const seedStart = Date.now()
  await seedUpTo(seeded, step)
  seeded = step
  const load = os.loadavg()[0].toFixed(2)
  const ours = timed([node, cli, 'posture', '--tracking-uri', uri, '--out', 'site', '--now', NOW])
  const posture = JSON.parse(readFileSync(path.join(work, 'site', 'posture.json'), 'utf8'))
  const loop = timed([node, path.join(import.meta.dirname, 'loop.mjs'), uri])
  const loopOut = JSON.parse(loop.run.stdout)
  console.log(
    JSON.stringify({
      flavour,
      models: step,
      versions: step * VERSIONS,
      gatedShare: GATED_SHARE,
      seedS: (Date.now() - seedStart) / 1000,
      load1mBefore: load,
      posture: {
        requests: posture.requests.count,
        maxInFlight: posture.requests.maxInFlight,
        wallS: ours.wallS,
        rssMb: ours.rssMb,
        findings: posture.totals.findings,
        passing: posture.totals.passing
      },
      loop: { requests: loopOut.requests, wallS: loop.wallS, rssMb: loop.rssMb, findings: loopOut.findings },
      ratio: { requests: loopOut.requests / posture.requests.count, wall: loop.wallS / ours.wallS },
      load1mAfter: os.loadavg()[0].toFixed(2)
    })
  )
}
stopServer()
if (process.env.BENCH_KEEP !== '1') rmSync(work, { recursive: true, force: true })
