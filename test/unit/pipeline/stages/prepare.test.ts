/**
 * The prepare stage reads the bundle's signing key before anything is written: a key that cannot
 * sign (unreadable, not PEM, RSA) or one with no bundle to sign is exit 2, and the folder stays empty.
 */
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GateError } from '../../../../src/core/errors.js'
import { parseGateOptions, type GateOptions } from '../../../../src/pipeline/gate-options.js'
import { prepareRun } from '../../../../src/pipeline/stages/prepare.js'

const dir = mkdtempSync(join(tmpdir(), 'aims-gate-signkey-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const pem = (name: string, text: string | Buffer) => {
  writeFileSync(join(dir, name), text)
  return name
}
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' })
const ed25519 = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })
const files = { rsa: pem('rsa.pem', rsa), junk: pem('junk.pem', 'not a key'), good: pem('ed25519.pem', ed25519) }

const options = (extra: Partial<GateOptions>): GateOptions =>
  parseGateOptions({ model: 'm', version: '1', trackingUri: 'sqlite:///nowhere.db', ...extra }, (k) => k)

async function refusal(extra: Partial<GateOptions>): Promise<GateError> {
  const error = await prepareRun(options(extra), {}, dir).then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(GateError)
  return error as GateError
}

describe('--sign-key, read in prepare', () => {
  it.each([
    ['missing.pem', /the signing key .*missing\.pem is not a readable PEM private key .*fix: openssl genpkey/],
    [files.junk, /the signing key .*junk\.pem is not a readable PEM private key .*fix: openssl genpkey/],
    [files.rsa, /the signing key .*rsa\.pem is a rsa key; only Ed25519 and ECDSA P-256 .*fix: openssl genpkey/]
  ])('%s is exit 2 with nothing written', async (key, message) => {
    const error = await refusal({ signKeyPath: key, bundleDir: 'bundle' })
    expect(error.exitCode).toBe(2)
    expect(error.message).toMatch(message)
    expect(readdirSync(dir).sort()).toEqual(['ed25519.pem', 'junk.pem', 'rsa.pem'])
  })

  it('refuses a key without a bundle to sign', async () => {
    const error = await refusal({ signKeyPath: files.good })
    expect(error.exitCode).toBe(2)
    expect(error.message).toMatch(/signs the evidence bundle, which is not asked for; fix: give the bundle folder too/)
  })

  it('keeps a usable key for the publish stage', async () => {
    const prepared = await prepareRun(options({ signKeyPath: files.good, bundleDir: 'bundle' }), {}, dir)
    expect(prepared.signingKey?.asymmetricKeyType).toBe('ed25519')
    expect(readdirSync(dir)).not.toContain('bundle')
  })
})
