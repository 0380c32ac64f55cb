/**
 * The registry walk over an answering fake: a model whose versions span two pages is judged once
 * with all of them, a model without versions is still listed, and versions of an already judged
 * model arriving later (the registry changed mid-read) stop the run instead of judging it twice.
 */
import { describe, expect, it } from 'vitest'
import { collectPosture } from '../../../../src/collect/posture/collect-registry.js'
import { InFlightLimit } from '../../../../src/collect/posture/in-flight.js'
import type {
  ModelVersionJson,
  PostureRegistryReader,
  RegisteredModelJson
} from '../../../../src/collect/posture/registry-rest.js'
import type { PostureContext } from '../../../../src/core/posture/collected.js'

const ctx: PostureContext = {
  now: new Date('2026-06-15T12:00:00Z'),
  trackingUri: 'http://mlflow.example',
  toolVersion: '0.1.0',
  aliases: [],
  approvalMaxAgeDays: 90
}
const rm = (name: string): RegisteredModelJson => ({ name, tags: [], aliases: [] })
const mv = (name: string, version: string): ModelVersionJson => ({ name, version, tags: [], aliases: [] })

function reader(models: RegisteredModelJson[], pages: ModelVersionJson[][]) {
  const fake = {
    requestCount: 0,
    modelPage: async () => ({ models }),
    versionPage: async (token: string | undefined) => {
      const index = token === undefined ? 0 : Number(token)
      const next = index + 1 < pages.length ? String(index + 1) : undefined
      return next === undefined ? { versions: pages[index] ?? [] } : { versions: pages[index] ?? [], next }
    },
    listRunFolder: async () => [],
    readRunArtifact: async () => new Uint8Array()
  }
  return fake as unknown as PostureRegistryReader
}

describe('collectPosture', () => {
  it('judges a model whose versions span pages once, with all of them, and lists models without versions', async () => {
    const results = await collectPosture({
      reader: reader(
        [rm('a'), rm('b'), rm('empty')],
        [
          [mv('a', '2'), mv('a', '1')],
          [mv('a', '0'), mv('b', '1')]
        ]
      ),
      limit: new InFlightLimit(2),
      ctx
    })
    const byName = Object.fromEntries(results.map((r) => [r.posture.name, r.posture.versions.map((v) => v.version)]))
    expect(byName).toEqual({ a: ['2', '1', '0'], b: ['1'], empty: [] })
  })

  it('stops (exit 1) when a judged model reappears later in the stream', async () => {
    const pages = [[mv('a', '1'), mv('b', '1')], [mv('a', '2')]]
    await expect(
      collectPosture({ reader: reader([rm('a'), rm('b')], pages), limit: new InFlightLimit(2), ctx })
    ).rejects.toMatchObject({ kind: 'evidence', message: expect.stringMatching(/out of order/) })
  })
})
