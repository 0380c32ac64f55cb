/**
 * `verify --sigstore-bundle FILE --trusted-root FILE`: the Sigstore bundle actions/attest made
 * over the statement, checked offline with @sigstore/verify against the given trusted root (the
 * certificate chains to one of its CAs, the DSSE signature verifies with the certificate's key, a
 * timestamp from the root's TSAs or logs vouches the certificate was valid when it signed; log
 * entries and SCTs are required as below). Then the signed payload must be
 * this bundle's statement, and the signer the identity asked for, when one was.
 */
import type { Bundle } from '@sigstore/bundle'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { PolicyError, toSignedEntity, toTrustMaterial, Verifier, type VerificationPolicy } from '@sigstore/verify'
import type { Finding } from '../core/bundle/check-digests.js'
import { IN_TOTO_PAYLOAD_TYPE } from '../core/bundle/dsse.js'
import { SIGSTORE_SUBJECT, signedStatementFindings } from '../core/bundle/signed-statement.js'
import type { Statement } from '../core/bundle/statement.js'

export interface IdentityExpectation {
  /** The certificate's subject alternative name (a workflow URI, an e-mail), exactly. */
  identity?: string
  /** The OIDC issuer recorded in the certificate (https://token.actions.githubusercontent.com). */
  issuer?: string
}

export interface SigstoreSigner {
  identity: string
  issuer: string
}

export type SigstoreCheck = { ok: true; signer: SigstoreSigner } | { ok: false; findings: Finding[] }

const fail = (message: string): SigstoreCheck => ({ ok: false, findings: [{ subject: SIGSTORE_SUBJECT, message }] })

export function verifySigstore(
  bundle: Bundle,
  root: TrustedRoot,
  statement: Statement,
  expected: IdentityExpectation
): SigstoreCheck {
  const content = bundle.content
  if (content.$case !== 'dsseEnvelope') return fail('it signs a message, not an in-toto statement')
  if (content.dsseEnvelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return fail(`it signs a ${content.dsseEnvelope.payloadType}, not an in-toto statement`)
  // A root may merge Sigstore instances (`gh attestation trusted-root`): public-good signatures
  // carry a log entry and SCTs, GitHub's private instance a TSA timestamp and neither. A trusted
  // timestamp is always required; logs are required when the root has some and the bundle does
  // not rely on a TSA.
  const tsa = (bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length ?? 0) > 0
  const verifier = new Verifier(toTrustMaterial(root), {
    tlogThreshold: root.tlogs.length > 0 && !tsa ? 1 : 0,
    ctlogThreshold: root.ctlogs.length > 0 && !tsa ? 1 : 0,
    timestampThreshold: 1
  })
  const policy: VerificationPolicy = {
    ...(expected.identity === undefined ? {} : { subjectAlternativeName: expected.identity }),
    ...(expected.issuer === undefined ? {} : { extensions: { issuer: expected.issuer } })
  }
  let entity: ReturnType<typeof toSignedEntity>
  try {
    entity = toSignedEntity(bundle)
  } catch (error) {
    return fail(`it cannot be read for verification (${message(error)})`)
  }
  // Who signed, read before the policy is applied, so a wrong identity is named in the refusal.
  let signer: SigstoreSigner
  try {
    const found = verifier.verify(entity)
    signer = {
      identity: found.identity?.subjectAlternativeName ?? '(none)',
      issuer: found.identity?.extensions?.issuer ?? '(none)'
    }
  } catch (error) {
    return fail(`its signature does not verify against the trusted root (${message(error)})`)
  }
  try {
    verifier.verify(entity, policy)
  } catch (error) {
    if (!(error instanceof PolicyError)) return fail(`its signature does not verify (${message(error)})`)
    const want = [
      expected.identity === undefined ? '' : `identity ${expected.identity}`,
      expected.issuer === undefined ? '' : `issuer ${expected.issuer}`
    ].filter(Boolean)
    return fail(`it was signed by ${signer.identity} (issuer ${signer.issuer}), not the required ${want.join(', ')}`)
  }
  const findings = signedStatementFindings(content.dsseEnvelope.payload, statement)
  return findings.length > 0 ? { ok: false, findings } : { ok: true, signer }
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? `${code}: ${text}` : text
}
