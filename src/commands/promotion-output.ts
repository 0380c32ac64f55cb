/** What `promote` and `rollback` print: the verdict table, then one line saying what moved or why not. */
import { showControls, showControlsInline, terminalJson } from '../core/text/control-chars.js'
import type { GateRun } from '../pipeline/run-gate.js'
import type { PromotionOutcome, PromotionSettings } from '../pipeline/promotion/promote-version.js'
import { ciRunUrl, leaseTiming, promotionActor } from '../pipeline/promotion/promotion-context.js'
import { renderTerminalTable } from '../render/terminal-table.js'
import type { CommandIO } from './command.js'

export function printPromotion(
  io: CommandIO,
  model: string,
  run: GateRun | undefined,
  outcome: PromotionOutcome,
  json: boolean,
  verb: string
): void {
  if (json) {
    io.stdout(`${terminalJson({ ...(run ? { report: run.report } : {}), outcome: { model, ...outcome } })}\n`)
  } else if (run) {
    io.stdout(
      renderTerminalTable(run.report, {
        colour: io.isTTY && io.env.NO_COLOR === undefined,
        ...(io.columns === undefined ? {} : { width: io.columns })
      })
    )
    io.stdout(showControls(`\nCard:   ${run.outputs.cardPath}\nReport: ${run.outputs.reportPath}\n`))
  }
  const subject = showControlsInline(`models:/${model}/${outcome.version}`)
  if (outcome.moved) {
    const line = outcome.alreadyHeld
      ? `${verb}: alias "${outcome.alias}" already points at ${subject}; nothing moved.`
      : `${verb}: alias "${outcome.alias}" now points at ${subject} ` +
        `(was ${outcome.previous === null ? 'unset' : `version ${outcome.previous}`}).`
    io.stdout(`${line}\n`)
  } else {
    io.stderr(`Refused: ${showControlsInline(outcome.reason)}\n`)
  }
}

/** Who moves the alias, the CI run that did it and the lease timing: the same for promote and rollback. */
export function promotionSettings(io: CommandIO, actor: string | undefined, now: () => Date): PromotionSettings {
  const runUrl = ciRunUrl(io.env)
  return { actor: promotionActor(actor, io.env), ...(runUrl ? { runUrl } : {}), timing: leaseTiming(io.env, now) }
}
