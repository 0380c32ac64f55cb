/**
 * Takes a command's own flags out of argv and leaves the rest for the `check` parser, so
 * `promote` and `rollback` accept every option of `check` without declaring them twice.
 * Strict like parseArgs: a string flag without a value is an error, a repeated flag too.
 */
import { invalid } from '../core/errors.js'

export type OwnFlags = Record<string, 'string' | 'boolean'>

export function extractFlags(command: string, argv: readonly string[], own: OwnFlags): { values: Record<string, string | boolean>; rest: string[] } {
  const values: Record<string, string | boolean> = {}
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      rest.push(...argv.slice(i))
      break
    }
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg)
    const name = match?.[1]
    const kind = name === undefined ? undefined : own[name]
    if (name === undefined || kind === undefined) {
      rest.push(arg)
      continue
    }
    if (name in values) throw invalid(`--${name} is given twice. Fix: see aims-gate ${command} --help.`)
    if (kind === 'boolean') {
      if (match?.[2] !== undefined) throw invalid(`--${name} takes no value. Fix: see aims-gate ${command} --help.`)
      values[name] = true
      continue
    }
    const value = match?.[2] ?? argv[++i]
    if (value === undefined || (match?.[2] === undefined && value.startsWith('--'))) throw invalid(`--${name} needs a value. Fix: see aims-gate ${command} --help.`)
    values[name] = value
  }
  return { values, rest }
}
