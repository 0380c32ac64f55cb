/**
 * Strict flag parsing shared by every sub-command: node:util parseArgs, with its error turned into
 * the one-line, exit-2 message every command gives ("Unknown option '--x'. Fix: see …").
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { invalid } from '../core/errors.js'

type Options = NonNullable<ParseArgsConfig['options']>

export function parseFlags<const T extends Options>(command: string, argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals })
  } catch (error) {
    // parseArgs' first sentence names the flag; its hints about `--` are noise here.
    const first = error instanceof Error ? (error.message.split(/\.\s|\n/)[0] ?? '') : String(error)
    throw invalid(`${first.replace(/\.?$/, '.')} Fix: see aims-gate ${command} --help.`)
  }
}
