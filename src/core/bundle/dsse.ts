/**
 * DSSE v1 envelopes (https://github.com/secure-systems-lab/dsse/blob/master/envelope.md) with
 * node:crypto: Ed25519 (raw 64-byte signatures) or ECDSA P-256 with SHA-256 (DER signatures,
 * as securesystemslib and cosign write them). The key id is the hex SHA-256 of the public key's
 * DER SubjectPublicKeyInfo, so anyone holding the public key computes the same id.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import { z } from 'zod'

export const DSSE_FILE = 'statement.dsse.json'
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'

export const envelopeSchema = z.strictObject({
  payloadType: z.string(),
  payload: z.string(),
  signatures: z.array(z.strictObject({ keyid: z.string(), sig: z.string() })).min(1)
})

export type Envelope = z.infer<typeof envelopeSchema>

/** Pre-authentication encoding: what is actually signed. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8')
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload])
}

type Algorithm = 'ed25519' | 'ecdsa-p256'

/** The algorithm of a key, or a sentence saying why it cannot be used. */
export function keyAlgorithm(key: KeyObject): Algorithm | string {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519'
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256'
  const curve = key.asymmetricKeyDetails?.namedCurve
  const kind = `${key.asymmetricKeyType ?? 'unknown'}${curve ? ` (${curve})` : ''}`
  return `a ${kind} key; only Ed25519 and ECDSA P-256 keys are accepted`
}

export function keyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
}

/** Signs `payload`; the key must be one `keyAlgorithm` accepts (the caller checked it). */
export function signEnvelope(payload: Buffer, privateKey: KeyObject, payloadType = IN_TOTO_PAYLOAD_TYPE): Envelope {
  const algorithm = keyAlgorithm(privateKey)
  const message = pae(payloadType, payload)
  const sig =
    algorithm === 'ed25519'
      ? sign(null, message, privateKey)
      : sign('sha256', message, { key: privateKey, dsaEncoding: 'der' })
  return {
    payloadType,
    payload: payload.toString('base64'),
    signatures: [{ keyid: keyId(createPublicKey(privateKey)), sig: sig.toString('base64') }]
  }
}

export type EnvelopeCheck = { ok: true; payload: Buffer } | { ok: false; reason: string }

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** True when some signature of the envelope verifies with `publicKey` (its key id is not trusted). */
export function verifyEnvelope(envelope: Envelope, publicKey: KeyObject): EnvelopeCheck {
  const algorithm = keyAlgorithm(publicKey)
  if (algorithm !== 'ed25519' && algorithm !== 'ecdsa-p256') return { ok: false, reason: `the key is ${algorithm}` }
  if (!BASE64.test(envelope.payload)) return { ok: false, reason: 'the envelope payload is not base64' }
  const payload = Buffer.from(envelope.payload, 'base64')
  const message = pae(envelope.payloadType, payload)
  for (const signature of envelope.signatures) {
    if (!BASE64.test(signature.sig)) continue
    const sig = Buffer.from(signature.sig, 'base64')
    if (checkSignature(algorithm, message, publicKey, sig)) return { ok: true, payload }
  }
  return { ok: false, reason: `no signature in the envelope verifies with the key ${keyId(publicKey).slice(0, 16)}…` }
}

/** A malformed signature (bad DER) is a signature that does not verify, not an error. */
function checkSignature(algorithm: Algorithm, message: Buffer, publicKey: KeyObject, sig: Buffer): boolean {
  try {
    if (algorithm === 'ed25519') return verify(null, message, publicKey, sig)
    return verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, sig)
  } catch {
    return false
  }
}
