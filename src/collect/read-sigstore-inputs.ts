/**
 * Reads the Sigstore inputs of `verify`: the bundle `actions/attest` wrote (JSON, or JSON Lines
 * holding exactly one bundle, as `gh attestation download` writes) and the trusted root (JSON, or
 * JSON Lines whose roots are merged, as `gh attestation trusted-root` prints them). An input that
 * cannot be used is a `GateError` (exit 2) naming the file and the fix, never a pass.
 */
import { bundleFromJSON, type Bundle } from '@sigstore/bundle'
import { TrustedRoot } from '@sigstore/protobuf-specs'
import { invalid } from '../core/errors.js'
import { describeInputProblem, readInputFile } from './read-input-file.js'

/** Bundles and trusted roots are a few kilobytes; a larger file is not one. */
const MAX_BYTES = 16 * 1024 * 1024
const TRUSTED_ROOT_MEDIA = /^application\/vnd\.dev\.sigstore\.trustedroot(\.v0\.\d+)?\+json/

async function jsonDocuments(file: string, name: string, fix: string): Promise<unknown[]> {
  const read = await readInputFile(file, MAX_BYTES)
  if (read.kind !== 'ok') throw invalid(`${name} ${file} ${describeInputProblem(read)}; fix: ${fix}`)
  const text = read.bytes.toString('utf8').trim()
  if (text === '') throw invalid(`${name} ${file} is empty; fix: ${fix}`)
  try {
    return [JSON.parse(text) as unknown]
  } catch {
    // Not one JSON document: JSON Lines, one document a line.
  }
  try {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown)
  } catch {
    throw invalid(`${name} ${file} is not JSON (nor JSON Lines); fix: ${fix}`)
  }
}

export async function readSigstoreBundle(file: string): Promise<Bundle> {
  const name = '--sigstore-bundle'
  const fix = 'give the file of the bundle-path output of actions/attest, or one `gh attestation download` wrote'
  const documents = await jsonDocuments(file, name, fix)
  if (documents.length !== 1)
    throw invalid(
      `${name} ${file} holds ${documents.length} bundles; fix: keep the one line of this bundle's attestation`
    )
  let bundle: Bundle
  try {
    bundle = bundleFromJSON(documents[0])
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw invalid(`${name} ${file} is not a Sigstore bundle (${why}); fix: ${fix}`)
  }
  if (bundle.content.$case !== 'dsseEnvelope')
    throw invalid(`${name} ${file} signs a message, not an in-toto statement (DSSE); fix: ${fix}`)
  return bundle
}

export async function readTrustedRoot(file: string): Promise<TrustedRoot> {
  const name = '--trusted-root'
  const fix = 'give a Sigstore trusted root, e.g. the output of `gh attestation trusted-root`'
  const roots = (await jsonDocuments(file, name, fix)).map((document) => {
    const media = (document as { mediaType?: unknown } | null)?.mediaType
    if (typeof media !== 'string' || !TRUSTED_ROOT_MEDIA.test(media))
      throw invalid(`${name} ${file} is not a Sigstore trusted root (no trustedroot mediaType); fix: ${fix}`)
    try {
      return TrustedRoot.fromJSON(document)
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      throw invalid(`${name} ${file} is not a Sigstore trusted root (${why}); fix: ${fix}`)
    }
  })
  const merged: TrustedRoot = {
    mediaType: roots[0]!.mediaType,
    tlogs: roots.flatMap((r) => r.tlogs),
    certificateAuthorities: roots.flatMap((r) => r.certificateAuthorities),
    ctlogs: roots.flatMap((r) => r.ctlogs),
    timestampAuthorities: roots.flatMap((r) => r.timestampAuthorities)
  }
  if (merged.certificateAuthorities.length === 0)
    throw invalid(`${name} ${file} lists no certificate authority, so no certificate can chain to it; fix: ${fix}`)
  return merged
}
