/**
 * `aims-gate rollback`: moves an alias back to the holder recorded before the current one in the
 * promotion history; that version must pass the gate now, or `--force --reason` is recorded.
 */
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import { showControlsInline } from '../core/text/control-chars.js'
import { parseCommandLine } from '../options/cli-options.js'
import { optionsHelp } from '../options/help.js'
import { rollbackAlias } from '../pipeline/promotion/rollback-alias.js'
import { cliGateOptions } from './check.js'
import { usage, type Command, type CommandIO } from './command.js'
import { gatePorts } from './gate-ports.js'
import { printPromotion, promotionSettings } from './promotion-output.js'

const USAGE = `Usage: aims-gate rollback --model NAME --alias champion [--force --reason TEXT] [options]

Moves the alias back to the version the gate's promotion history (aims.promotion.<alias>.history
on the registered model) recorded before the current holder. That version is re-evaluated with
the options of aims-gate check (except --version) and must pass now; --force --reason TEXT moves
it anyway and records the reason in the tags. Refused when there is no recorded history, or when
the alias was moved outside the gate since.

${optionsHelp('rollback')}
Exit codes: 0 rolled back · 1 refused, naming why · 2 invalid invocation or a read-only local store.
`

async function run(argv: string[], io: CommandIO): Promise<ExitCode> {
  const line = parseCommandLine('rollback', argv, io.env)
  if (line.help) return usage(io, USAGE)
  // --alias names the alias to roll back, not the version to gate (that comes from the history).
  const { alias, force } = line.values
  const options = cliGateOptions({ ...line, values: { ...line.values, alias: undefined } })
  if (alias === undefined || alias.length > 255) {
    throw invalid('--alias is required: the alias to roll back (letters, digits, _ and -). Fix: add --alias champion')
  }
  if (options.promoteTo !== undefined) throw invalid('rollback moves the alias given with --alias; fix: drop --to')
  const reason = line.values.reason?.trim()
  if (force && (reason === undefined || reason === '')) {
    throw invalid('--force needs --reason TEXT: a forced rollback skips the gate, so it must say why. Fix: add --reason "…"')
  }
  if (!force && reason !== undefined) throw invalid('--reason is only recorded with --force. Fix: drop --reason, or add --force')
  const ports = gatePorts(io)
  const { run: gate, outcome } = await rollbackAlias(
    { options, alias, ...(force && reason !== undefined ? { forcedReason: reason } : {}) },
    {},
    ports,
    promotionSettings(io, line.values.actor, ports.clock.now)
  )
  printPromotion(io, options.model, gate, outcome, line.values.json, 'Rolled back')
  if (outcome.moved && force && gate?.verdict.verdict !== 'pass') {
    io.stdout(`Forced: the gate blocks version ${outcome.version}; reason recorded: ${showControlsInline(reason ?? '')}\n`)
  }
  return outcome.moved ? EXIT.allowed : EXIT.blocked
}

export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'Move an alias back to its recorded previous holder (which must pass the gate, or --force --reason).',
  usage: USAGE,
  run
}
