/**
 * `aims-gate inspect`: collect and print the evidence for one model version, without evaluating a
 * policy. The quickest way to see what the gate will see (and why something is missing).
 */
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import { formatModelRef, resolveModelRef } from '../core/model-ref.js'
import { showControls, terminalJson } from '../core/text/control-chars.js'
import { optionsHelp } from '../options/help.js'
import { defineCommand, type Command, type CommandIO } from './command.js'
import { formatEvidenceSummary } from './inspect-summary.js'
import { clockOf, type EvidenceCommandDeps, readEvidence } from './read-evidence.js'

const USAGE = `Usage: aims-gate inspect --model NAME (--version N | --alias A) [options]
       aims-gate inspect models:/NAME@ALIAS | models:/NAME/VERSION [options]

Collects the evidence for one registered model version and prints it.

${optionsHelp('inspect')}
Exit codes: 0 evidence printed · 1 the store could not be read · 2 invalid invocation or unknown model.
`

export type InspectDeps = EvidenceCommandDeps

export function createInspectCommand(deps: InspectDeps = {}): Command {
  const clock = clockOf(deps)
  return defineCommand({
    options: 'inspect',
    positionals: true,
    summary: 'Print the evidence MLflow holds for a model version (no policy evaluated).',
    usage: USAGE,
    async run({ values, positionals }, io: CommandIO): Promise<ExitCode> {
      const positional = positionals[0]
      if (positionals.length > 1 || (positional !== undefined && values.model !== undefined)) {
        const extra = positionals[values.model === undefined ? 1 : 0] ?? ''
        throw invalid(`Unexpected argument "${extra}". Fix: give the model once, as --model NAME or a models:/ URI.`)
      }
      const ref = resolveModelRef({ model: values.model ?? positional, version: values.version, alias: values.alias })
      const evidence = await readEvidence(
        {
          command: 'inspect',
          ref,
          baselineAlias: values.baselineAlias,
          trackingUri: values.trackingUri,
          timeoutSeconds: values.timeoutSeconds,
          documents: values.documents,
          downloadModel: values.downloadModel,
          ...(values.workDir === undefined ? {} : { workDir: values.workDir })
        },
        io,
        clock,
        deps.openStore
      )
      const text = values.json ? `${terminalJson(evidence)}\n` : formatEvidenceSummary(evidence, formatModelRef(ref))
      io.stdout(values.json ? text : showControls(text))
      return EXIT.allowed
    }
  })
}

export const inspectCommand: Command = createInspectCommand()
