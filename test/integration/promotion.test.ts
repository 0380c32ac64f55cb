/**
 * `aims-gate promote` and `rollback` as shipped (dist/cli.js) against real MLflow 2.x and 3.x
 * servers, on registered models of their own (test/support/promotion-fixture.ts). The alias and
 * the tags are read back through the server's REST API by the test itself; the report digest is
 * recomputed with node:crypto from the file on disk.
 *
 * The forgeries: promoting a failing version; changing a metric or a tag between the reviewed
 * check and the promotion; moving the alias by hand between the check and the promotion;
 * rolling back without history, to a version that fails now, or after a hand move; a local store.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/action-runner.js'
import { runCli } from '../support/cli-runner.js'
import { readReport } from '../support/dist-e2e.js'
import {
  addVersion,
  createModel,
  logScore,
  readModel,
  setAlias,
  setVersionTag,
  versionTags,
  usePromotionWorkspace
} from '../support/promotion-fixture.js'
import { servers, type SeededServer } from '../support/servers.js'

const suite = usePromotionWorkspace(ROOT, 'promotion')
const { workRoot } = suite

const ENV = { AIMS_GATE_PROMOTION_SETTLE_MS: '200', TMPDIR: '' }

function cli(s: SeededServer, command: string, model: string, extra: string[]) {
  return runCli(
    [
      command,
      '--tracking-uri',
      s.uri,
      '--model',
      model,
      '--policy',
      'policy.yml',
      '--profile',
      'production',
      '--card-dir',
      path.join(workRoot, 'cards'),
      ...extra
    ],
    {
      cwd: suite.workspace,
      env: { ...ENV, TMPDIR: workRoot }
    }
  )
}

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex')
const reportFile = (model: string, version: string) => path.join(workRoot, 'cards', model, `${version}.report.json`)

describe.each(servers().map((s) => [s.flavour, s] as const))('promote and rollback on the %s server', (_flavour, s) => {
  it('promotes a passing version, reads the alias back and records who, when, what before, which report', async () => {
    const model = await createModel(s, 'promote-pass')
    const { version } = await addVersion(s, model, 0.9)
    const run = await cli(s, 'promote', model, ['--version', version, '--to', 'champion', '--actor', 'riley-release'])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain(`alias "champion" now points at models:/${model}/${version} (was unset)`)
    const registered = await readModel(s, model)
    expect(registered.aliases.champion).toBe(version)
    expect(registered.tags['aims.promotion.champion.history']).toBe(JSON.stringify([version]))
    expect(registered.tags['aims.promotion.lease']).toBeUndefined()
    const tags = await versionTags(s, model, version)
    expect(tags['aims.promotion.champion.previous']).toBe('none')
    expect(tags['aims.promotion.champion.by']).toBe('riley-release')
    expect(tags['aims.promotion.champion.kind']).toBe('promote')
    expect(Date.parse(tags['aims.promotion.champion.at']!)).toBeGreaterThan(Date.now() - 120_000)
    expect(tags['aims.promotion.champion.report_sha256']).toBe(await sha256(reportFile(model, version)))
    const report = await readReport(reportFile(model, version))
    expect(report.promotion).toMatchObject({ target: 'champion', expectedCurrent: null, holderRecorded: true })
    expect(report.promotion?.evidenceSha256).toMatch(/^[0-9a-f]{64}$/)

    // The candidate named by an alias is pinned: the next version becomes champion, previous recorded.
    const next = await addVersion(s, model, 0.95)
    await setAlias(s, model, 'challenger', next.version)
    const second = await cli(s, 'promote', model, ['--alias', 'challenger', '--to', 'champion'])
    expect(second.code, second.stderr).toBe(0)
    expect((await readModel(s, model)).aliases.champion).toBe(next.version)
    expect((await versionTags(s, model, next.version))['aims.promotion.champion.previous']).toBe(version)
  })

  it('refuses a version the gate blocks now, naming the requirement; the alias stays', async () => {
    const model = await createModel(s, 'promote-fail')
    const good = await addVersion(s, model, 0.9)
    expect((await cli(s, 'promote', model, ['--version', good.version, '--to', 'champion'])).code).toBe(0)
    const bad = await addVersion(s, model, 0.5)
    const run = await cli(s, 'promote', model, ['--version', bad.version, '--to', 'champion'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/Refused: the gate blocks .* \(blocking: score-floor\)/)
    expect((await readModel(s, model)).aliases.champion).toBe(good.version)
    expect((await versionTags(s, model, bad.version))['aims.promotion.champion.by']).toBeUndefined()
  })

  it(
    'refuses when a metric or a tag changed between the reviewed check and the ' + 'promotion (evidence digest)',
    async () => {
      const model = await createModel(s, 'promote-evidence')
      const v = await addVersion(s, model, 0.9)
      const checked = await cli(s, 'check', model, ['--version', v.version, '--to', 'champion'])
      expect(checked.code, checked.stderr).toBe(0)
      const digest = (await readReport(reportFile(model, v.version))).promotion?.evidenceSha256
      expect(digest).toMatch(/^[0-9a-f]{64}$/)
      expect(checked.stdout).toContain(`--expect-current none --expect-evidence ${digest}`)

      // Still passing, but not what was reviewed.
      await logScore(s, v.runId, 0.85)
      const afterMetric = await cli(s, 'promote', model, [
        '--version',
        v.version,
        '--to',
        'champion',
        '--expect-current',
        'none',
        '--expect-evidence',
        digest!
      ])
      expect(afterMetric.code).toBe(1)
      expect(afterMetric.stderr).toContain('changed since the earlier check')
      expect((await readModel(s, model)).aliases.champion).toBeUndefined()

      const rechecked = await cli(s, 'check', model, ['--version', v.version, '--to', 'champion'])
      expect(rechecked.code).toBe(0)
      const digest2 = (await readReport(reportFile(model, v.version))).promotion?.evidenceSha256
      expect(digest2).not.toBe(digest)
      await setVersionTag(s, model, v.version, 'validation_status', 'approved-by-me')
      const afterTag = await cli(s, 'promote', model, [
        '--version',
        v.version,
        '--to',
        'champion',
        '--expect-evidence',
        digest2!
      ])
      expect(afterTag.code).toBe(1)
      expect(afterTag.stderr).toContain('changed since the earlier check')
      expect((await readModel(s, model)).aliases.champion).toBeUndefined()
    }
  )

  it(
    'refuses when the alias moved after the check; check then warns that the holder ' + 'has no promotion record',
    async () => {
      const model = await createModel(s, 'promote-moved')
      const first = await addVersion(s, model, 0.9)
      expect((await cli(s, 'promote', model, ['--version', first.version, '--to', 'champion'])).code).toBe(0)
      const candidate = await addVersion(s, model, 0.9)
      const checked = await cli(s, 'check', model, ['--version', candidate.version, '--to', 'champion'])
      expect(checked.code).toBe(0)
      expect(checked.stderr).not.toContain('warning')
      expect((await readReport(reportFile(model, candidate.version))).promotion).toMatchObject({
        expectedCurrent: first.version,
        holderRecorded: true
      })

      const bypass = await addVersion(s, model, 0.1)
      await setAlias(s, model, 'champion', bypass.version)
      const run = await cli(s, 'promote', model, [
        '--version',
        candidate.version,
        '--to',
        'champion',
        '--expect-current',
        first.version
      ])
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('moved meanwhile')
      expect((await readModel(s, model)).aliases.champion).toBe(bypass.version)

      const warned = await cli(s, 'check', model, ['--version', candidate.version, '--to', 'champion'])
      expect(warned.stderr).toMatch(
        new RegExp(
          `warning: alias "champion" of ${model} points at version ${bypass.version}, ` +
            `which has no promotion record \\(the gate last promoted ` +
            `version ${first.version}\\)`
        )
      )
      expect((await readReport(reportFile(model, candidate.version))).promotion).toMatchObject({
        expectedCurrent: bypass.version,
        holderRecorded: false
      })
    }
  )

  it(
    'rolls back to the recorded previous holder, which must pass now; refuses ' +
      'without history, after a hand move, and at the first entry',
    async () => {
      const none = await createModel(s, 'rollback-none')
      const nv = await addVersion(s, none, 0.9)
      await setAlias(s, none, 'champion', nv.version)
      const noHistory = await cli(s, 'rollback', none, ['--alias', 'champion'])
      expect(noHistory.code).toBe(1)
      expect(noHistory.stderr).toContain('has no promotion history for alias "champion"')

      const model = await createModel(s, 'rollback')
      const v1 = await addVersion(s, model, 0.9)
      const v2 = await addVersion(s, model, 0.92)
      expect((await cli(s, 'promote', model, ['--version', v1.version, '--to', 'champion'])).code).toBe(0)
      expect((await cli(s, 'promote', model, ['--version', v2.version, '--to', 'champion'])).code).toBe(0)
      const back = await cli(s, 'rollback', model, ['--alias', 'champion', '--actor', 'oncall'])
      expect(back.code, back.stderr).toBe(0)
      const registered = await readModel(s, model)
      expect(registered.aliases.champion).toBe(v1.version)
      expect(registered.tags['aims.promotion.champion.history']).toBe(JSON.stringify([v1.version]))
      const tags = await versionTags(s, model, v1.version)
      expect(tags['aims.promotion.champion.kind']).toBe('rollback')
      expect(tags['aims.promotion.champion.previous']).toBe(v2.version)
      expect(tags['aims.promotion.champion.by']).toBe('oncall')
      const first = await cli(s, 'rollback', model, ['--alias', 'champion'])
      expect(first.code).toBe(1)
      expect(first.stderr).toContain('no recorded previous holder')

      // A hand-moved alias: the history no longer says what came before.
      const v3 = await addVersion(s, model, 0.9)
      await setAlias(s, model, 'champion', v3.version)
      const moved = await cli(s, 'rollback', model, ['--alias', 'champion'])
      expect(moved.code).toBe(1)
      expect(moved.stderr).toContain('moved outside the gate')
      expect((await readModel(s, model)).aliases.champion).toBe(v3.version)
    }
  )

  it(
    'refuses to roll back to a previous holder that fails now, unless forced with a ' + 'reason that is recorded',
    async () => {
      const model = await createModel(s, 'rollback-force')
      const v1 = await addVersion(s, model, 0.9)
      const v2 = await addVersion(s, model, 0.9)
      expect((await cli(s, 'promote', model, ['--version', v1.version, '--to', 'champion'])).code).toBe(0)
      expect((await cli(s, 'promote', model, ['--version', v2.version, '--to', 'champion'])).code).toBe(0)
      await logScore(s, v1.runId, 0.4)
      const refused = await cli(s, 'rollback', model, ['--alias', 'champion'])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain(`does not pass the gate now (blocking: score-floor)`)
      expect((await readModel(s, model)).aliases.champion).toBe(v2.version)

      expect((await cli(s, 'rollback', model, ['--alias', 'champion', '--force'])).code).toBe(2)
      const forced = await cli(s, 'rollback', model, [
        '--alias',
        'champion',
        '--force',
        '--reason',
        'incident 42: v2 serves errors'
      ])
      expect(forced.code, forced.stderr).toBe(0)
      expect(forced.stdout).toContain('Forced: the gate blocks version')
      expect(forced.stdout).toContain('incident 42: v2 serves errors')
      expect((await readModel(s, model)).aliases.champion).toBe(v1.version)
      expect((await versionTags(s, model, v1.version))['aims.promotion.champion.forced_reason']).toBe(
        'incident 42: v2 serves errors'
      )
    }
  )

  it('refuses promote and rollback on the local sqlite:/// store (read-only) with exit 2 and the fix', async () => {
    for (const command of [
      ['promote', '--version', '1', '--to', 'champion'],
      ['rollback', '--alias', 'champion']
    ]) {
      const run = await runCli(
        [
          command[0]!,
          '--tracking-uri',
          `sqlite:///${s.dbPath}`,
          '--model',
          'credit-risk',
          '--policy',
          'policy.yml',
          ...command.slice(1)
        ],
        { cwd: suite.workspace, env: { TMPDIR: workRoot } }
      )
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('local sqlite:/// store is read-only')
      expect(run.stderr).toContain('Fix: point --tracking-uri')
    }
  })
})
