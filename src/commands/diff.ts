/**
 * `aims-gate diff`: what changed from the champion (or another alias) to a model version —
 * metrics with deltas, datasets added/removed/re-digested, documentation sections edited —
 * without evaluating a policy. The same diff appears in the card and the pull-request comment.
 */
import type { Clock } from '../pipeline/ports.js'
import { MlflowEvidenceCollector } from '../collect/mlflow/assemble-evidence.js'
import { DEFAULT_DEADLINE_SECONDS, startDeadline } from '../collect/deadline.js'
import { openStore } from '../collect/mlflow/open-store.js'
import { resolveTrackingUri } from '../collect/mlflow/tracking-uri.js'
import { resolveDocumentation } from '../core/documentation/resolve-documentation.js'
import { EXIT, GateError, invalid, type ExitCode } from '../core/errors.js'
import type { Evidence, VersionEvidence } from '../core/evidence/types.js'
import { missing } from '../core/evidence/items.js'
import { resolveModelRef, type ModelRef } from '../core/model-ref.js'
import { buildCardDiff, renderCardDiffMarkdown } from '../render/card-diff.js'
import type { Command, CommandIO } from './command.js'
import { parseFlags } from './parse-flags.js'
import { showControls, terminalJson } from '../core/text/control-chars.js'
import { withTempFolder } from '../temp-folders.js'

const USAGE = `Usage: aims-gate diff --model NAME (--version N | --alias A) [options]

Shows what changed from the champion to a model version: metrics with deltas, datasets
added, removed or with a new digest, and documentation sections edited.

Options:
  --model NAME|URI        registered model name, or a models:/ URI
  --version N             model version number
  --alias A               model alias (challenger, …)
  --against ALIAS         alias of the version to compare with (default: champion)
  --tracking-uri URI      MLflow tracking URI (default: MLFLOW_TRACKING_URI)
  --json                  print the diff as JSON
  -h, --help              show this help

Documentation is compared as MLflow holds it (aims.card.* tags on each version and the model),
because the repository's card source is not versioned with the model.

Exit codes: 0 diff printed · 1 the store could not be read · 2 invalid invocation, unknown model
or no version holds the --against alias.
`

export interface DiffCollectRequest {
  ref: ModelRef
  baselineAlias: string
  trackingUri: string | undefined
  io: CommandIO
}

export interface DiffDeps {
  /** Collects candidate and baseline evidence (default: the MLflow collector, no model download). */
  collectEvidence?: (request: DiffCollectRequest) => Promise<Evidence>
  clock?: Clock
}

const OPTIONS = {
  model: { type: 'string' },
  version: { type: 'string' },
  alias: { type: 'string' },
  against: { type: 'string' },
  'tracking-uri': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

function parse(argv: string[]) {
  return parseFlags('diff', argv, OPTIONS).values
}

function defaultCollector(clock: Clock): (request: DiffCollectRequest) => Promise<Evidence> {
  return async ({ ref, baselineAlias, trackingUri, io }) => {
    const store = await openStore(resolveTrackingUri(trackingUri, io.env), io.env, {
      deadline: startDeadline(DEFAULT_DEADLINE_SECONDS),
      log: (line) => io.stderr(`${line}\n`)
    })
    try {
      // Nothing is downloaded (downloadModel: false), but the collector wants a folder: a
      // temporary one, removed however the collection ends.
      return await withTempFolder('diff', (workDir) =>
        new MlflowEvidenceCollector(store, clock).collect({
          model: ref.model,
          ...(ref.version !== undefined ? { version: ref.version } : { alias: ref.alias as string }),
          baselineAlias,
          documents: [],
          downloadModel: false,
          workDir,
          change: {}
        })
      )
    } finally {
      // Local stores hold the database file open; REST stores have nothing to release.
      store.close()
    }
  }
}

/** Documentation of one version as MLflow holds it (the repository card is left out on purpose). */
function mlflowDocumentation(evidence: Evidence, version: VersionEvidence) {
  return resolveDocumentation({
    ...evidence,
    candidate: version,
    cardSource: missing('not-found', 'the repository card source is not compared by aims-gate diff')
  }).sections
}

export function createDiffCommand(deps: DiffDeps = {}): Command {
  const clock = deps.clock ?? { now: () => new Date() }
  const collect = deps.collectEvidence ?? defaultCollector(clock)
  return {
    name: 'diff',
    summary: 'Show what changed from the champion to a model version (metrics, datasets, documentation).',
    usage: USAGE,
    async run(argv: string[], io: CommandIO): Promise<ExitCode> {
      try {
        const args = parse(argv)
        if (args.help === true) {
          io.stdout(USAGE)
          return EXIT.allowed
        }
        const ref = resolveModelRef({ model: args.model, version: args.version, alias: args.alias })
        const against = args.against ?? 'champion'
        const evidence = await collect({ ref, baselineAlias: against, trackingUri: args['tracking-uri'], io })
        if (evidence.champion.kind !== 'present') {
          throw invalid(
            `No version of ${ref.model} to compare with: ${evidence.champion.detail} Fix: pass --against with an alias that is set (e.g. --against champion).`
          )
        }
        const diff = buildCardDiff({
          candidate: evidence.candidate,
          champion: evidence.champion.value,
          candidateDocumentation: mlflowDocumentation(evidence, evidence.candidate),
          championDocumentation: mlflowDocumentation(evidence, evidence.champion.value),
          baselineAlias: against
        })
        io.stdout(args.json === true ? `${terminalJson(diff)}\n` : showControls(renderCardDiffMarkdown(diff, '##')))
        return EXIT.allowed
      } catch (error) {
        if (error instanceof GateError) {
          io.stderr(`aims-gate diff: ${showControls(error.message)}\n`)
          return error.exitCode
        }
        throw error
      }
    }
  }
}

export const diffCommand: Command = createDiffCommand()
