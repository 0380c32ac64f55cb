/**
 * Which policy governs a run (prepare stage): the base commit's on a pull request, never the
 * head's as a fallback; with `policy-ref: head`, the head's, and the base still compared.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PolicyAtRef, PolicyAtRefReader } from '../../../src/collect/policy-at-ref/policy-at-ref.js'
import { GateError, evidenceError } from '../../../src/core/errors.js'
import { PolicyError } from '../../../src/core/policy/policy-problems.js'
import { parseGateOptions } from '../../../src/pipeline/gate-options.js'
import { loadGoverningPolicy } from '../../../src/pipeline/governing-policy.js'

const SHA = 'ba5e000000000000000000000000000000000001'
const policy = (min: number) =>
  `version: 1\nname: gate\nprofiles:\n  p:\n    requirements:\n      - { id: auc, ` +
  `check: metric, metric: roc_auc, min: ${min}, controls: [A.6.2.4] }\n`

let cwd: string
beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'governing-'))
  await mkdir(path.join(cwd, 'policies'))
  await writeFile(path.join(cwd, 'policies', 'gate.yml'), policy(0.5))
})
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true })
})

const options = (extra: Record<string, unknown> = { policyPath: 'policies/gate.yml' }) =>
  parseGateOptions({ model: 'm', version: '1', ...extra }, (k) => k)

function readerOf(answer: (ref: string) => PolicyAtRef | Promise<PolicyAtRef>): PolicyAtRefReader & { calls: number } {
  const reader = {
    calls: 0,
    async read({ ref }: { ref: string }) {
      reader.calls++
      return answer(ref)
    }
  }
  return reader
}

const found = (text: string): PolicyAtRef => ({
  kind: 'found',
  text,
  commit: SHA,
  path: 'policies/gate.yml',
  via: 'github-api'
})
const absent: PolicyAtRef = { kind: 'absent', commit: SHA, path: 'policies/gate.yml', via: 'github-api' }

describe('loadGoverningPolicy', () => {
  it('on a pull request, the base commit’s policy governs and the head is compared with it', async () => {
    const reader = readerOf(() => found(policy(0.9)))
    const { policy: governing, governance } = await loadGoverningPolicy(options(), {
      cwd,
      pullRequestBase: { sha: SHA, governs: true, reader }
    })
    expect(governing.file).toBe(`policies/gate.yml@${SHA.slice(0, 12)}`)
    expect(governing.profiles.p!.requirements[0]).toMatchObject({ min: 0.9 })
    expect(governance.governing).toMatchObject({
      source: 'pull-request-base',
      commit: SHA,
      file: 'policies/gate.yml',
      sha256: governing.sha256
    })
    expect(governance.comparison).toMatchObject({
      status: 'compared',
      diff: { weakened: 1, entries: [{ subject: 'auc', field: 'min', base: '0.9', head: '0.5' }] }
    })
  })

  it('blocks when the base has no policy, naming both fixes, and never uses the head’s', async () => {
    const error = await loadGoverningPolicy(options(), {
      cwd,
      pullRequestBase: { sha: SHA, governs: true, reader: readerOf(() => absent) }
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GateError)
    expect((error as GateError).message).toMatch(
      new RegExp(
        "does not exist on the pull request's base commit ba5e00000000 .*fix: merge the" +
          ' policy to the base branch first, or set `policy-ref: head`'
      )
    )
  })

  it('blocks when the base cannot be read (GitHub failing), rather than use the head', async () => {
    const reader = readerOf(() => {
      throw evidenceError('GitHub failed')
    })
    await expect(
      loadGoverningPolicy(options(), { cwd, pullRequestBase: { sha: SHA, governs: true, reader } })
    ).rejects.toThrow('GitHub failed')
  })

  it('refuses an invalid base policy, naming it by commit', async () => {
    const error = await loadGoverningPolicy(options(), {
      cwd,
      pullRequestBase: { sha: SHA, governs: true, reader: readerOf(() => found('version: 2\n')) }
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PolicyError)
    expect((error as Error).message).toContain(`policies/gate.yml@${SHA.slice(0, 12)}`)
  })

  it('with policy-ref: head, the working tree governs and the base is still compared', async () => {
    const { policy: governing, governance } = await loadGoverningPolicy(options(), {
      cwd,
      pullRequestBase: { sha: SHA, governs: false, reader: readerOf(() => found(policy(0.9))) }
    })
    expect(governing.file).toBe('policies/gate.yml')
    expect(governance.governing.source).toBe('working-tree')
    expect(governance.comparison).toMatchObject({ status: 'compared', diff: { weakened: 1 } })
  })

  it('with policy-ref: head, a base that cannot be read or lacks the policy is stated, not fatal', async () => {
    const failing = readerOf(() => {
      throw evidenceError('HTTP 500')
    })
    const unread = await loadGoverningPolicy(options(), {
      cwd,
      pullRequestBase: { sha: SHA, governs: false, reader: failing }
    })
    expect(unread.governance.comparison).toEqual({
      status: 'unavailable',
      reason: "the base commit's policy could not be read or parsed: HTTP 500"
    })
    const added = await loadGoverningPolicy(options(), {
      cwd,
      pullRequestBase: { sha: SHA, governs: false, reader: readerOf(() => absent) }
    })
    expect(added.governance.comparison).toMatchObject({
      status: 'unavailable',
      reason: expect.stringMatching(/^the pull request adds the policy/)
    })
  })

  it('the built-in policy has nothing to do with the pull request’s base', async () => {
    const reader = readerOf(() => found(policy(0.9)))
    const { governance } = await loadGoverningPolicy(options({}), {
      cwd,
      pullRequestBase: { sha: SHA, governs: true, reader }
    })
    expect(governance).toMatchObject({ governing: { source: 'built-in', file: 'policies/default.yml' } })
    expect(governance.comparison).toBeUndefined()
    expect(reader.calls).toBe(0)
  })

  it('refuses --policy-ref without --policy', async () => {
    await expect(loadGoverningPolicy(options({ policyRef: 'main' }), { cwd })).rejects.toThrow(
      /--policy-ref main needs --policy FILE/
    )
  })

  it('--policy-ref reads through the git reader and compares the working tree', async () => {
    const gitReader = readerOf(() => ({ ...found(policy(0.5)), via: 'git' }))
    const { governance } = await loadGoverningPolicy(
      options({ policyPath: 'policies/gate.yml', policyRef: 'origin/main' }),
      { cwd, gitReader }
    )
    expect(governance.governing).toMatchObject({ source: 'git-ref', ref: 'origin/main', commit: SHA })
    expect(governance.comparison).toMatchObject({ status: 'compared', diff: { entries: [] } })
  })

  it('validates --policy-ref as a gate option', () => {
    expect(() => options({ policyRef: '-n' })).toThrow(/policyRef: must be a commit SHA, branch or tag/)
  })
})
