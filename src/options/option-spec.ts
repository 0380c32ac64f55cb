/**
 * The shape of one entry of the option table (option-table.ts): everything the CLI parser, the
 * action input reader, `--help` and action.yml need to know about one option, said once.
 */
import type { z } from 'zod'

/** Where an option can be given: a CLI command, or the GitHub Action. */
export type CommandName =
  | 'check'
  | 'promote'
  | 'rollback'
  | 'inspect'
  | 'diff'
  | 'controls'
  | 'policy validate'
  | 'verify'
  | 'init'
  | 'posture'
  | 'action'

/**
 * How the raw text becomes a value before the schema sees it: `seconds` is a number (refused
 * when not one), `boolean` is a CLI switch or a YAML true/false, `list` a repeatable flag.
 */
export type OptionKind = 'string' | 'boolean' | 'seconds' | 'list'

type Commands = readonly CommandName[]

export interface OptionSpec<S extends z.ZodType = z.ZodType, C extends Commands = Commands> {
  /** CLI flag without the dashes; absent = the action only. */
  flag?: string
  /** Placeholder in `--help` (`--model NAME`); absent for switches. */
  placeholder?: string
  /** Action input name; absent = the CLI only. */
  input?: string
  /** Environment variable read when neither the flag nor the input is given. */
  env?: string
  kind: OptionKind
  /** Validates the coerced value (and its absence: optional unless a default is given). */
  schema: S
  /** Raw default, as action.yml would spell it; applied after the flag/input and the variable. */
  default?: string
  /** A default only action.yml declares (an expression the runner expands). */
  actionDefault?: string
  /** The action input is required (action.yml `required: true`). */
  required?: boolean
  /** `--help` text of the flag (wrapped by the renderer). */
  help: string
  /** Per-command `--help` text where the option means something narrower there. */
  helpFor?: Partial<Record<CommandName, string>>
  /** action.yml description; absent = `help`. */
  description?: string
  /** A good value, for the fix of an error (`--timeout 30`, `timeout: 30`). */
  example?: string
  /** The fix when the value is refused, replacing the schema's words (for closed lists of values). */
  refusal?: string
  commands: C
}

/** Declares one option, keeping the literal types of its schema and commands. */
export function option<S extends z.ZodType, const C extends Commands>(spec: OptionSpec<S, C>): OptionSpec<S, C> {
  return spec
}
