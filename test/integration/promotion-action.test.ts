/**
 * The action's `promote-to` as shipped (dist/index.js) against real MLflow 2.x and 3.x servers,
 * on registered models of its own: a pass moves the alias and sets `promoted-version`; a fail
 * leaves the alias and the output alone; a promotion refused after a pass fails the step.
 */
import { describe, expect, it } from 'vitest'
import { ROOT, runAction } from '../support/action-runner.js'
import {
  addVersion,
  createModel,
  readModel,
  setAlias,
  versionTags,
  usePromotionWorkspace
} from '../support/promotion-fixture.js'
import { servers, type SeededServer } from '../support/servers.js'

const suite = usePromotionWorkspace(ROOT, 'promotion-action')
const { workRoot } = suite

function promote(s: SeededServer, model: string, version: string) {
  return runAction({
    workspace: suite.workspace,
    inputs: {
      model,
      version,
      alias: '',
      'tracking-uri': s.uri,
      policy: 'policy.yml',
      profile: 'production',
      'card-dir': 'cards',
      'github-token': '',
      comment: 'false',
      'write-back': 'false',
      'promote-to': 'champion'
    },
    env: {
      TMPDIR: workRoot,
      AIMS_GATE_PROMOTION_SETTLE_MS: '200',
      GITHUB_ACTOR: 'release-bot',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/models',
      GITHUB_RUN_ID: '42'
    }
  })
}

describe.each(servers().map((s) => [s.flavour, s] as const))('promote-to on the %s server', (_flavour, s) => {
  it('moves the alias after a pass and sets promoted-version; a failing version moves nothing', async () => {
    const model = await createModel(s, 'action-promote')
    const good = await addVersion(s, model, 0.9)
    const passed = await promote(s, model, good.version)
    expect(passed.code, passed.stdout).toBe(0)
    expect(passed.outputs['promoted-version']).toBe(good.version)
    expect((await readModel(s, model)).aliases.champion).toBe(good.version)
    const tags = await versionTags(s, model, good.version)
    expect(tags['aims.promotion.champion.by']).toBe('release-bot')
    expect(tags['aims.promotion.champion.run_url']).toBe('https://github.com/acme/models/actions/runs/42')

    const bad = await addVersion(s, model, 0.3)
    const failed = await promote(s, model, bad.version)
    expect(failed.code).toBe(1)
    expect(failed.outputs.verdict).toBe('fail')
    expect(failed.outputs['promoted-version']).toBeUndefined()
    expect((await readModel(s, model)).aliases.champion).toBe(good.version)

    // Moved by hand: the next gate run warns in the log; the candidate is still judged on its own.
    await setAlias(s, model, 'champion', bad.version)
    const next = await addVersion(s, model, 0.95)
    const warned = await promote(s, model, next.version)
    expect(warned.stdout).toMatch(
      new RegExp(
        `::warning::aims-gate: alias "champion" of ${model} points at ` +
          `version ${bad.version}, which has no promotion record`
      )
    )
    expect(warned.code, warned.stdout).toBe(0)
    expect((await readModel(s, model)).tags['aims.promotion.champion.history']).toBe(
      JSON.stringify([good.version, bad.version, next.version])
    )
  })

  it('fails the step when another promotion holds the lease, after a passing gate', async () => {
    const model = await createModel(s, 'action-lease')
    const v = await addVersion(s, model, 0.9)
    const expires = new Date(Date.now() + 600_000).toISOString()
    await fetch(`${s.uri}/api/2.0/mlflow/registered-models/set-tag`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: model,
        key: 'aims.promotion.lease',
        value: JSON.stringify({ nonce: 'other', holder: 'someone-else', expires })
      })
    })
    const run = await promote(s, model, v.version)
    expect(run.code).toBe(1)
    expect(run.outputs.verdict).toBe('pass')
    expect(run.outputs['promoted-version']).toBeUndefined()
    expect(run.stdout).toContain('promotion refused: another promotion of')
    expect((await readModel(s, model)).aliases.champion).toBeUndefined()
  })
})
