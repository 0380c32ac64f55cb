/**
 * `aims-gate check`: the gate itself. Evaluates a policy profile against the evidence MLflow
 * holds for a model version, writes the card and report, and exits 0 (allowed) or 1 (blocked).
 */
import type { Clock } from '../pipeline/ports.js'
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import type { EvidenceEnricher, GatePorts } from '../pipeline/ports.js'
import type { GateOptions } from '../pipeline/gate-options.js'
import { progressReporter } from '../render/progress.js'
import { runGate } from '../pipeline/run-gate.js'
import { fixedClockNotice, gateClock } from '../pipeline/fixed-clock.js'
import { renderTerminalTable } from '../render/terminal-table.js'
import { defineCommand, type Command, type CommandIO } from './command.js'
import { ciChangeContext } from './ci-change-context.js'
import { gateOptions, type GateValues } from '../options/gate-values.js'
import { optionsHelp } from '../options/help.js'
import { showControls, showControlsInline, terminalJson } from '../core/text/control-chars.js'

const USAGE = `Usage: aims-gate check --model NAME (--version N | --alias A) [options]
       aims-gate check models:/NAME@ALIAS | models:/NAME/VERSION [options]

Evaluates a policy profile against the evidence for one model version, writes the model card
and the JSON report, and exits 0 when the release is allowed, 1 when it is blocked.

${optionsHelp('check')}
Exit codes: 0 release allowed · 1 release blocked (including evidence that could not be
fetched) · 2 invalid invocation or configuration (nothing evaluated) · 130/143 interrupted by
SIGINT/SIGTERM (nothing decided).
`

export interface CheckDeps {
  clock?: Clock
  openStore?: GatePorts['openStore']
  enrichers?: (io: CommandIO) => EvidenceEnricher[]
}

/**
 * The gate options of a command line of `check`, `promote` or `rollback` (which re-run the gate):
 * the model from --model or, for `check`, the one positional models:/ URI.
 */
export function cliGateOptions(line: { values: GateValues; positionals: string[] }): GateOptions {
  const { values, positionals } = line
  if (positionals.length > 1 || (positionals.length === 1 && values.model !== undefined)) {
    throw invalid('give the model once: --model NAME, or a models:/ URI as the only argument')
  }
  const model = values.model ?? positionals[0]
  if (model === undefined) {
    throw invalid('--model is required; fix: --model NAME --alias challenger (or a models:/NAME@alias URI)')
  }
  return gateOptions(values, model)
}

export function createCheckCommand(deps: CheckDeps = {}): Command {
  return defineCommand({
    options: 'check',
    positionals: true,
    summary: 'Evaluate a policy for a model version, write the card and report, exit 0/1.',
    usage: USAGE,
    async run(line, io: CommandIO): Promise<ExitCode> {
      const options = cliGateOptions(line)
      const json = line.values.json
      const clock = deps.clock ?? gateClock(options, '--now')
      const notice = fixedClockNotice(clock)
      if (notice !== undefined) io.stderr(`note: ${notice}\n`)
      const run = await runGate(options, ciChangeContext(io.env), {
        clock,
        env: io.env,
        cwd: io.cwd,
        ...(deps.openStore ? { openStore: deps.openStore } : {}),
        enrichers: deps.enrichers?.(io) ?? [],
        // Retries are announced as they happen, so a slow server is not mistaken for a hang.
        log: (line) => io.stderr(`${line}\n`),
        redact: io.redact ?? ((text) => text),
        // One redrawn line on a terminal, a line every few seconds in CI logs; never on stdout.
        progress: (label) => progressReporter({ sink: { isTTY: io.isTTY, write: io.stderr }, label })
      })
      // A target alias moved by hand is not a reason to block this version, but it is news.
      const warning = run.report.promotion?.warning
      if (warning !== undefined) io.stderr(`warning: ${showControlsInline(warning)}\n`)
      if (json) {
        io.stdout(`${terminalJson(run.report)}\n`)
      } else {
        io.stdout(
          renderTerminalTable(run.report, {
            colour: io.isTTY && io.env.NO_COLOR === undefined,
            ...(io.columns === undefined ? {} : { width: io.columns })
          })
        )
        io.stdout(
          showControls(
            `\nCard:   ${run.outputs.cardPath}\nHTML:  ` +
              ` ${run.outputs.cardHtmlPath}\nReport: ${run.outputs.reportPath}\n`
          )
        )
        if (run.bundlePath !== undefined) io.stdout(showControls(`Bundle: ${run.bundlePath}\n`))
        if (run.sarifPath !== undefined) io.stdout(showControls(`SARIF:  ${run.sarifPath}\n`))
        if (run.mlflowRequests !== undefined)
          io.stdout(`MLflow: ${run.mlflowRequests} requests to ${showControlsInline(run.evidence.tracking.uri)}\n`)
        const promotion = run.report.promotion
        if (options.promoteTo !== undefined && promotion?.evidenceSha256 !== undefined) {
          io.stdout(
            `Promote: aims-gate promote … --to ${promotion.target} ` +
              `--expect-current ${promotion.expectedCurrent ?? 'none'} ` +
              `--expect-evidence ${promotion.evidenceSha256}\n`
          )
        }
      }
      return run.verdict.verdict === 'pass' ? EXIT.allowed : EXIT.blocked
    }
  })
}

export const checkCommand: Command = createCheckCommand()
