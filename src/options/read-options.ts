/**
 * Turns the raw text of each option (a flag, an action input, else its environment variable,
 * else its default) into a checked value, once, with the table's schema. Shared by the CLI parser
 * and the action input reader, which differ only in where the text comes from and how a message
 * names the option (`--timeout` on the command line, `input "timeout"` in a workflow).
 */
import type { z } from 'zod'
import { invalid } from '../core/errors.js'
import type { CommandName, OptionSpec } from './option-spec.js'
import { OPTIONS, type OptionKey, type OptionTable } from './option-table.js'
import type { Env } from '../pipeline/ports.js'

export type { Env }
export type RawValue = string | boolean | string[] | undefined

/** How one surface (CLI, action, environment) gives and names options. */
export interface OptionSource {
  get(spec: OptionSpec): RawValue
  /** The option as a person wrote it: `--timeout`, `input "timeout"`. */
  name(spec: OptionSpec): string
  /** The option written with a value, for a fix: `--timeout 30`, `timeout: 30`. */
  usage(spec: OptionSpec, value: string): string
}

/** The keys of the options a command (or the action) has. */
export type KeysOf<C extends CommandName> = {
  [K in OptionKey]: C extends OptionTable[K]['commands'][number] ? K : never
}[OptionKey]

/** The typed options of a command: each key with its schema's output type. */
export type OptionValues<C extends CommandName> = { [K in KeysOf<C>]: z.output<OptionTable[K]['schema']> }

export function optionsOf(command: CommandName): [OptionKey, OptionSpec][] {
  return (Object.entries(OPTIONS) as [OptionKey, OptionSpec][]).filter(([, spec]) => spec.commands.includes(command))
}

/** How an environment variable is named in a message and written in a fix. */
function environmentSource(env: Env): OptionSource {
  return {
    get: (spec) => (spec.env === undefined ? undefined : env[spec.env]?.trim() || undefined),
    name: (spec) => `${spec.env ?? ''}`,
    usage: (spec, value) => `${spec.env ?? ''}=${value}`
  }
}

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/** A boolean from a switch or from YAML 1.2 core spellings (as @actions/core getBooleanInput). */
export function booleanValue(raw: string | boolean, spec: OptionSpec, source: OptionSource): boolean {
  if (typeof raw === 'boolean') return raw
  if (TRUE.includes(raw)) return true
  if (FALSE.includes(raw)) return false
  const [yes, no] = [source.usage(spec, 'true'), source.usage(spec, 'false')]
  throw invalid(`${source.name(spec)} is "${raw}", which is not a boolean; fix: write '${yes}' or '${no}'`)
}

function coerce(raw: Exclude<RawValue, undefined>, spec: OptionSpec, source: OptionSource): unknown {
  switch (spec.kind) {
    case 'boolean':
      return booleanValue(Array.isArray(raw) ? String(raw) : raw, spec, source)
    case 'seconds': {
      const value = Number(raw)
      if (typeof raw !== 'string' || !Number.isFinite(value)) {
        const fix = source.usage(spec, spec.example ?? '30')
        throw invalid(`${source.name(spec)} is "${String(raw)}", which is not a number of seconds; fix: e.g. ${fix}`)
      }
      return value
    }
    default:
      return raw
  }
}

/** One option's value: given, else from its variable, else its default; checked by its schema. */
function readOne(spec: OptionSpec, given: OptionSource, env: Env): unknown {
  const fromEnv = environmentSource(env)
  const [raw, source] = ((): [RawValue, OptionSource] => {
    const value = given.get(spec)
    if (value !== undefined) return [value, given]
    const variable = fromEnv.get(spec)
    return variable !== undefined ? [variable, fromEnv] : [spec.default, given]
  })()
  const result = spec.schema.safeParse(raw === undefined ? undefined : coerce(raw, spec, source))
  if (result.success) return result.data
  const shown = source.name(spec)
  if (spec.refusal !== undefined) throw invalid(`${shown} is "${String(raw)}"; fix: ${spec.refusal}`)
  const fix = spec.example === undefined ? '' : `; fix: e.g. ${source.usage(spec, spec.example)}`
  throw invalid(`${shown}: ${result.error.issues[0]?.message ?? 'invalid value'}${fix}.`)
}

/** Every option of `command`, read from `source`; absent optional values are left out. */
export function readOptions<C extends CommandName>(command: C, source: OptionSource, env: Env): OptionValues<C> {
  const values: Record<string, unknown> = {}
  for (const [key, spec] of optionsOf(command)) {
    const value = readOne(spec, source, env)
    if (value !== undefined) values[key] = value
  }
  // Each value went through its own schema just above, so the object has the declared types.
  return values as OptionValues<C>
}
