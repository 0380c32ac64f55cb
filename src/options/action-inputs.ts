/**
 * The action side of the option table: the inputs of action.yml read from the environment, the
 * way the runner passes them: `INPUT_<NAME>` with the name upper-cased and spaces turned into `_`
 * (hyphens are kept, so `tracking-uri` arrives as `INPUT_TRACKING-URI`). Pure, so it is tested
 * without a runner.
 *
 * The runner sets every declared input, to "" when the workflow gives none and there is no
 * default; an empty (or blank) value therefore means "not given" and falls back to the option's
 * environment variable or default, as on the command line, instead of becoming an empty path.
 */
import { z } from 'zod'
import { invalid } from '../core/errors.js'
import type { GateOptions } from '../pipeline/gate-options.js'
import { gateOptions } from './gate-values.js'
import type { OptionSpec } from './option-spec.js'
import { booleanValue, readOptions, type Env, type OptionSource } from './read-options.js'

/** The variable the runner sets for an input (same rule as @actions/core getInput). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** The trimmed value, or undefined when the input is unset or blank. */
export function getOptionalInput(env: Env, name: string): string | undefined {
  const value = env[inputVariable(name)]?.trim()
  return value === undefined || value === '' ? undefined : value
}

/** How the action names options in messages: `input "timeout"`, fixed with `timeout: 30`. */
const actionSource = (env: Env): OptionSource => ({
  get: (spec: OptionSpec) => (spec.input === undefined ? undefined : getOptionalInput(env, spec.input)),
  name: (spec: OptionSpec) => `input "${spec.input ?? ''}"`,
  usage: (spec: OptionSpec, value: string) => `${spec.input ?? ''}: ${value}`
})

/**
 * A boolean input (YAML 1.2 core schema spellings, as @actions/core getBooleanInput), or
 * undefined when unset or blank. Anything else is refused rather than read as false.
 */
export function getOptionalBooleanInput(env: Env, name: string): boolean | undefined {
  const value = getOptionalInput(env, name)
  if (value === undefined) return undefined
  const spec: OptionSpec = { input: name, kind: 'boolean', schema: z.boolean(), help: '', commands: ['action'] }
  return booleanValue(value, spec, actionSource(env))
}

export interface ActionInputs {
  /** The gate's options, checked. */
  options: GateOptions
  /** Token for the GitHub API; absent = the GitHub features report why they did nothing. */
  githubToken?: string
  /** Post/update the sticky PR comment (default true). */
  comment: boolean
  /**
   * On pull requests, which version of the policy governs: the base commit's (default) or the
   * head's. Not a GateOption: it picks the pull request's base, which only the action knows.
   */
  policyRef: 'base' | 'head'
}

/** Reads every input of action.yml, once; an unusable value is a GateError naming the input. */
export function readActionInputs(env: Env): ActionInputs {
  const { githubToken, comment, policySide, ...values } = readOptions('action', actionSource(env), env)
  if (values.model === undefined) {
    throw invalid(
      'input "model" is required; fix: add `model: <registered model name>` (or a models:/name@alias URI) under `with:`'
    )
  }
  const inputs: ActionInputs = { options: gateOptions(values, values.model), comment, policyRef: policySide }
  if (githubToken !== undefined) inputs.githubToken = githubToken
  return inputs
}
