/**
 * `aims-gate rollback`: moves an alias back to the holder recorded before the current one in the
 * promotion history; that version must pass the gate now, or `--force --reason` is recorded.
 */
import { EXIT, invalid } from '../core/errors.js'
import { showControlsInline } from '../core/text/control-chars.js'
import { optionsHelp } from '../options/help.js'
import { rollbackAlias } from '../pipeline/promotion/rollback-alias.js'
import { cliGateOptions } from './check.js'
import { defineCommand, type Command } from './command.js'
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

export const rollbackCommand: Command = defineCommand({
  options: 'rollback',
  summary: 'Move an alias back to its recorded previous holder (which must pass the gate, or --force --reason).',
  usage: USAGE,
  async run(line, io) {
    // --alias names the alias to roll back, not the version to gate (that comes from the history).
    const { alias, force, actor, json } = line.values
    const options = cliGateOptions({ ...line, values: { ...line.values, alias: undefined } })
    if (alias === undefined || alias.length > 255) {
      throw invalid('--alias is required: the alias to roll back (letters, digits, _ and -). Fix: add --alias champion')
    }
    if (options.promoteTo !== undefined) throw invalid('rollback moves the alias given with --alias; fix: drop --to')
    // A lease expires in real time; a fixed clock would make it look expired (or eternal) to other runs.
    if (options.now !== undefined) {
      throw invalid('rollback takes a lease on the registry, so it runs on the real clock. Fix: drop --now')
    }
    const reason = line.values.reason?.trim()
    if (force && (reason === undefined || reason === '')) {
      throw invalid(
        '--force needs --reason TEXT: a forced rollback skips the gate, so it must say why. ' + 'Fix: add --reason "…"'
      )
    }
    if (!force && reason !== undefined) {
      throw invalid('--reason is only recorded with --force. Fix: drop --reason, or add --force')
    }
    const request = { options, alias, ...(force && reason !== undefined ? { forcedReason: reason } : {}) }
    const ports = gatePorts(io)
    const settings = promotionSettings(io, actor, ports.clock.now)
    const { run: gate, outcome } = await rollbackAlias(request, {}, ports, settings)
    printPromotion(io, options.model, gate, outcome, json, 'Rolled back')
    if (outcome.moved && force && gate?.verdict.verdict !== 'pass') {
      const recorded = showControlsInline(reason ?? '')
      io.stdout(`Forced: the gate blocks version ${outcome.version}; reason recorded: ${recorded}\n`)
    }
    return outcome.moved ? EXIT.allowed : EXIT.blocked
  }
})
