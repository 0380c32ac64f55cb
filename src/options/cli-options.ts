/**
 * The command-line side of the option table: node:util parseArgs (strict) configured from the
 * table for one command, then each value read once by read-options.ts. A flag given twice is
 * refused rather than silently taking the last one.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { invalid } from '../core/errors.js'
import type { CommandName, OptionSpec } from './option-spec.js'
import { optionsOf, readOptions, type Env, type OptionSource, type OptionValues } from './read-options.js'

export type CliCommand = Exclude<CommandName, 'action'>

export interface CommandLine<C extends CliCommand> {
  values: OptionValues<C>
  positionals: string[]
  /** `-h` / `--help` was given (the entry answers it before a command runs; kept for direct calls). */
  help: boolean
}

type FlagConfig = NonNullable<ParseArgsConfig['options']>

function flagConfig(command: CliCommand): FlagConfig {
  const config: FlagConfig = { help: { type: 'boolean', short: 'h' } }
  for (const [, spec] of optionsOf(command)) {
    if (spec.flag === undefined) continue
    const multiple = spec.kind === 'list'
    config[spec.flag] = spec.kind === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple }
  }
  return config
}

/** How the command line names options in messages: `--timeout`, fixed with `--timeout 30`. */
const cliSource = (flags: Record<string, unknown>): OptionSource => ({
  get: (spec: OptionSpec) => (spec.flag === undefined ? undefined : (flags[spec.flag] as string | boolean | string[])),
  name: (spec: OptionSpec) => `--${spec.flag ?? ''}`,
  usage: (spec: OptionSpec, value: string) =>
    spec.kind === 'boolean' ? `--${spec.flag ?? ''}` : `--${spec.flag ?? ''} ${value}`
})

/** Strict parseArgs, with its error turned into the one-line, exit-2 message every command gives. */
function parseStrict(command: CliCommand, argv: string[], options: FlagConfig, allowPositionals: boolean) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals, tokens: true })
  } catch (error) {
    // parseArgs' first sentence names the flag; its hints about `--` are noise here.
    const first = error instanceof Error ? (error.message.split(/\.\s|\n/)[0] ?? '') : String(error)
    throw invalid(`${first.replace(/\.?$/, '.')} Fix: see aims-gate ${command} --help.`)
  }
}

export function parseCommandLine<C extends CliCommand>(
  command: C,
  argv: string[],
  env: Env,
  allowPositionals = false
): CommandLine<C> {
  const config = flagConfig(command)
  const parsed = parseStrict(command, argv, config, allowPositionals)
  const seen = new Set<string>()
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || config[token.name]?.multiple === true) continue
    if (seen.has(token.name)) throw invalid(`--${token.name} is given twice. Fix: see aims-gate ${command} --help.`)
    seen.add(token.name)
  }
  const flags = parsed.values as Record<string, unknown>
  return {
    values: readOptions(command, cliSource(flags), env),
    positionals: parsed.positionals,
    help: flags.help === true
  }
}
