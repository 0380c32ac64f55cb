/**
 * The action's inputs (action.yml) read from the environment, the way the runner passes them:
 * `INPUT_<NAME>` with the name upper-cased and spaces turned into `_` (hyphens are kept, so
 * `tracking-uri` arrives as `INPUT_TRACKING-URI`). Pure, so it is tested without a runner.
 *
 * The runner sets every declared input, to "" when the workflow gives none and there is no
 * default; an empty (or blank) value therefore means "not given" and falls back to the same
 * default the CLI uses, instead of becoming an empty path or name.
 */
import { invalid } from '../../core/errors.js'
import type { Env } from '../../pipeline/ports.js'

/** Option key (GateOptions) → the action input it comes from, for messages. */
export const INPUT_NAMES: Record<string, string> = {
  trackingUri: 'tracking-uri',
  model: 'model',
  version: 'version',
  alias: 'alias',
  policyPath: 'policy',
  profile: 'profile',
  cardSourcePath: 'card-source',
  cardDir: 'card-dir',
  cardTemplatePath: 'card-template',
  reportPath: 'report',
  artifactsDestination: 'artifacts-destination',
  evalDataPath: 'eval-data',
  timeoutSeconds: 'timeout',
  deadlineSeconds: 'deadline',
  writeBack: 'write-back',
  promoteTo: 'promote-to'
}

/** `input "card-dir"`: how errors from `parseGateOptions` name an input. */
export function describeInput(key: string): string {
  return `input "${INPUT_NAMES[key] ?? key}"`
}

/** The variable the runner sets for an input (same rule as @actions/core getInput). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** The trimmed value, or undefined when the input is unset or blank. */
export function getOptionalInput(env: Env, name: string): string | undefined {
  const value = env[inputVariable(name)]?.trim()
  return value === undefined || value === '' ? undefined : value
}

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/**
 * A boolean input (YAML 1.2 core schema spellings, as @actions/core getBooleanInput), or
 * undefined when unset or blank. Anything else is refused rather than read as false.
 */
export function getOptionalBooleanInput(env: Env, name: string): boolean | undefined {
  const value = getOptionalInput(env, name)
  if (value === undefined) return undefined
  if (TRUE.includes(value)) return true
  if (FALSE.includes(value)) return false
  throw invalid(`input "${name}" is "${value}", which is not a boolean; fix: write '${name}: true' or '${name}: false'`)
}

export interface ActionInputs {
  /** Raw gate options, validated next by `parseGateOptions` (unset inputs are left out). */
  options: Record<string, unknown>
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

/** Reads every input of action.yml; an unusable value is a GateError naming the input. */
export function readActionInputs(env: Env): ActionInputs {
  const text = (name: string): string | undefined => getOptionalInput(env, name)
  const model = text('model')
  if (model === undefined) {
    throw invalid('input "model" is required; fix: add `model: <registered model name>` (or a models:/name@alias URI) under `with:`')
  }
  const seconds = (name: string, example: number): number | undefined => {
    const raw = text(name)
    const value = raw === undefined ? undefined : Number(raw)
    if (value !== undefined && !Number.isFinite(value)) {
      throw invalid(`input "${name}" is "${raw}", which is not a number of seconds; fix: e.g. ${name}: ${example}`)
    }
    return value
  }
  const raw: Record<string, unknown> = {
    model,
    version: text('version'),
    alias: text('alias'),
    trackingUri: text('tracking-uri'),
    policyPath: text('policy'),
    profile: text('profile'),
    cardSourcePath: text('card-source'),
    cardDir: text('card-dir'),
    cardTemplatePath: text('card-template'),
    reportPath: text('report'),
    artifactsDestination: text('artifacts-destination'),
    evalDataPath: text('eval-data'),
    timeoutSeconds: seconds('timeout', 30),
    deadlineSeconds: seconds('deadline', 600),
    writeBack: getOptionalBooleanInput(env, 'write-back'),
    promoteTo: text('promote-to')
  }
  const options = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined))
  const githubToken = text('github-token')
  const policyRef = text('policy-ref') ?? 'base'
  if (policyRef !== 'base' && policyRef !== 'head') {
    throw invalid(`input "policy-ref" is "${policyRef}"; fix: write 'policy-ref: base' (the pull request's base commit governs, the default) or 'policy-ref: head'`)
  }
  const inputs: ActionInputs = { options, comment: getOptionalBooleanInput(env, 'comment') ?? true, policyRef }
  if (githubToken !== undefined) inputs.githubToken = githubToken
  return inputs
}
