/**
 * The integration fixture itself: both MLflow servers run, answer with the expected major
 * version, and hold what the seeding manifest says (read back over plain REST).
 */
import { describe, expect, it } from 'vitest'
import { servers, type SeededServer } from '../support/servers.js'

// biome-ignore lint/suspicious/noExplicitAny: MLflow's raw JSON, read field by field and compared with the fixtures
async function getJson(server: SeededServer, route: string, query: Record<string, string>): Promise<any> {
  const url = new URL(`/api/2.0/mlflow/${route}`, server.uri)
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
  const response = await fetch(url)
  expect(response.status, `${route} ${JSON.stringify(query)}`).toBe(200)
  return await response.json()
}

describe.each(servers().map((s) => [s.flavour, s] as const))('seeded %s server', (flavour, server) => {
  it('answers /version with the expected major version', async () => {
    const response = await fetch(`${server.uri}/version`)
    expect(response.status).toBe(200)
    const version = (await response.text()).trim()
    expect(version).toBe(server.mlflowVersion)
    expect(version.split('.')[0]).toBe(flavour === 'mlflow2' ? '2' : '3')
    expect(server.manifest.flavour).toBe(flavour)
  })

  it('has both registered models with their versions and aliases in the manifest', () => {
    const models = server.manifest.models
    expect(Object.keys(models).sort()).toEqual(['credit-risk', 'work-hours'])
    expect(models['credit-risk']?.versions.map((v) => [v.version, v.role])).toEqual([
      ['1', 'champion'],
      ['2', 'challenger'],
      ['3', 'regressed'],
      ['4', 'incomplete'],
      ['5', 'tampered'],
      ['6', 'disparity'],
      ['7', 'self-approved']
    ])
    expect(models['credit-risk']?.aliases).toMatchObject({ champion: '1', challenger: '2', tampered: '5' })
    expect(models['work-hours']?.aliases).toEqual({ champion: '1', challenger: '2' })
  })

  it('serves the aliases, versions and runs the manifest records', async () => {
    for (const model of Object.values(server.manifest.models)) {
      const { registered_model: registered } = await getJson(server, 'registered-models/get', { name: model.name })
      const aliases = Object.fromEntries(
        (registered.aliases ?? []).map((a: { alias: string; version: string }) => [a.alias, a.version])
      )
      expect(aliases).toEqual(model.aliases)
      for (const version of model.versions) {
        const { model_version: mv } = await getJson(server, 'model-versions/get', {
          name: model.name,
          version: version.version
        })
        expect(mv.run_id).toBe(version.runId)
        expect(mv.source).toBe(version.source)
        const { run } = await getJson(server, 'runs/get', { run_id: version.runId })
        expect(run.info.user_id).toBe(server.manifest.runUser)
      }
    }
  })

  it('records datasets, evaluation and approval only on the evidenced versions', () => {
    for (const model of Object.values(server.manifest.models)) {
      for (const version of model.versions) {
        const contexts = version.datasets.map((d) => d.context).sort()
        if (version.evidence === 'incomplete') {
          expect(contexts).toEqual([])
          expect(version.metrics).toEqual({})
          expect(version.approvedBy).toBeNull()
          expect(version.description).toBe('')
        } else {
          expect(contexts).toEqual(['evaluation', 'training'])
          expect(version.evaluationCsv?.labelColumn).toBe(model.labelColumn)
          expect(version.impactAssessment?.reviewed).toBe(server.manifest.reviewed)
          expect(version.approvedBy).toBe(version.role === 'self-approved' ? version.runUser : server.manifest.approver)
        }
      }
    }
  })

  it('reports the tampered roc_auc as the latest logged value', async () => {
    const tampered = server.manifest.models['credit-risk']?.versions.find((v) => v.role === 'tampered')
    expect(tampered?.tampered).not.toBeNull()
    const { run } = await getJson(server, 'runs/get', { run_id: tampered!.runId })
    const metric = run.data.metrics.find((m: { key: string }) => m.key === 'roc_auc')
    expect(metric.value).toBeCloseTo(tampered!.tampered!.loggedValue, 12)
    expect(tampered!.tampered!.loggedValue - tampered!.tampered!.trueValue).toBeCloseTo(0.05, 12)
  })
})
