/**
 * `verify --sigstore-bundle --trusted-root` through what ships (dist/cli.js), offline: a Sigstore
 * bundle made in the test run with @sigstore/mock (fake Fulcio CA and timestamp authority) over
 * the statement as actions/attest writes it verifies against the mock's trusted root and names
 * the signer; forgeries exit 1 naming the problem; unusable inputs exit 2.
 */
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSING_NOW, checkWithBundle, copyBundle, scratch, sha256 } from '../support/bundle-fixture.js'
import { assertBundleFresh, runCli } from '../support/cli-runner.js'
import {
  attestStatement,
  type Authority,
  GITHUB_ISSUER,
  mockAuthority,
  signWithSigstore,
  trustedRoot,
  WORKFLOW_IDENTITY
} from '../support/sigstore-fixture.js'

interface StatementJson {
  _type: string
  subject: { name: string; digest: { sha256: string } }[]
  predicateType: string
  predicate: Record<string, unknown> & { files: Record<string, { sha256: string }> }
}

let work: string
let bundle: string
let statement: StatementJson
let authority: Authority
let rootFile: string
let goodFile: string

async function writeJson(name: string, value: unknown): Promise<string> {
  const file = path.join(work, name)
  await writeFile(file, JSON.stringify(value))
  return file
}

function verify(dir: string, sigstore: string, root: string, extra: string[] = []) {
  return runCli(['verify', dir, '--sigstore-bundle', sigstore, '--trusted-root', root, ...extra], { cwd: work })
}

const IDENTITY = ['--certificate-identity', WORKFLOW_IDENTITY, '--certificate-oidc-issuer', GITHUB_ISSUER]

beforeAll(async () => {
  await assertBundleFresh()
  work = await scratch('sigstore')
  const run = await checkWithBundle(work, 'passing', ['--now', PASSING_NOW])
  expect(run.code, run.stderr).toBe(0)
  bundle = run.bundle
  statement = JSON.parse(await readFile(path.join(bundle, 'statement.json'), 'utf8')) as StatementJson
  authority = await mockAuthority()
  rootFile = await writeJson('trusted_root.json', trustedRoot(authority))
  goodFile = await writeJson('good.sigstore.json', await signWithSigstore(authority, attestStatement(statement)))
}, 120_000)

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

describe('a Sigstore bundle made by the mock over the statement', () => {
  it('verifies against the trusted root and names the signer it was required to be', async () => {
    const run = await verify(bundle, goodFile, rootFile, IDENTITY)
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toContain(
      `ok  sigstore: statement.json is signed by ${WORKFLOW_IDENTITY} (issuer ${GITHUB_ISSUER})`
    )
    expect(run.stdout).toContain('the signer is the identity and issuer required')
    expect(run.stdout + run.stderr).not.toContain('WARNING')
    expect(run.stdout).toMatch(/^verified: /m)
  })

  it('says loudly that a signature by anyone is no proof when no identity is required', async () => {
    const run = await verify(bundle, goodFile, rootFile)
    expect(run.code).toBe(0)
    for (const out of [run.stdout, run.stderr]) {
      expect(out).toContain('WARNING sigstore: no --certificate-identity was required')
      expect(out).toContain(WORKFLOW_IDENTITY)
    }
  })

  it('reads a JSON Lines file holding the one bundle (gh attestation download)', async () => {
    const line = `${(await readFile(goodFile, 'utf8')).trim()}\n`
    const run = await verify(bundle, await writeJsonl('one.jsonl', line), rootFile, IDENTITY)
    expect(run.code, run.stderr).toBe(0)
  })
})

async function writeJsonl(name: string, text: string): Promise<string> {
  const file = path.join(work, name)
  await writeFile(file, text)
  return file
}

describe('forgeries: exit 1 naming the problem', () => {
  it('refuses a bundle whose report and statement were changed after signing (re-hashed everywhere)', async () => {
    const copy = await copyBundle(bundle, work)
    const file = (name: string): string => path.join(copy, name)
    const forged = (await readFile(file('report.json'), 'utf8')).replace('"profile"', '"profile" ')
    await writeFile(file('report.json'), forged)
    const changed = structuredClone(statement)
    changed.predicate.files['report.json'] = { sha256: sha256(forged) }
    for (const subject of changed.subject) if (subject.name === 'report.json') subject.digest.sha256 = sha256(forged)
    await writeFile(file('statement.json'), `${JSON.stringify(changed, null, 2)}\n`)
    const manifest = JSON.parse(await readFile(file('manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string; size: number }[]
    }
    for (const entry of manifest.files) {
      const bytes = await readFile(file(entry.path))
      entry.sha256 = sha256(bytes)
      entry.size = bytes.length
    }
    await writeFile(file('manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    const run = await verify(copy, goodFile, rootFile, IDENTITY)
    expect(run.code, run.stdout + run.stderr).toBe(1)
    expect(run.stdout).toContain('ok  digests')
    expect(run.stderr).toMatch(/MISMATCH sigstore bundle: the digests of report\.json .*changed after signing/)
  })

  it('refuses a signed payload changed after signing (the signature no longer verifies)', async () => {
    const good = JSON.parse(await readFile(goodFile, 'utf8')) as { dsseEnvelope: { payload: string } }
    const changed = { ...statement, predicate: { ...statement.predicate, verdict: 'fail' } }
    good.dsseEnvelope.payload = attestStatement(changed).toString('base64')
    const run = await verify(bundle, await writeJson('tampered.json', good), rootFile, IDENTITY)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/MISMATCH sigstore bundle: its signature does not verify against the trusted root/)
  })

  it('refuses a signature with no trusted time (the timestamp stripped)', async () => {
    const good = JSON.parse(await readFile(goodFile, 'utf8')) as { verificationMaterial: Record<string, unknown> }
    good.verificationMaterial.timestampVerificationData = { rfc3161Timestamps: [] }
    const run = await verify(bundle, await writeJson('untimed.json', good), rootFile, IDENTITY)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/its signature does not verify against the trusted root \(.*timestamp/)
  })

  it('refuses a validly signed statement that is a different one (another predicate)', async () => {
    const other = { ...statement, predicate: { ...statement.predicate, profile: 'staging' } }
    const signed = await signWithSigstore(authority, attestStatement(other))
    const run = await verify(bundle, await writeJson('different.json', signed), rootFile, IDENTITY)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/MISMATCH sigstore bundle: it signs a different statement than statement\.json/)
  })

  it('refuses a validly signed statement of another predicate type over the same subjects', async () => {
    const provenance = { ...statement, predicateType: 'https://slsa.dev/provenance/v1' }
    const signed = await signWithSigstore(authority, attestStatement(provenance))
    const run = await verify(bundle, await writeJson('provenance.json', signed), rootFile, IDENTITY)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('it signs a statement of another type (https://slsa.dev/provenance/v1)')
  })

  it('refuses the attestation of another artifact', async () => {
    const another = {
      ...statement,
      subject: [{ name: 'models:/other-model/1/model.onnx', digest: { sha256: 'a'.repeat(64) } }]
    }
    const signed = await signWithSigstore(authority, attestStatement(another))
    const run = await verify(bundle, await writeJson('another.json', signed), rootFile, IDENTITY)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/it signs a statement about other artifacts \(models:\/other-model\/1\/model\.onnx\)/)
  })

  it('refuses a bundle verified against a trusted root that did not issue its certificate', async () => {
    const stranger = await writeJson('stranger_root.json', trustedRoot(await mockAuthority()))
    const run = await verify(bundle, goodFile, stranger, IDENTITY)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/MISMATCH sigstore bundle: its signature does not verify against the trusted root/)
  })

  it('refuses a signer other than the identity or issuer required, naming who signed', async () => {
    const other = 'https://github.com/mallory/fork/.github/workflows/release.yml@refs/heads/main'
    const signed = await writeJson('mallory.json', await signWithSigstore(authority, attestStatement(statement), other))
    const run = await verify(bundle, signed, rootFile, IDENTITY)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`it was signed by ${other} (issuer ${GITHUB_ISSUER}), not the required identity`)
    const issuer = await verify(bundle, goodFile, rootFile, ['--certificate-oidc-issuer', 'https://accounts.example'])
    expect(issuer.code).toBe(1)
    expect(issuer.stderr).toContain('not the required issuer https://accounts.example')
  })
})

describe('unusable inputs: exit 2', () => {
  it.each([
    ['malformed JSON', 'broken.json', '{"mediaType": ', /--sigstore-bundle .* is not JSON/],
    ['not a bundle', 'empty-object.json', '{}', /--sigstore-bundle .* is not a Sigstore bundle/],
    ['two bundles in one file', 'two.jsonl', 'TWO', /holds 2 bundles/]
  ])('%s', async (_name, file, text, message) => {
    const body = text === 'TWO' ? `${(await readFile(goodFile, 'utf8')).trim()}\n`.repeat(2) : text
    const run = await verify(bundle, await writeJsonl(file, body), rootFile)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
  })

  it('a missing file, a trusted root that is not one, and half the options', async () => {
    const missing = await verify(bundle, path.join(work, 'nowhere.json'), rootFile)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/--sigstore-bundle .*nowhere\.json does not exist/)
    const notRoot = await verify(bundle, goodFile, goodFile)
    expect(notRoot.code).toBe(2)
    expect(notRoot.stderr).toMatch(/--trusted-root .* is not a Sigstore trusted root/)
    const half = await runCli(['verify', bundle, '--sigstore-bundle', goodFile], { cwd: work })
    expect(half.code).toBe(2)
    expect(half.stderr).toContain('--sigstore-bundle needs --trusted-root FILE')
    const alone = await runCli(['verify', bundle, '--certificate-identity', WORKFLOW_IDENTITY], { cwd: work })
    expect(alone.code).toBe(2)
  })
})
