/**
 * The Sigstore step of `verify` at the command's edge: its options read and checked together
 * (exit 2 before the bundle is read), and the lines it prints. A signature by anyone is no
 * proof, so a run with no identity required says so on stdout and stderr.
 */
import path from 'node:path'
import type { Bundle } from '@sigstore/bundle'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { readSigstoreBundle, readTrustedRoot } from '../collect/read-sigstore-inputs.js'
import { invalid } from '../core/errors.js'
import type { IdentityExpectation, SigstoreSigner } from './verify-sigstore.js'

export interface SigstoreOptionValues {
  sigstoreBundlePath?: string | undefined
  trustedRootPath?: string | undefined
  certificateIdentity?: string | undefined
  certificateOidcIssuer?: string | undefined
}

export interface SigstoreInputs {
  bundle: Bundle
  root: TrustedRoot
  expected: IdentityExpectation
}

export async function readSigstoreInputs(
  values: SigstoreOptionValues,
  cwd: string
): Promise<SigstoreInputs | undefined> {
  const { sigstoreBundlePath: bundle, trustedRootPath: root, certificateIdentity, certificateOidcIssuer } = values
  if (bundle === undefined && root === undefined) {
    if (certificateIdentity !== undefined || certificateOidcIssuer !== undefined)
      throw invalid(
        '--certificate-identity and --certificate-oidc-issuer apply to a Sigstore bundle; ' +
          'fix: add --sigstore-bundle FILE --trusted-root FILE'
      )
    return undefined
  }
  if (bundle === undefined) throw invalid('--trusted-root needs --sigstore-bundle FILE, the bundle to verify with it')
  if (root === undefined)
    throw invalid(
      '--sigstore-bundle needs --trusted-root FILE (verification is offline); ' +
        'fix: gh attestation trusted-root > trusted_root.jsonl'
    )
  return {
    bundle: await readSigstoreBundle(path.resolve(cwd, bundle)),
    root: await readTrustedRoot(path.resolve(cwd, root)),
    expected: {
      ...(certificateIdentity === undefined ? {} : { identity: certificateIdentity }),
      ...(certificateOidcIssuer === undefined ? {} : { issuer: certificateOidcIssuer })
    }
  }
}

export function sigstoreLines(
  signer: SigstoreSigner,
  expected: IdentityExpectation
): { stdout: string[]; stderr: string[] } {
  const who = `${signer.identity} (issuer ${signer.issuer})`
  const stdout = [`ok  sigstore: statement.json is signed by ${who}, a certificate of the trusted root\n`]
  if (expected.identity !== undefined && expected.issuer !== undefined) {
    return { stdout: [...stdout, '    the signer is the identity and issuer required\n'], stderr: [] }
  }
  const missing = expected.identity === undefined ? '--certificate-identity' : '--certificate-oidc-issuer'
  const warning =
    `WARNING sigstore: no ${missing} was required, so this proves only that SOME holder of a certificate ` +
    `from the trusted root signed; check that ${who} is who you expect, or pass ${missing}\n`
  return { stdout: [...stdout, warning], stderr: [warning] }
}
