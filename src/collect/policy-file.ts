/**
 * Reads a policy file from disk (the thin I/O edge); parsing and validation are pure
 * (`parsePolicy`). Without a path, the built-in baseline policy (`policies/default.yml`) is used.
 */
import { relative, resolve } from 'node:path'
import { invalid } from '../core/errors.js'
import { parsePolicy, type ParseOptions } from '../core/policy/parse-policy.js'
import type { Policy } from '../core/policy/types.js'
import { assetPath } from '../assets.js'
import { shippedPacks } from './policy-packs.js'
import { describeInputProblem, readInputFile } from './read-input-file.js'

export const DEFAULT_POLICY_ASSET = 'policies/default.yml'

/** Policies larger than this are refused unread: a policy is a page of YAML, not data. */
export const MAX_POLICY_BYTES = 1024 * 1024

/** Loads and validates a policy; throws GateError `invalid` (exit 2) with one line per problem. */
export async function loadPolicyFile(
  path: string | undefined,
  cwd: string,
  // `policy validate FILE` takes the path as an argument, `check` as --policy: the fix names what was used.
  given: 'option' | 'argument' = 'option',
  parse: ParseOptions = {}
): Promise<Policy> {
  const absolute = path === undefined ? assetPath(DEFAULT_POLICY_ASSET) : resolve(cwd, path)
  // Messages name the file as the user wrote it (or the built-in name), never a machine path.
  const shown = path === undefined ? DEFAULT_POLICY_ASSET : relative(cwd, absolute) || path
  const read = await readInputFile(absolute, MAX_POLICY_BYTES)
  if (read.kind !== 'ok') {
    const fix =
      read.kind === 'too-large'
        ? `split it or remove what is not policy (the limit is ${MAX_POLICY_BYTES / 1024 / 1024} MiB)`
        : given === 'argument'
          ? 'check the path (relative to the working directory) of the policy YAML file'
          : `pass --policy with the path of a policy YAML file (or omit it to use ${DEFAULT_POLICY_ASSET})`
    throw invalid(`${shown}: policy file ${describeInputProblem(read)}; fix: ${fix}`)
  }
  const text = read.bytes.toString('utf8')
  return parsePolicy(text, shown, { packs: shippedPacks(), ...parse })
}
