/**
 * `aims-gate promote`: re-evaluates the gate for a version and moves the target alias to it only
 * after a pass, under the promotion lease (src/pipeline/promotion/). Exit 0 promoted, 1 refused,
 * 2 invalid (including a local sqlite:/// store, which is read-only).
 */
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import { ciRunUrl, leaseTiming, promotionActor } from '../pipeline/promotion/promotion-context.js'
import { promoteVersion } from '../pipeline/promotion/promote-version.js'
import { parseCheckArgs } from './check.js'
import type { Command, CommandIO } from './command.js'
import { extractFlags } from './extract-flags.js'
import { gatePorts } from './gate-ports.js'
import { printPromotion } from './promotion-output.js'

const USAGE = `Usage: aims-gate promote --model NAME (--version N | --alias challenger) --to champion [options]

Re-evaluates the gate for the version (every option of aims-gate check applies) and, only when
it passes now, moves the alias given with --to to it: under a lease on the registered model, after
checking that the alias still points where the gate saw it and that the evidence has not changed,
then reads it back and records aims.promotion.<alias>.* tags on the version and the model.

Options (besides those of aims-gate check):
  --to ALIAS                 the alias to move (champion, production); required
  --expect-current N|none    the holder an earlier check saw (its report's promotion.expectedCurrent):
                             refused when the alias points elsewhere now
  --expect-evidence SHA256   the evidence digest an earlier check --to recorded (promotion.evidenceSha256):
                             refused when a tag or metric of the version or its run changed since
  --actor NAME               who promotes, for the tags (default GITHUB_ACTOR, else the OS user)
  -h, --help                 show this help

Environment: AIMS_GATE_PROMOTION_SETTLE_MS (lease settle delay, default 3000),
AIMS_GATE_PROMOTION_LEASE_SECONDS (lease expiry, default 120). See docs/promotion.md.

Exit codes: 0 promoted (or already the holder) · 1 refused, naming why · 2 invalid invocation,
unknown model or version, or a read-only local store.
`

const EXPECT_CURRENT = /^(none|[1-9]\d{0,17})$/
const SHA256 = /^[0-9a-f]{64}$/

async function run(argv: string[], io: CommandIO): Promise<ExitCode> {
  const { values, rest } = extractFlags('promote', argv, { 'expect-current': 'string', 'expect-evidence': 'string', actor: 'string' })
  const { options, json } = parseCheckArgs(rest, 'promote')
  if (options.promoteTo === undefined) throw invalid('--to is required: the alias to move. Fix: add --to champion')
  const current = values['expect-current'] as string | undefined
  if (current !== undefined && !EXPECT_CURRENT.test(current)) throw invalid(`--expect-current ${current} is neither a version number nor "none". Fix: copy promotion.expectedCurrent from the check's report.`)
  const evidence = values['expect-evidence'] as string | undefined
  if (evidence !== undefined && !SHA256.test(evidence)) throw invalid('--expect-evidence must be a SHA-256 (64 lowercase hex digits). Fix: copy promotion.evidenceSha256 from the report of check --to.')
  const ports = gatePorts(io)
  const runUrl = ciRunUrl(io.env)
  const { run: gate, outcome } = await promoteVersion(
    { options, ...(current === undefined ? {} : { expectCurrent: current === 'none' ? null : current }), ...(evidence === undefined ? {} : { expectEvidence: evidence }) },
    {},
    ports,
    { actor: promotionActor(values.actor as string | undefined, io.env), ...(runUrl ? { runUrl } : {}), timing: leaseTiming(io.env, ports.clock.now) }
  )
  printPromotion(io, gate.report.model.name, gate, outcome, json, 'Promoted')
  return outcome.moved ? EXIT.allowed : EXIT.blocked
}

export const promoteCommand: Command = {
  name: 'promote',
  summary: 'Re-run the gate and move an alias (champion) to the version only after a pass.',
  usage: USAGE,
  run
}
