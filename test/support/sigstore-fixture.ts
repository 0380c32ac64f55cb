/**
 * Sigstore bundles made in the test run with @sigstore/mock: a fake Fulcio CA issues a short-lived
 * certificate for an ephemeral P-256 key (identity in the SAN, OIDC issuer in Fulcio's extension),
 * the key signs a DSSE envelope over the payload, and a fake timestamp authority countersigns the
 * signature, as GitHub's Sigstore instance does for actions/attest. The trusted root lists that CA
 * and TSA only. Everything is assembled here with node:crypto and the mock, never with the
 * project's code, so a forgery is built the way an attacker would build it.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { initializeCA, initializeTSA } from '@sigstore/mock'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
export const WORKFLOW_IDENTITY = 'https://github.com/acme/models/.github/workflows/release.yml@refs/heads/main'
const FULCIO_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8'
const SHA256_OID = '2.16.840.1.101.3.4.2.1'
const PAYLOAD_TYPE = 'application/vnd.in-toto+json'

type Ca = Awaited<ReturnType<typeof initializeCA>>
type Tsa = Awaited<ReturnType<typeof initializeTSA>>

export interface Authority {
  ca: Ca
  tsa: Tsa
}

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
const b64 = (bytes: ArrayBufferView | Buffer): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

/**
 * The mock stamps certificates and timestamps with the wall clock at millisecond precision while
 * X.509 validity keeps whole seconds, so a signature made near a second boundary could carry a
 * timestamp outside its certificate ("invalid time"). Fixed clocks, whole seconds after the
 * authority's own certificates, with the timestamp one second after the certificate, make every
 * bundle valid for the same reason a real one is: signed within the certificate's lifetime.
 */
export async function mockAuthority(): Promise<Authority> {
  const issued = new Date((Math.floor(Date.now() / 1000) + 3) * 1000)
  const stamped = new Date(issued.getTime() + 1000)
  return { ca: await initializeCA(p256(), undefined, issued), tsa: await initializeTSA(p256(), stamped) }
}

/** The authority's trusted root, as `gh attestation trusted-root` writes one (JSON). */
export function trustedRoot(authority: Authority): Record<string, unknown> {
  const validFor = { start: '2000-01-01T00:00:00Z' }
  return {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: 'https://fulcio.example',
        certChain: { certificates: [{ rawBytes: b64(authority.ca.rootCertificate) }] },
        validFor
      }
    ],
    ctlogs: [],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: 'https://tsa.example',
        certChain: {
          certificates: [
            { rawBytes: b64(authority.tsa.intCertificate) },
            { rawBytes: b64(authority.tsa.rootCertificate) }
          ]
        },
        validFor
      }
    ]
  }
}

const pae = (type: string, payload: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload])

/** A Sigstore bundle (v0.3 JSON) whose DSSE envelope signs `payload` as `identity` of `issuer`. */
export async function signWithSigstore(
  authority: Authority,
  payload: Buffer,
  identity = WORKFLOW_IDENTITY,
  issuer = GITHUB_ISSUER
): Promise<Record<string, unknown>> {
  const key = p256()
  const certificate = await authority.ca.issueCertificate({
    publicKey: key.publicKey.export({ type: 'spki', format: 'der' }),
    subjectAltName: identity,
    extensions: [{ oid: FULCIO_ISSUER_V2, value: issuer }]
  })
  const signature = sign('sha256', pae(PAYLOAD_TYPE, payload), { key: key.privateKey, dsaEncoding: 'der' })
  const timestamp = await authority.tsa.timestamp({
    artifactHash: createHash('sha256').update(signature).digest(),
    hashAlgorithmOID: SHA256_OID,
    nonce: 7,
    policyOID: '1.2.3.4',
    certReq: true
  })
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {
      certificate: { rawBytes: b64(certificate) },
      tlogEntries: [],
      timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: b64(timestamp) }] }
    },
    dsseEnvelope: {
      payload: payload.toString('base64'),
      payloadType: PAYLOAD_TYPE,
      signatures: [{ sig: signature.toString('base64'), keyid: '' }]
    }
  }
}

/**
 * The statement as actions/attest writes it from `subject-checksums` and `predicate-path`: the
 * same subjects and predicate as statement.json, in its own key and subject order.
 */
export function attestStatement(statement: {
  _type: string
  subject: unknown[]
  predicateType: string
  predicate: unknown
}): Buffer {
  const { _type, subject, predicateType, predicate } = statement
  return Buffer.from(JSON.stringify({ _type, subject: [...subject].reverse(), predicateType, predicate }))
}
