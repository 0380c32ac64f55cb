/**
 * The evidence bundle through what ships (dist/cli.js) on the example store: reruns with the
 * same clock are byte-identical, a bundle verifies in an empty folder with no MLflow, every
 * changed byte of every file makes `verify` exit 1 naming that file, and a blocked run's report
 * edited to "pass" and re-hashed everywhere fails the re-evaluation.
 */
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import {
  BLOCKED_NOW,
  PASSING_NOW,
  checkWithBundle,
  copyBundle,
  filesOf,
  scratch,
  sha256
} from '../support/bundle-fixture.js'

let work: string
let blocked: string
let passing: string

beforeAll(async () => {
  await assertBundleFresh()
  work = await scratch('bundle')
  const first = await checkWithBundle(work, 'blocked', ['--now', BLOCKED_NOW])
  expect(first.code, first.stderr).toBe(1)
  blocked = first.bundle
  const pass = await checkWithBundle(work, 'passing', ['--now', PASSING_NOW])
  expect(pass.code, pass.stderr).toBe(0)
  passing = pass.bundle
}, 120_000)

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

describe('byte-identical reruns', () => {
  it('gives the same bundle, card and report bytes for the same evidence and --now', async () => {
    const again = await checkWithBundle(work, 'blocked-again', ['--now', BLOCKED_NOW])
    expect(again.code).toBe(1)
    const a = await filesOf(blocked)
    const b = await filesOf(again.bundle)
    expect([...b.keys()]).toEqual([...a.keys()])
    for (const [name, bytes] of a) expect(b.get(name)?.equals(bytes), name).toBe(true)
    const cardsA = await filesOf(path.join(work, 'blocked-cards'))
    const cardsB = await filesOf(again.cards)
    expect(cardsA.size).toBe(3)
    for (const [name, bytes] of cardsA) expect(cardsB.get(name)?.equals(bytes), name).toBe(true)
    const report = JSON.parse((a.get('report.json') ?? Buffer.from('{}')).toString('utf8')) as { evaluatedAt: string }
    expect(report.evaluatedAt).toBe('2026-01-31T12:00:00.000Z')
  })

  it('takes the clock from SOURCE_DATE_EPOCH when --now is not given (a recent one)', async () => {
    // An hour ago: within the day SOURCE_DATE_EPOCH may lag the system clock.
    const seconds = Math.floor(Date.now() / 1000) - 3600
    const at = new Date(seconds * 1000).toISOString()
    const fixed = await checkWithBundle(work, 'epoch-now', ['--now', at])
    expect(fixed.code, fixed.stderr).not.toBe(2)
    const run = await checkWithBundle(work, 'epoch', [], { SOURCE_DATE_EPOCH: String(seconds) })
    expect(run.code).toBe(fixed.code)
    expect(run.stderr).toContain(`note: the clock is fixed at ${at} by SOURCE_DATE_EPOCH`)
    expect(
      (await readFile(path.join(run.bundle, 'report.json'))).equals(
        await readFile(path.join(fixed.bundle, 'report.json'))
      )
    ).toBe(true)
  })

  it('refuses a malformed clock, naming the input and the fix', async () => {
    const bad = await checkWithBundle(work, 'bad-now', ['--now', '31/01/2026'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--now "31\/01\/2026" is not an ISO 8601 time.*fix: e\.g\. --now 2026-01-31T12:00:00Z/)
    const epoch = await checkWithBundle(work, 'bad-epoch', [], { SOURCE_DATE_EPOCH: '1.5e9' })
    expect(epoch.code).toBe(2)
    expect(epoch.stderr).toMatch(/SOURCE_DATE_EPOCH "1\.5e9" is not a whole number of seconds.*fix:/)
  })

  it('refuses an unusable --sign-key before writing anything (exit 2)', async () => {
    const key = path.join(work, 'not-a-key.pem')
    await writeFile(key, 'not a key')
    const run = await checkWithBundle(work, 'bad-key', ['--now', BLOCKED_NOW, '--sign-key', key])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/the signing key .*not-a-key\.pem is not a readable PEM private key .*fix: openssl/)
    for (const folder of [run.bundle, run.cards]) {
      await expect(readFile(path.join(folder, 'report.json')), folder).rejects.toThrow(/ENOENT/)
    }
    await expect(filesOf(run.cards)).rejects.toThrow(/ENOENT/)
  })
})

describe('aims-gate verify', () => {
  it('verifies a bundle copied to an empty folder, with no MLflow and no tracking URI', async () => {
    for (const bundle of [blocked, passing]) {
      const alone = await copyBundle(bundle, await scratch('alone'))
      const run = await runCli(['verify', alone], { cwd: path.dirname(alone) })
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toMatch(/ok {2}digests: \d+ files agree/)
      expect(run.stdout).toContain('ok  re-evaluation: verdict')
      expect(run.stdout).toContain(`verdict ${bundle === passing ? 'pass' : 'fail'}`)
    }
  })

  it('exits 1 naming the file when any byte of any bundle file changes', async () => {
    const files = await filesOf(blocked)
    expect(files.size).toBeGreaterThanOrEqual(14)
    for (const [name, bytes] of files) {
      for (const at of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
        const copy = await copyBundle(blocked, work)
        const changed = Buffer.from(bytes)
        changed[at] = changed[at] === 0x20 ? 0x21 : 0x20
        await writeFile(path.join(copy, name), changed)
        const run = await runCli(['verify', copy], { cwd: work })
        expect(run.code, `${name}@${at}: ${run.stdout}${run.stderr}`).toBe(1)
        expect(run.stderr, `${name}@${at}`).toContain(`MISMATCH ${name}`)
        await rm(copy, { recursive: true, force: true })
      }
    }
  }, 300_000)

  it('fails the re-evaluation of a blocked run whose report was edited to pass and re-hashed everywhere', async () => {
    const copy = await copyBundle(blocked, work)
    const file = (name: string): string => path.join(copy, name)
    const report = JSON.parse(await readFile(file('report.json'), 'utf8')) as Record<string, unknown>
    expect(report.verdict).toBe('fail')
    const forged = `${JSON.stringify({ ...report, verdict: 'pass', blocking: [] }, null, 2)}\n`
    await writeFile(file('report.json'), forged)
    const statement = JSON.parse(await readFile(file('statement.json'), 'utf8')) as {
      subject: { name: string; digest: { sha256: string } }[]
      predicate: { verdict: string; files: Record<string, { sha256: string }> }
    }
    statement.predicate.verdict = 'pass'
    statement.predicate.files['report.json'] = { sha256: sha256(forged) }
    for (const subject of statement.subject) if (subject.name === 'report.json') subject.digest.sha256 = sha256(forged)
    const statementText = `${JSON.stringify(statement, null, 2)}\n`
    await writeFile(file('statement.json'), statementText)
    const manifest = JSON.parse(await readFile(file('manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string; size: number }[]
    }
    for (const entry of manifest.files) {
      const bytes = await readFile(file(entry.path))
      entry.sha256 = sha256(bytes)
      entry.size = bytes.length
    }
    await writeFile(file('manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    const run = await runCli(['verify', copy], { cwd: work })
    expect(run.code, run.stdout + run.stderr).toBe(1)
    expect(run.stdout).toContain('ok  digests')
    expect(run.stderr).toContain('MISMATCH report.json: report.json is not what the bundled evidence and policy give')
    expect(run.stderr).toContain('MISMATCH statement.json predicate.verdict')
  })

  it('exits 2 for a folder that is no bundle', async () => {
    const empty = path.join(work, 'empty')
    await mkdir(empty, { recursive: true })
    const none = await runCli(['verify', path.join(work, 'nothing-here')], { cwd: work })
    expect(none.code).toBe(2)
    const noManifest = await runCli(['verify', empty], { cwd: work })
    expect(noManifest.code).toBe(2)
    expect(noManifest.stderr).toContain('has no manifest.json')
  })
})
