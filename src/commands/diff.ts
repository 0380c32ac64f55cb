/**
 * `aims-gate diff`: what changed from the champion (or another alias) to a model version —
 * metrics with deltas, datasets added/removed/re-digested, documentation sections edited —
 * without evaluating a policy. The same diff appears in the card and the pull-request comment.
 */
import type { Clock } from '../pipeline/ports.js'
import { resolveDocumentation } from '../core/documentation/resolve-documentation.js'
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import type { Evidence, VersionEvidence } from '../core/evidence/types.js'
import { missing } from '../core/evidence/items.js'
import { resolveModelRef, type ModelRef } from '../core/model-ref.js'
import { showControls, terminalJson } from '../core/text/control-chars.js'
import { optionsHelp } from '../options/help.js'
import { buildCardDiff, renderCardDiffMarkdown } from '../render/card-diff.js'
import { defineCommand, type Command, type CommandIO } from './command.js'
import { readEvidence } from './read-evidence.js'

const USAGE = `Usage: aims-gate diff --model NAME (--version N | --alias A) [options]

Shows what changed from the champion to a model version: metrics with deltas, datasets
added, removed or with a new digest, and documentation sections edited.

${optionsHelp('diff')}
Documentation is compared as MLflow holds it (aims.card.* tags on each version and the model),
because the repository's card source is not versioned with the model.

Exit codes: 0 diff printed · 1 the store could not be read · 2 invalid invocation, unknown model
or no version holds the --against alias.
`

export interface DiffCollectRequest {
  ref: ModelRef
  baselineAlias: string
  trackingUri: string | undefined
  timeoutSeconds?: number
  io: CommandIO
}

export interface DiffDeps {
  /** Collects candidate and baseline evidence (default: the MLflow collector, no model download). */
  collectEvidence?: (request: DiffCollectRequest) => Promise<Evidence>
  clock?: Clock
}

function defaultCollector(clock: Clock): (request: DiffCollectRequest) => Promise<Evidence> {
  // Nothing is downloaded: the MLflow records of both versions are enough for a diff.
  return ({ io, ...request }) => readEvidence({ command: 'diff', ...request }, io, clock)
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
  return defineCommand({
    options: 'diff',
    summary: 'Show what changed from the champion to a model version (metrics, datasets, documentation).',
    usage: USAGE,
    async run({ values }, io: CommandIO): Promise<ExitCode> {
      const ref = resolveModelRef({ model: values.model, version: values.version, alias: values.alias })
      const against = values.against
      const { trackingUri, timeoutSeconds } = values
      const evidence = await collect({ ref, baselineAlias: against, trackingUri, timeoutSeconds, io })
      if (evidence.champion.kind !== 'present') {
        throw invalid(
          `No version of ${ref.model} to compare with: ${evidence.champion.detail} ` +
            'Fix: pass --against with an alias that is set (e.g. --against champion).'
        )
      }
      const diff = buildCardDiff({
        candidate: evidence.candidate,
        champion: evidence.champion.value,
        candidateDocumentation: mlflowDocumentation(evidence, evidence.candidate),
        championDocumentation: mlflowDocumentation(evidence, evidence.champion.value),
        baselineAlias: against
      })
      io.stdout(values.json ? `${terminalJson(diff)}\n` : showControls(renderCardDiffMarkdown(diff, '##')))
      return EXIT.allowed
    }
  })
}

export const diffCommand: Command = createDiffCommand()
