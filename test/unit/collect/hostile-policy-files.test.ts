/**
 * Hostile files given as the policy, card source or card template: each is refused with exit 2
 * (GateError invalid) naming the file and the fix, fast, and a FIFO never blocks the read.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCardSource } from '../../../src/collect/card-source-file.js'
import { loadPolicyFile, MAX_POLICY_BYTES } from '../../../src/collect/policy-file.js'
import { readInputFile } from '../../../src/collect/read-input-file.js'
import { GateError } from '../../../src/core/errors.js'
import { parsePolicy } from '../../../src/core/policy/parse-policy.js'
import { PolicyError } from '../../../src/core/policy/policy-problems.js'
import { loadCardTemplate } from '../../../src/publish/load-card-template.js'
import { billionLaughs, makeFifo, makeFolder, oversizedPolicy, UNDEFINED_ALIAS } from '../../support/hostile-files.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aims-gate-hostile-files-'))
  await writeFile(path.join(dir, 'laughs.yml'), billionLaughs())
  await writeFile(path.join(dir, 'alias.yml'), UNDEFINED_ALIAS)
  await writeFile(path.join(dir, 'big.yml'), oversizedPolicy(10 * 1024 * 1024))
  await writeFile(path.join(dir, 'big.md'), `## Intended use\n\n${'x'.repeat(MAX_POLICY_BYTES + 10)}\n`)
  makeFifo(path.join(dir, 'fifo.yml'))
  makeFifo(path.join(dir, 'fifo.md'))
  makeFifo(path.join(dir, 'fifo.hbs'))
  await makeFolder(path.join(dir, 'folder.yml'))
})
afterAll(async () => rm(dir, { recursive: true, force: true }))

async function refusal(promise: Promise<unknown>): Promise<GateError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(GateError)
  expect((error as GateError).exitCode).toBe(2)
  return error as GateError
}

describe('policy YAML anchors and aliases', () => {
  it('a billion-laughs policy is a policy problem naming the file and its line, quickly', () => {
    const started = performance.now()
    let error: unknown
    try {
      parsePolicy(billionLaughs(), 'laughs.yml')
    } catch (e) {
      error = e
    }
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(error).toBeInstanceOf(PolicyError)
    const problems = (error as PolicyError).problems
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 'laughs.yml', line: expect.any(Number) as number })
    expect(problems[0]?.message).toMatch(/billion laughs.*fix: write the values out/)
  })
  it('an alias without an anchor names the alias, its line and the fix', () => {
    expect(() => parsePolicy(UNDEFINED_ALIAS, 'alias.yml')).toThrow(PolicyError)
    try {
      parsePolicy(UNDEFINED_ALIAS, 'alias.yml')
    } catch (error) {
      expect((error as PolicyError).problems).toEqual([
        {
          file: 'alias.yml',
          line: 6,
          path: '',
          message: expect.stringMatching(
            /alias \*missing-controls refers to no anchor; fix: define &missing-controls/
          ) as string
        }
      ])
    }
  })
  it('an anchor reused many times, as people do for shared lists, still works', () => {
    const uses = Array.from(
      { length: 99 },
      (_, i) => `      - { id: r${i}, check: metric, metric: m${i}, min: 1, controls: *c }`
    )
    const policy = parsePolicy(
      `version: 1\nname: p\nprofiles:\n  a:\n    requirements:\n      - { id: x, ` +
        `check: metric, metric: m, min: 1, controls: &c [A.6.2.4, A.7.5] ` +
        `}\n${uses.join('\n')}\n`,
      'p.yml'
    )
    expect(policy.profiles.a?.requirements).toHaveLength(100)
    expect(policy.profiles.a?.requirements.every((r) => r.controls.join() === 'A.6.2.4,A.7.5')).toBe(true)
  })
})

describe('policy files that are not small regular files', () => {
  it.each([
    ['laughs.yml', /^laughs\.yml:\d+: YAML aliases expand/],
    ['alias.yml', /^alias\.yml:6: YAML alias \*missing-controls refers to no anchor/],
    ['fifo.yml', /^fifo\.yml: policy file is a named pipe \(FIFO\), not a regular file; fix: pass --policy/],
    ['folder.yml', /^folder\.yml: policy file is a directory, not a regular file; fix:/],
    ['big.yml', /^big\.yml: policy file is 10,485,\d+ bytes, over the limit of 1,048,576 bytes; fix: split it/],
    [
      '/dev/zero',
      new RegExp(
        String.raw`^\.\.\/.*dev\/zero: policy file is a character device, not a regular` +
          String.raw` file|^\/dev\/zero: policy file is a character device`
      )
    ]
  ])('%s is refused with exit 2 naming the file', async (file, message) => {
    const started = performance.now()
    const error = await refusal(loadPolicyFile(file, dir))
    expect(error.message).toMatch(message)
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})

describe('card sources and templates', () => {
  it('a FIFO or an oversized card source is exit 2, at the default path too', async () => {
    expect((await refusal(readCardSource('fifo.md', 'm', dir))).message).toMatch(
      /card source fifo\.md is a named pipe \(FIFO\), not a regular file; fix:/
    )
    expect((await refusal(readCardSource('big.md', 'm', dir))).message).toMatch(
      /card source big\.md is [\d,]+ bytes, over the limit of 1,048,576 bytes; fix: keep the card source to prose/
    )
    const repo = await mkdtemp(path.join(dir, 'repo-'))
    await makeFolder(path.join(repo, 'model-cards', 'm.md'))
    expect((await refusal(readCardSource(undefined, 'm', repo))).message).toMatch(
      /card source model-cards\/m\.md is a directory/
    )
  })
  it('a FIFO template is exit 2 naming it', async () => {
    expect(
      (
        await refusal(
          loadCardTemplate({ templatePath: 'fifo.hbs', cwd: dir, defaultDir: path.resolve('model-cards/default') })
        )
      ).message
    ).toMatch(/Card template fifo\.hbs is a named pipe \(FIFO\), not a regular file\. Fix:/)
  })
})

describe('readInputFile', () => {
  it('reads a file exactly at the limit and refuses one byte more', async () => {
    await writeFile(path.join(dir, 'exact'), 'x'.repeat(64))
    expect(await readInputFile(path.join(dir, 'exact'), 64)).toMatchObject({ kind: 'ok' })
    expect(await readInputFile(path.join(dir, 'exact'), 63)).toEqual({ kind: 'too-large', bytes: 64, maxBytes: 63 })
  })
  it('refuses a growing special file (/dev/urandom claims size 0) without reading it to the end', async () => {
    expect(await readInputFile('/dev/urandom', 1024)).toEqual({ kind: 'not-a-file', type: 'a character device' })
  })
})
