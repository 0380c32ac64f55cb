/**
 * `aims-gate rollback`: moves an alias back to the holder recorded before the current one in the
 * promotion history; that version must pass the gate now, or `--force --reason` is recorded.
 */
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import { showControlsInline } from '../core/text/control-chars.js'
import { ciRunUrl, leaseTiming, promotionActor } from '../pipeline/promotion/promotion-context.js'
import { rollbackAlias } from '../pipeline/promotion/rollback-alias.js'
import { parseCheckArgs } from './check.js'
import type { Command, CommandIO } from './command.js'
import { extractFlags } from './extract-flags.js'
import { gatePorts } from './gate-ports.js'
import { printPromotion } from './promotion-output.js'

const USAGE = `Usage: aims-gate rollback --model NAME --alias champion [--force --reason TEXT] [options]

Moves the alias back to the version the gate's promotion history (aims.promotion.<alias>.history
on the registered model) recorded before the current holder. That version is re-evaluated with
the options of aims-gate check and must pass now; --force --reason TEXT moves it anyway and
records the reason in the tags. Refused when there is no recorded history, or when the alias was
moved outside the gate since.

Options (besides those of aims-gate check, except --version):
  --alias ALIAS      the alias to roll back (champion); required
  --force            roll back even when the previous holder does not pass the gate now
  --reason TEXT      why (required with --force; recorded in aims.promotion.<alias>.forced_reason)
  --actor NAME       who rolls back, for the tags (default GITHUB_ACTOR, else the OS user)
  -h, --help         show this help

Exit codes: 0 rolled back · 1 refused, naming why · 2 invalid invocation or a read-only local store.
`

async function run(argv: string[], io: CommandIO): Promise<ExitCode> {
  const { values, rest } = extractFlags('rollback', argv, { alias: 'string', force: 'boolean', reason: 'string', actor: 'string' })
  const { options, json } = parseCheckArgs(rest, 'rollback')
  const alias = values.alias as string | undefined
  if (alias === undefined || !/^[\w-]{1,255}$/.test(alias)) throw invalid('--alias is required: the alias to roll back (letters, digits, _ and -). Fix: add --alias champion')
  if (options.promoteTo !== undefined) throw invalid('rollback moves the alias given with --alias; fix: drop --to')
  const reason = (values.reason as string | undefined)?.trim()
  if (values.force === true && (reason === undefined || reason === '')) throw invalid('--force needs --reason TEXT: a forced rollback skips the gate, so it must say why. Fix: add --reason "…"')
  if (values.force !== true && reason !== undefined) throw invalid('--reason is only recorded with --force. Fix: drop --reason, or add --force')
  const ports = gatePorts(io)
  const runUrl = ciRunUrl(io.env)
  const { run: gate, outcome } = await rollbackAlias(
    { options, alias, ...(values.force === true && reason !== undefined ? { forcedReason: reason } : {}) },
    {},
    ports,
    { actor: promotionActor(values.actor as string | undefined, io.env), ...(runUrl ? { runUrl } : {}), timing: leaseTiming(io.env, ports.clock.now) }
  )
  printPromotion(io, options.model, gate, outcome, json, 'Rolled back')
  if (outcome.moved && values.force === true && gate?.verdict.verdict !== 'pass') {
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
