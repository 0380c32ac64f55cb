/**
 * Two `aims-gate promote` processes (dist/cli.js) started together for two passing versions of
 * one model, on real MLflow 2.x and 3.x servers, 20 times each: MLflow has no compare-and-set, so
 * the lease and the re-checks around the alias write (docs/promotion.md) must leave exactly one
 * success, a loser that exits 1 naming why, the alias on the winner's version and no lease left.
 * The settle delay is shortened for speed; the race itself is real (separate processes).
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/action-runner.js'
import { runCli } from '../support/cli-runner.js'
import { addVersion, createModel, readModel, versionTags, usePromotionWorkspace } from '../support/promotion-fixture.js'
import { servers } from '../support/servers.js'

const ROUNDS = 20
const suite = usePromotionWorkspace(ROOT, 'promotion-race')
const { workRoot } = suite

describe.each(servers().map((s) => [s.flavour, s] as const))(
  'concurrent promotions on the %s server',
  (_flavour, s) => {
    it(`leaves exactly one winner in ${ROUNDS} rounds of two simultaneous promotions`, {
      timeout: 600_000
    }, async () => {
      const outcomes: string[] = []
      for (let round = 0; round < ROUNDS; round++) {
        const model = await createModel(s, 'race')
        const a = await addVersion(s, model, 0.9)
        const b = await addVersion(s, model, 0.91)
        const promote = (version: string) =>
          runCli(
            [
              'promote',
              '--tracking-uri',
              s.uri,
              '--model',
              model,
              '--version',
              version,
              '--to',
              'champion',
              '--policy',
              'policy.yml',
              '--card-dir',
              path.join(workRoot, 'cards', version)
            ],
            {
              cwd: suite.workspace,
              env: { AIMS_GATE_PROMOTION_SETTLE_MS: '300', TMPDIR: workRoot }
            }
          )
        const [ra, rb] = await Promise.all([promote(a.version), promote(b.version)])
        const codes = [ra.code, rb.code].sort()
        expect(codes, `round ${round}: ${ra.stderr} | ${rb.stderr}`).toEqual([0, 1])
        const [winner, loser] = ra.code === 0 ? [a.version, rb] : [b.version, ra]
        expect(loser.stderr).toMatch(/Refused: (another promotion|alias "champion")/)
        const registered = await readModel(s, model)
        expect(registered.aliases.champion, `round ${round}`).toBe(winner)
        expect(registered.tags['aims.promotion.lease']).toBeUndefined()
        expect(registered.tags['aims.promotion.champion.history']).toBe(JSON.stringify([winner]))
        const loserVersion = winner === a.version ? b.version : a.version
        expect((await versionTags(s, model, loserVersion))['aims.promotion.champion.by']).toBeUndefined()
        outcomes.push(
          loser.stderr
            .split('\n')
            .find((l) => l.startsWith('Refused'))!
            .slice(0, 60)
        )
      }
      expect(outcomes).toHaveLength(ROUNDS)
    })
  }
)
