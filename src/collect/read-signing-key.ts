/**
 * Reads a PEM key for the evidence bundle's DSSE signature (`--sign-key`, `verify --key`) and
 * refuses, as exit 2 naming the file and the fix, anything but Ed25519 and ECDSA P-256.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { keyAlgorithm } from '../core/bundle/dsse.js'
import { invalid } from '../core/errors.js'

const FIX = {
  private: 'openssl genpkey -algorithm ed25519 -out key.pem',
  public: 'openssl pkey -in key.pem -pubout -out key.pub.pem'
} as const

/** `name` is how the user gave the file (`--key`, `the signing key`), for the message. */
export async function readSigningKey(file: string, kind: 'private' | 'public', name: string): Promise<KeyObject> {
  let key: KeyObject
  try {
    const pem = await readFile(file)
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem)
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    throw invalid(`${name} ${file} is not a readable PEM ${kind} key (${why}); fix: ${FIX[kind]}`)
  }
  const algorithm = keyAlgorithm(key)
  if (algorithm !== 'ed25519' && algorithm !== 'ecdsa-p256')
    throw invalid(`${name} ${file} is ${algorithm}; fix: ${FIX[kind]}`)
  return key
}
