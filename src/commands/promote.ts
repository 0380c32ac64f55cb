/**
 * `aims-gate promote`: re-evaluates the gate for a version and moves the target alias to it only
 * after a pass, under the promotion lease (src/pipeline/promotion/). Exit 0 promoted, 1 refused,
 * 2 invalid (including a local sqlite:/// store, which is read-only).
 */
import { EXIT, invalid } from '../core/errors.js'
import { optionsHelp } from '../options/help.js'
import { promoteVersion } from '../pipeline/promotion/promote-version.js'
import { cliGateOptions } from './check.js'
import { defineCommand, type Command } from './command.js'
import { gatePorts } from './gate-ports.js'
import { printPromotion, promotionSettings } from './promotion-output.js'
import { refuseFixedClock } from '../pipeline/promotion/real-clock.js'

const USAGE = `Usage: aims-gate promote --model NAME (--version N | --alias challenger) --to champion [options]

Re-evaluates the gate for the version (every option of aims-gate check applies) and, only when
it passes now, moves the alias given with --to to it: under a lease on the registered model, after
checking that the alias still points where the gate saw it and that the evidence has not changed,
then reads it back and records aims.promotion.<alias>.* tags on the version and the model.

${optionsHelp('promote')}
Environment: AIMS_GATE_PROMOTION_SETTLE_MS (lease settle delay, default 3000),
AIMS_GATE_PROMOTION_LEASE_SECONDS (lease expiry, default 120). See docs/promotion.md.

Exit codes: 0 promoted (or already the holder) · 1 refused, naming why · 2 invalid invocation,
unknown model or version, or a read-only local store.
`

export const promoteCommand: Command = defineCommand({
  options: 'promote',
  summary: 'Re-run the gate and move an alias (champion) to the version only after a pass.',
  usage: USAGE,
  async run(line, io) {
    const options = cliGateOptions(line)
    if (options.promoteTo === undefined) throw invalid('--to is required: the alias to move. Fix: add --to champion')
    refuseFixedClock(options, { promotion: 'promote', now: '--now' })
    const { expectCurrent: current, expectEvidence: evidence, actor, json } = line.values
    const request = {
      options,
      ...(current === undefined ? {} : { expectCurrent: current === 'none' ? null : current }),
      ...(evidence === undefined ? {} : { expectEvidence: evidence })
    }
    const ports = gatePorts(io)
    const settings = promotionSettings(io, actor, ports.clock.now)
    const { run: gate, outcome } = await promoteVersion(request, {}, ports, settings)
    printPromotion(io, gate.report.model.name, gate, outcome, json, 'Promoted')
    return outcome.moved ? EXIT.allowed : EXIT.blocked
  }
})
