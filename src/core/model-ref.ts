/**
 * Which registered model version the user means: `--model NAME --version N`, `--model NAME --alias A`,
 * or a model URI (`models:/NAME/3`, `models:/NAME@champion`) given to `--model`.
 * Pure: parsing and validation only, so every entry (CLI, Action) rejects bad input the same way.
 */
import { invalid } from './errors.js'

/** Exactly one of `version` / `alias` is set. */
export interface ModelRef {
  model: string
  version?: string
  alias?: string
}

export interface ModelRefInput {
  model?: string | undefined
  version?: string | undefined
  alias?: string | undefined
}

// MLflow's alias rule (mlflow/utils/validation.py): word characters and dashes, at most 255.
const ALIAS = /^[\w-]{1,255}$/
const VERSION = /^[1-9]\d{0,17}$/
// `latest` and `v<digits>` are reserved by MLflow and cannot be set as aliases.
const RESERVED_ALIAS = /^(latest|v\d+)$/i

/** Formats a reference the way MLflow writes it: `models:/name/3` or `models:/name@alias`. */
export function formatModelRef(ref: ModelRef): string {
  return ref.version !== undefined ? `models:/${ref.model}/${ref.version}` : `models:/${ref.model}@${ref.alias ?? ''}`
}

/** Parses `models:/name/3` or `models:/name@alias`; throws GateError('invalid') naming the fix. */
export function parseModelUri(uri: string): ModelRef {
  const body = uri.trim().replace(/^models:\/+/, '')
  if (!uri.trim().startsWith('models:/') || body === '') {
    throw invalid(
      `Model URI "${uri}" is not a registered-model URI. Fix: write models:/NAME/VERSION or models:/NAME@ALIAS.`
    )
  }
  if (/^m-[0-9a-f]{32}$/.test(body)) {
    throw invalid(
      `Model URI "${uri}" names an MLflow logged model, not a registered model ` +
        `version. Fix: register it and pass models:/NAME/VERSION or models:/NAME@ALIAS.`
    )
  }
  const at = body.lastIndexOf('@')
  if (at >= 0) {
    return validated({ model: body.slice(0, at), alias: body.slice(at + 1) }, uri)
  }
  const slash = body.lastIndexOf('/')
  if (slash < 0) {
    throw invalid(
      `Model URI "${uri}" names no version or alias. Fix: write models:/${body}/VERSION or models:/${body}@ALIAS.`
    )
  }
  const model = body.slice(0, slash)
  const version = body.slice(slash + 1)
  if (!VERSION.test(version)) {
    // Stages (`Production`) and `latest` are deliberately not supported: a gate must name one version.
    throw invalid(
      `Model URI "${uri}" selects "${version}", which is not a version number; stages ` +
        `and "latest" are not supported because a gate must judge one fixed version. ` +
        `Fix: write models:/${model}/VERSION or models:/${model}@ALIAS.`
    )
  }
  return validated({ model, version }, uri)
}

/**
 * Combines `--model`, `--version` and `--alias` into one reference. `--model` may itself be a
 * `models:/` URI, in which case `--version`/`--alias` must not also be given.
 */
export function resolveModelRef(input: ModelRefInput): ModelRef {
  const model = input.model?.trim() ?? ''
  const version = input.version?.trim()
  const alias = input.alias?.trim()
  if (model === '') {
    throw invalid(
      'No model given. Fix: pass --model NAME with --version N or --alias A, or --model models:/NAME@ALIAS.'
    )
  }
  if (model.startsWith('models:')) {
    if (version !== undefined || alias !== undefined) {
      throw invalid(
        `--model ${model} already selects a version, and --version/--alias was also ` +
          `given. Fix: pass either a models:/ URI or --model NAME with one of ` +
          `--version/--alias.`
      )
    }
    return parseModelUri(model)
  }
  if ((version === undefined) === (alias === undefined)) {
    const given =
      version === undefined ? 'neither --version nor --alias was given' : 'both --version and --alias were given'
    throw invalid(`Model "${model}": ${given}. Fix: pass exactly one of --version N or --alias A.`)
  }
  const what = `--model ${model} ${version !== undefined ? `--version ${version}` : `--alias ${alias ?? ''}`}`
  return validated(version !== undefined ? { model, version } : { model, alias: alias as string }, what)
}

function validated(ref: ModelRef, asked: string): ModelRef {
  if (ref.model.trim() === '' || ref.model !== ref.model.trim()) {
    throw invalid(`"${asked}" has an empty or padded model name. Fix: give the registered model's exact name.`)
  }
  if (ref.version !== undefined && !VERSION.test(ref.version)) {
    throw invalid(
      `"${asked}": version "${ref.version}" is not a positive whole number. Fix: pass ` +
        `the version number shown in the MLflow registry, e.g. --version 3.`
    )
  }
  if (ref.alias !== undefined) {
    if (!ALIAS.test(ref.alias)) {
      throw invalid(
        `"${asked}": alias "${ref.alias}" is not a valid MLflow alias (letters, digits, ` +
          `_ and -, at most 255). Fix: pass the alias as set in the registry, e.g. --alias champion.`
      )
    }
    if (RESERVED_ALIAS.test(ref.alias)) {
      throw invalid(
        `"${asked}": "${ref.alias}" is a reserved MLflow name, not an alias a gate can ` +
          `pin. Fix: pass --version N or a real alias such as champion.`
      )
    }
  }
  return ref
}
