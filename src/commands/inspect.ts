/**
 * `aims-gate inspect`: collect and print the evidence for one model version, without evaluating a
 * policy. The quickest way to see what the gate will see (and why something is missing).
 */
import { resolve } from 'node:path'
import type { Clock } from '../pipeline/ports.js'
import { MlflowEvidenceCollector } from '../collect/mlflow/assemble-evidence.js'
import { DEFAULT_DEADLINE_SECONDS, startDeadline } from '../collect/deadline.js'
import { openStore, type OpenStoreOptions } from '../collect/mlflow/open-store.js'
import type { MlflowStore } from '../collect/mlflow/store.js'
import { resolveTrackingUri } from '../collect/mlflow/tracking-uri.js'
import { EXIT, GateError, invalid, type ExitCode } from '../core/errors.js'
import { formatModelRef, resolveModelRef } from '../core/model-ref.js'
import type { Command, CommandIO } from './command.js'
import { parseFlags } from './parse-flags.js'
import { formatEvidenceSummary } from './inspect-summary.js'
import { showControls, terminalJson } from '../core/text/control-chars.js'
import { makeTempFolder, removeTempFolder } from '../temp-folders.js'

const USAGE = `Usage: aims-gate inspect --model NAME (--version N | --alias A) [options]
       aims-gate inspect models:/NAME@ALIAS | models:/NAME/VERSION [options]

Collects the evidence for one registered model version and prints it.

Options:
  --model NAME|URI        registered model name, or a models:/ URI
  --version N             model version number
  --alias A               model alias (challenger, …)
  --baseline-alias A      alias of the version to compare with (default: champion)
  --document PATH         run artifact to fetch as a document (repeatable)
  --tracking-uri URI      MLflow tracking URI (default: MLFLOW_TRACKING_URI)
  --download-model        download and hash the whole model directory
  --work-dir DIR          where downloaded models go (default: a temporary folder, removed afterwards)
  --timeout SECONDS       per-request timeout (default: MLFLOW_HTTP_REQUEST_TIMEOUT or 30)
  --json                  print the evidence as JSON
  -h, --help              show this help

Exit codes: 0 evidence printed · 1 the store could not be read · 2 invalid invocation or unknown model.
`

export interface InspectDeps {
  clock?: Clock
  openStore?: (uri: string, env: CommandIO['env'], options: OpenStoreOptions) => Promise<MlflowStore>
}

export function createInspectCommand(deps: InspectDeps = {}): Command {
  const clock = deps.clock ?? { now: () => new Date() }
  const open = deps.openStore ?? openStore
  return {
    name: 'inspect',
    summary: 'Print the evidence MLflow holds for a model version (no policy evaluated).',
    usage: USAGE,
    async run(argv: string[], io: CommandIO): Promise<ExitCode> {
      try {
        const args = parse(argv)
        if (args.help) {
          io.stdout(USAGE)
          return EXIT.allowed
        }
        const positional = args.positionals[0]
        if (args.positionals.length > 1 || (positional !== undefined && args.model !== undefined)) {
          throw invalid(`Unexpected argument "${args.positionals[args.model === undefined ? 1 : 0] ?? ''}". Fix: give the model once, as --model NAME or a models:/ URI.`)
        }
        const ref = resolveModelRef({ model: args.model ?? positional, version: args.version, alias: args.alias })
        const trackingUri = resolveTrackingUri(args['tracking-uri'], io.env)
        // Default deadline as for check; retries announced on stderr as they happen.
        const options: OpenStoreOptions = { deadline: startDeadline(DEFAULT_DEADLINE_SECONDS), log: (line) => io.stderr(`${line}\n`) }
        if (args.timeout !== undefined) options.timeoutSeconds = parseTimeout(args.timeout)
        const store = await open(trackingUri, io.env, options)
        let evidence
        let temporary: string | undefined
        try {
          const download = args['download-model'] ?? false
          // A temporary folder only when something will be downloaded into it; removed once the
          // files are hashed (the evidence keeps their digests, not the files).
          if (args['work-dir'] === undefined && download) temporary = await makeTempFolder('inspect')
          const workDir = args['work-dir'] !== undefined ? resolve(io.cwd, args['work-dir']) : (temporary ?? io.cwd)
          evidence = await new MlflowEvidenceCollector(store, clock).collect({
            model: ref.model,
            ...(ref.version !== undefined ? { version: ref.version } : { alias: ref.alias as string }),
            baselineAlias: args['baseline-alias'] ?? 'champion',
            documents: args.document ?? [],
            downloadModel: download,
            workDir,
            change: {}
          })
        } finally {
          // Local stores hold the database file open; REST stores have nothing to release.
          store.close()
          if (temporary !== undefined) await removeTempFolder(temporary)
        }
        io.stdout(args.json ? `${terminalJson(evidence)}\n` : showControls(formatEvidenceSummary(evidence, formatModelRef(ref))))
        return EXIT.allowed
      } catch (error) {
        if (error instanceof GateError) {
          io.stderr(`aims-gate inspect: ${showControls(error.message)}\n`)
          return error.exitCode
        }
        throw error
      }
    }
  }
}

export const inspectCommand: Command = createInspectCommand()

const OPTIONS = {
  model: { type: 'string' },
  version: { type: 'string' },
  alias: { type: 'string' },
  'baseline-alias': { type: 'string' },
  document: { type: 'string', multiple: true },
  'tracking-uri': { type: 'string' },
  'download-model': { type: 'boolean' },
  'work-dir': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

function parse(argv: string[]) {
  const { values, positionals } = parseFlags('inspect', argv, OPTIONS, true)
  return { ...values, positionals }
}

function parseTimeout(raw: string): number {
  const seconds = Number(raw)
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw invalid(`--timeout ${raw} is not a positive number of seconds. Fix: pass e.g. --timeout 30.`)
  }
  return seconds
}
