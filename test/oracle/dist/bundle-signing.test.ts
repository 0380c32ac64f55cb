/**
 * `check --sign-key` writes a DSSE envelope over the bundle's statement; `verify --key` checks
 * it, and securesystemslib (Python, .venvs/audit) verifies the same envelope independently,
 * for Ed25519 and ECDSA P-256. A signature by another key fails both.
 */
import { generateKeyPairSync } from 'node:crypto'
import { rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertBundleFresh, runCli } from '../../support/cli-runner.js'
import { pythonScript, runPythonAsync } from '../../support/python.js'
import { BLOCKED_NOW, checkWithBundle, scratch } from '../../support/bundle-fixture.js'

const ORACLE = pythonScript('verify_dsse.py')
let work: string

async function keyPair(name: string, type: 'ed25519' | 'ec'): Promise<{ privateKey: string; publicKey: string }> {
  const pair = type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const privateKey = path.join(work, `${name}.pem`)
  const publicKey = path.join(work, `${name}.pub.pem`)
  await writeFile(privateKey, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }))
  await writeFile(publicKey, pair.publicKey.export({ type: 'spki', format: 'pem' }))
  return { privateKey, publicKey }
}

async function oracle(
  bundle: string,
  publicKey: string
): Promise<{ verified: boolean; payload_matches: boolean; error: string | null }> {
  const stdout = await runPythonAsync('audit', [
    ORACLE,
    path.join(bundle, 'statement.dsse.json'),
    publicKey,
    path.join(bundle, 'statement.json')
  ])
  return JSON.parse(stdout) as { verified: boolean; payload_matches: boolean; error: string | null }
}

beforeAll(async () => {
  await assertBundleFresh()
  work = await scratch('signing')
})

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

describe.each(['ed25519', 'ec'] as const)('a %s signature', (type) => {
  it('verifies with aims-gate verify --key and with securesystemslib; another key fails both', async () => {
    const signer = await keyPair(`${type}-signer`, type)
    const other = await keyPair(`${type}-other`, type)
    const run = await checkWithBundle(work, `signed-${type}`, ['--now', BLOCKED_NOW, '--sign-key', signer.privateKey])
    expect(run.code, run.stderr).toBe(1)
    const good = await runCli(['verify', run.bundle, '--key', signer.publicKey], { cwd: work })
    expect(good.code, good.stderr).toBe(0)
    expect(good.stdout).toContain('ok  signature: statement.json is signed by the given key (DSSE)')
    expect(await oracle(run.bundle, signer.publicKey)).toEqual({ verified: true, payload_matches: true, error: null })

    const wrong = await runCli(['verify', run.bundle, '--key', other.publicKey], { cwd: work })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('MISMATCH statement.dsse.json')
    const independent = await oracle(run.bundle, other.publicKey)
    expect(independent.verified).toBe(false)
  })
})

it('refuses a key that is neither Ed25519 nor P-256 (exit 2) and writes no bundle', async () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const file = path.join(work, 'rsa.pem')
  await writeFile(file, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }))
  const run = await checkWithBundle(work, 'rsa', ['--now', BLOCKED_NOW, '--sign-key', file])
  expect(run.code).toBe(2)
  expect(run.stderr).toMatch(/only Ed25519 and ECDSA P-256 keys are accepted/)
  await expect(stat(run.bundle)).rejects.toThrow(/ENOENT/)
})

it('an unsigned bundle asked to verify against a key fails, naming the missing envelope', async () => {
  const key = await keyPair('unsigned-check', 'ed25519')
  const run = await checkWithBundle(work, 'unsigned', ['--now', BLOCKED_NOW])
  const check = await runCli(['verify', run.bundle, '--key', key.publicKey], { cwd: work })
  expect(check.code).toBe(1)
  expect(check.stderr).toContain(
    'MISMATCH statement.dsse.json: --key was given but the bundle has no statement.dsse.json'
  )
})
