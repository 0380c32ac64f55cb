/**
 * The obvious way to read the registry: every registered model, then every version fetched on its
 * own (`model-versions/get`), one request at a time, then for each aliased, gated version the same
 * write-back reads as `aims-gate posture` (folder listing, report digest). Prints the request count.
 *
 *   node bench/posture/loop.mjs http://127.0.0.1:5000
 */
import { createHash } from 'node:crypto'

const uri = process.argv[2]
let requests = 0

async function get(pathname, query) {
  requests++
  const url = new URL(uri + pathname)
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
  const response = await fetch(url)
  if (!response.ok && response.status !== 404) throw new Error(`${pathname} ${response.status}`)
  return response
}

const api = '/api/2.0/mlflow'
const findings = []
let token
do {
  const query = { max_results: 1000, ...(token ? { page_token: token } : {}) }
  const page = await (await get(`${api}/registered-models/search`, query)).json()
  for (const model of page.registered_models ?? []) {
    const latest = Math.max(0, ...(model.latest_versions ?? []).map((v) => Number(v.version)))
    const versions = []
    for (let v = 1; v <= latest; v++) {
      const answer = await (await get(`${api}/model-versions/get`, { name: model.name, version: String(v) })).json()
      versions.push(answer.model_version)
    }
    for (const alias of model.aliases ?? []) {
      const mv = versions.find((v) => v.version === alias.version)
      const tags = Object.fromEntries((mv.tags ?? []).map((t) => [t.key, t.value]))
      if (tags['aims.gate.verdict'] === undefined) {
        findings.push('never-gated')
        continue
      }
      const listed = await (await get(`${api}/artifacts/list`, { run_id: mv.run_id, path: 'aims-gate' })).json()
      const path = `aims-gate/${mv.version}.report.json`
      const bytes = new Uint8Array(await (await get('/get-artifact', { run_id: mv.run_id, path })).arrayBuffer())
      if (createHash('sha256').update(bytes).digest('hex') !== tags['aims.gate.report_sha256'])
        findings.push('report-mismatch')
      if (!(listed.files ?? []).some((f) => f.path.endsWith(`/${mv.version}.md`))) findings.push('card-missing')
    }
  }
  token = page.next_page_token
} while (token)
console.log(JSON.stringify({ requests, findings: findings.length }))
