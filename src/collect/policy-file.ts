/**
 * Reads a policy file from disk (the thin I/O edge); parsing and validation are pure
 * (`parsePolicy`). Without a path, the built-in baseline policy (`policies/default.yml`) is used.
 */
import { readFile } from 'node:fs/promises'
import { relative, resolve } from 'node:path'
import { invalid } from '../core/errors.js'
import { parsePolicy } from '../core/policy/parse-policy.js'
import type { Policy } from '../core/policy/types.js'
import { assetPath } from '../assets.js'

export const DEFAULT_POLICY_ASSET = 'policies/default.yml'

/** Loads and validates a policy; throws GateError `invalid` (exit 2) with one line per problem. */
export async function loadPolicyFile(path: string | undefined, cwd: string): Promise<Policy> {
  const absolute = path === undefined ? assetPath(DEFAULT_POLICY_ASSET) : resolve(cwd, path)
  // Messages name the file as the user wrote it (or the built-in name), never a machine path.
  const shown = path === undefined ? DEFAULT_POLICY_ASSET : relative(cwd, absolute) || path
  let text: string
  try {
    text = await readFile(absolute, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(error)})`
    throw invalid(`${shown}: policy file ${why}; fix: pass --policy with the path of a policy YAML file (or omit it to use ${DEFAULT_POLICY_ASSET})`, error)
  }
  return parsePolicy(text, shown)
}
