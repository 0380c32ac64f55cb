import { describe, expect, it } from 'vitest'
import { GateError } from '../../../src/core/errors.js'
import { writeBackToMlflow, type MlflowWriter } from '../../../src/publish/mlflow-writeback.js'
import { buildWritebackTags, MLFLOW_TAG_VALUE_MAX } from '../../../src/render/writeback-tags.js'
import { buildTraceability } from '../../../src/render/traceability.js'
import { VERSION } from '../../../src/version.js'
import { fixtureVerdict } from '../../support/card-fixtures.js'

const POLICY = { name: 'policies/credit.yml', sha256: 'd'.repeat(64), profile: 'production' }

function recordingWriter(failOn?: string): MlflowWriter & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    async setModelVersionTag(name, version, key, value) {
      if (key === failOn) throw new Error('403 Forbidden')
      calls.push(`tag ${name}/${version} ${key}=${value.slice(0, 20)}`)
    },
    async uploadRunArtifact(runId, path, bytes, contentType) {
      if (path === failOn) throw new Error('connection reset')
      calls.push(`artifact ${runId} ${path} ${bytes.length} ${contentType}`)
    }
  }
}

const tags = buildWritebackTags({
  verdict: fixtureVerdict(),
  policy: POLICY,
  reportSha256: 'r'.repeat(64),
  cardSha256: 'c'.repeat(64),
  checkedAt: '2026-11-27T12:00:05.000Z'
})
const files = [
  { name: '3.md', bytes: new TextEncoder().encode('# card'), contentType: 'text/markdown; charset=utf-8' },
  { name: '3.report.json', bytes: new TextEncoder().encode('{}'), contentType: 'application/json' }
]

describe('buildWritebackTags', () => {
  it('namespaces every key under aims.gate.', () => {
    expect(tags).toEqual({
      'aims.gate.verdict': 'fail',
      'aims.gate.blocking': 'fairness-gap',
      'aims.gate.policy': 'policies/credit.yml',
      'aims.gate.policy_sha256': 'd'.repeat(64),
      'aims.gate.profile': 'production',
      'aims.gate.report_sha256': 'r'.repeat(64),
      'aims.gate.card_sha256': 'c'.repeat(64),
      'aims.gate.checked_at': '2026-11-27T12:00:05.000Z',
      'aims.gate.tool_version': VERSION
    })
  })

  it('records the commit, repository and policy link when the run had them', () => {
    const trace = buildTraceability(
      { gitCommit: 'A'.repeat(40), repository: 'acme/models', serverUrl: 'https://github.com/' },
      'policies/credit.yml'
    )
    const withCommit = buildWritebackTags({
      verdict: fixtureVerdict(),
      policy: POLICY,
      reportSha256: 'r',
      cardSha256: 'c',
      checkedAt: 't',
      trace
    })
    expect(withCommit['aims.gate.commit']).toBe('a'.repeat(40))
    expect(withCommit['aims.gate.repository']).toBe('acme/models')
    expect(withCommit['aims.gate.policy_url']).toBe(
      `https://github.com/acme/models/blob/${'a'.repeat(40)}/policies/credit.yml`
    )
  })

  it('keeps every value under MLflow 2.x’s 5,000-character limit, stating the cut', () => {
    const verdict = { ...fixtureVerdict(), blocking: Array.from({ length: 2000 }, (_, i) => `requirement-${i}`) }
    const long = buildWritebackTags({
      verdict,
      policy: { ...POLICY, name: 'p'.repeat(10_000) },
      reportSha256: 'r',
      cardSha256: 'c',
      checkedAt: 't',
      runUrl: 'https://x/'.padEnd(6000, 'y')
    })
    for (const value of Object.values(long)) expect(value.length).toBeLessThan(5000)
    expect(MLFLOW_TAG_VALUE_MAX).toBeLessThan(5000)
    expect(long['aims.gate.blocking']).toMatch(/… \([\d,]+ characters cut\)$/)
  })
})

describe('writeBackToMlflow', () => {
  it('uploads the artifacts, then the tags, with the verdict tag last', async () => {
    const writer = recordingWriter()
    const result = await writeBackToMlflow(writer, { model: 'credit-risk', version: '3', runId: 'run1', tags, files })
    expect(writer.calls.slice(0, 2)).toEqual([
      'artifact run1 aims-gate/3.md 6 text/markdown; charset=utf-8',
      'artifact run1 aims-gate/3.report.json 2 application/json'
    ])
    expect(writer.calls.at(-1)).toBe('tag credit-risk/3 aims.gate.verdict=fail')
    expect(result.tags).toHaveLength(9)
    expect(result.artifacts).toEqual(['aims-gate/3.md', 'aims-gate/3.report.json'])
  })

  it('fails (never silently) and sets no tag when an upload fails', async () => {
    const writer = recordingWriter('aims-gate/3.report.json')
    const error = await writeBackToMlflow(writer, {
      model: 'credit-risk',
      version: '3',
      runId: 'run1',
      tags,
      files
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GateError)
    expect((error as GateError).exitCode).toBe(1)
    expect((error as GateError).message).toMatch(
      /uploading aims-gate\/3\.report\.json .*connection reset.*Nothing was tagged; already uploaded: aims-gate\/3\.md/
    )
    expect(writer.calls.some((c) => c.startsWith('tag'))).toBe(false)
  })

  it('fails naming what was written when a tag cannot be set', async () => {
    const writer = recordingWriter('aims.gate.profile')
    await expect(
      writeBackToMlflow(writer, { model: 'credit-risk', version: '3', runId: 'run1', tags, files })
    ).rejects.toThrow(
      new RegExp(
        String.raw`setting tag aims\.gate\.profile: 403 Forbidden\. Uploaded: aims-gate\/3\.md,` +
          String.raw` aims-gate\/3\.report\.json; tags set: aims\.gate\.blocking`
      )
    )
    expect(writer.calls.some((c) => c.includes('aims.gate.verdict'))).toBe(false)
  })

  it('refuses a version without a run', async () => {
    await expect(
      writeBackToMlflow(recordingWriter(), { model: 'm', version: '1', runId: undefined, tags, files })
    ).rejects.toThrow(/has no run/)
  })
})
