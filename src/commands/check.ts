/**
 * `aims-gate check`: the gate itself. Evaluates a policy profile against the evidence MLflow
 * holds for a model version, writes the card and report, and exits 0 (allowed) or 1 (blocked).
 */
import type { Clock } from '../pipeline/ports.js'
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import type { EvidenceEnricher, GatePorts } from '../pipeline/ports.js'
import { parseGateOptions, type GateOptions } from '../pipeline/gate-options.js'
import { progressReporter } from '../render/progress.js'
import { runGate } from '../pipeline/run-gate.js'
import { renderTerminalTable } from '../render/terminal-table.js'
import type { Command, CommandIO } from './command.js'
import { ciChangeContext } from './ci-change-context.js'
import { parseFlags } from './parse-flags.js'
import { showControls, showControlsInline, terminalJson } from '../core/text/control-chars.js'

const USAGE = `Usage: aims-gate check --model NAME (--version N | --alias A) [options]
       aims-gate check models:/NAME@ALIAS | models:/NAME/VERSION [options]

Evaluates a policy profile against the evidence for one model version, writes the model card
and the JSON report, and exits 0 when the release is allowed, 1 when it is blocked.

Options:
  --model NAME|URI             registered model name, or a models:/ URI
  --version N                  model version number
  --alias A                    model alias (challenger, …)
  --policy FILE                policy YAML (default: the shipped baseline policies/default.yml)
  --policy-ref REF             evaluate the policy file as committed at this git ref (a commit, branch
                               or tag of the repository holding it), not the working tree's copy;
                               what the working tree changes is listed
  --profile NAME               policy profile (default: the policy's default profile)
  --tracking-uri URI           http(s):// server or sqlite:///path/mlflow.db (default: MLFLOW_TRACKING_URI)
  --artifacts-destination DIR  for sqlite stores written through a server: its --artifacts-destination
  --card-source FILE           human-owned card sections (default: model-cards/<model>.md)
  --card-dir DIR               where the card and report go (default: model-cards/generated)
  --card-template FILE         Handlebars template instead of the default card
  --report FILE                also write the JSON report here
  --eval-data FILE             evaluation data (CSV/Parquet) for recomputed metrics and fairness,
                               instead of the policy's evaluation.data
  --timeout SECONDS            per-request timeout for MLflow (default MLFLOW_HTTP_REQUEST_TIMEOUT or 30)
  --deadline SECONDS           overall limit on the run's MLflow requests, retries and downloads
                               (default 600); see "Limits and failure behaviour" in the README
  --write-back                 write aims.gate.* tags and upload the card and report to MLflow
  --to ALIAS                   the alias a later promote moves (champion): records its holder and the
                               evidence digest in the report, warns when it was moved outside the gate
  --json                       print the report as JSON instead of the table
  -h, --help                   show this help

Exit codes: 0 release allowed · 1 release blocked (including evidence that could not be
fetched) · 2 invalid invocation or configuration (nothing evaluated) · 130/143 interrupted by
SIGINT/SIGTERM (nothing decided).
`

const FLAG_NAMES: Record<string, string> = {
  trackingUri: '--tracking-uri',
  model: '--model',
  version: '--version',
  alias: '--alias',
  policyPath: '--policy',
  policyRef: '--policy-ref',
  profile: '--profile',
  cardSourcePath: '--card-source',
  cardDir: '--card-dir',
  cardTemplatePath: '--card-template',
  reportPath: '--report',
  artifactsDestination: '--artifacts-destination',
  evalDataPath: '--eval-data',
  timeoutSeconds: '--timeout',
  deadlineSeconds: '--deadline',
  writeBack: '--write-back',
  promoteTo: '--to'
}

export interface CheckDeps {
  clock?: Clock
  openStore?: GatePorts['openStore']
  enrichers?: (io: CommandIO) => EvidenceEnricher[]
}

/** The options of `check`, shared by the commands that re-run the gate (promote, rollback). */
export function parseCheckArgs(argv: string[], command = 'check'): { options: GateOptions; json: boolean } {
  const { values, positionals } = parseFlags(
    command,
    argv,
    {
      model: { type: 'string' },
      version: { type: 'string' },
      alias: { type: 'string' },
      policy: { type: 'string' },
      'policy-ref': { type: 'string' },
      profile: { type: 'string' },
      'tracking-uri': { type: 'string' },
      'artifacts-destination': { type: 'string' },
      'card-source': { type: 'string' },
      'card-dir': { type: 'string' },
      'card-template': { type: 'string' },
      report: { type: 'string' },
      'eval-data': { type: 'string' },
      timeout: { type: 'string' },
      deadline: { type: 'string' },
      'write-back': { type: 'boolean' },
      to: { type: 'string' },
      json: { type: 'boolean' }
    },
    true
  )
  if (positionals.length > 1 || (positionals.length === 1 && values.model !== undefined)) {
    throw invalid('give the model once: --model NAME, or a models:/ URI as the only argument')
  }
  const timeout = seconds('--timeout', values.timeout, 30)
  const deadline = seconds('--deadline', values.deadline, 600)
  const raw = {
    model: values.model ?? positionals[0],
    version: values.version,
    alias: values.alias,
    trackingUri: values['tracking-uri'],
    policyPath: values.policy,
    policyRef: values['policy-ref'],
    profile: values.profile,
    cardSourcePath: values['card-source'],
    cardDir: values['card-dir'],
    cardTemplatePath: values['card-template'],
    reportPath: values.report,
    artifactsDestination: values['artifacts-destination'],
    evalDataPath: values['eval-data'],
    timeoutSeconds: timeout,
    deadlineSeconds: deadline,
    writeBack: values['write-back'] ?? false,
    promoteTo: values.to
  }
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
  if (defined.model === undefined) throw invalid('--model is required; fix: --model NAME --alias challenger (or a models:/NAME@alias URI)')
  return { options: parseGateOptions(defined, (key) => FLAG_NAMES[key] ?? key), json: values.json ?? false }
}

function seconds(flag: string, raw: string | undefined, example: number): number | undefined {
  const value = raw === undefined ? undefined : Number(raw)
  if (value !== undefined && !Number.isFinite(value)) throw invalid(`${flag} ${raw} is not a number of seconds; fix: e.g. ${flag} ${example}`)
  return value
}

export function createCheckCommand(deps: CheckDeps = {}): Command {
  return {
    name: 'check',
    summary: 'Evaluate a policy for a model version, write the card and report, exit 0/1.',
    usage: USAGE,
    async run(argv: string[], io: CommandIO): Promise<ExitCode> {
      const { options, json } = parseCheckArgs(argv)
      const run = await runGate(options, ciChangeContext(io.env), {
        clock: deps.clock ?? { now: () => new Date() },
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
        io.stdout(renderTerminalTable(run.report, { colour: io.isTTY && io.env.NO_COLOR === undefined }))
        io.stdout(showControls(`\nCard:   ${run.outputs.cardPath}\nHTML:   ${run.outputs.cardHtmlPath}\nReport: ${run.outputs.reportPath}\n`))
        if (run.mlflowRequests !== undefined) io.stdout(`MLflow: ${run.mlflowRequests} requests to ${showControlsInline(run.evidence.tracking.uri)}\n`)
        const promotion = run.report.promotion
        if (options.promoteTo !== undefined && promotion?.evidenceSha256 !== undefined) {
          io.stdout(`Promote: aims-gate promote … --to ${promotion.target} --expect-current ${promotion.expectedCurrent ?? 'none'} --expect-evidence ${promotion.evidenceSha256}\n`)
        }
      }
      return run.verdict.verdict === 'pass' ? EXIT.allowed : EXIT.blocked
    }
  }
}

export const checkCommand: Command = createCheckCommand()
