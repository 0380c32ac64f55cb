/**
 * `aims-gate init`: reads what MLflow holds for one model version (the evidence `inspect` shows)
 * and writes a starter policy, a card source and a GitHub workflow a new user edits instead of
 * writing them from nothing. The policy does not validate until its approver roster is filled.
 */
import path from 'node:path'
import { defaultCardSourcePath } from '../collect/card-source-file.js'
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import { starterPolicy } from '../core/init/starter-policy.js'
import { resolveModelRef } from '../core/model-ref.js'
import { showControls } from '../core/text/control-chars.js'
import { optionsHelp } from '../options/help.js'
import { pathSegment } from '../path-segment.js'
import { renderCardSource } from '../render/init/card-source.js'
import { renderPolicyYaml } from '../render/init/policy-yaml.js'
import { renderWorkflow } from '../render/init/workflow.js'
import { defineCommand, type Command, type CommandIO } from './command.js'
import { writeInitFiles, type InitFile } from './init-files.js'
import { clockOf, type EvidenceCommandDeps, readEvidence } from './read-evidence.js'

const USAGE = `Usage: aims-gate init --model NAME (--alias A | --version N) [options]

Reads the evidence MLflow holds for one model version and writes, under --out:
  policies/<model>.yml                a starter policy: profiles pull-request, staging, production
  model-cards/<model>.md              the card source, one stub per section the policy requires
  .github/workflows/aims-gate.yml     a workflow that runs the gate on pull requests

The policy's approver roster is the placeholder TODO: aims-gate policy validate refuses the policy
until you replace it with the people who may approve a release. An existing file is never
replaced without --force.

${optionsHelp('init')}
Exit codes: 0 files written · 1 the store could not be read · 2 invalid invocation, unknown model
or a file already exists.
`

export const WORKFLOW_PATH = '.github/workflows/aims-gate.yml'
export const policyPathFor = (model: string): string => `policies/${pathSegment(model)}.yml`

export type InitDeps = EvidenceCommandDeps

export function createInitCommand(deps: InitDeps = {}): Command {
  const clock = clockOf(deps)
  return defineCommand({
    options: 'init',
    summary: "Write a starter policy, card source and workflow from a model version's evidence.",
    usage: USAGE,
    async run({ values }, io: CommandIO): Promise<ExitCode> {
      const request = {
        command: 'init' as const,
        ref: resolveModelRef({ model: values.model, version: values.version, alias: values.alias }),
        baselineAlias: 'champion',
        trackingUri: values.trackingUri,
        // The model's flavours say whether the gate can re-run it (ONNX): recomputed floors then.
        downloadModel: true
      }
      const { timeoutSeconds } = values
      const evidence = await readEvidence({ ...request, timeoutSeconds }, io, clock, deps.openStore)
      const model = evidence.registeredModel.value.name
      const policy = starterPolicy(evidence)
      const pullRequest = (policy.document.profiles as Record<string, { requirements: unknown[] }>)['pull-request']
      if ((pullRequest?.requirements.length ?? 0) === 0) {
        throw invalid(
          `Version ${evidence.candidate.modelVersion.value.version} of ${model} has no logged metric ` +
            'and no dataset, so a starter policy would have nothing to gate on. Fix: log metrics and datasets ' +
            'in its run (aims-gate inspect shows what MLflow holds), or start from policies/default.yml.'
        )
      }
      const files: InitFile[] = [
        { path: policyPathFor(model), text: renderPolicyYaml(policy) },
        { path: defaultCardSourcePath(model), text: renderCardSource(model, policy.sections) },
        {
          path: WORKFLOW_PATH,
          text: renderWorkflow({
            model,
            target:
              request.ref.version !== undefined
                ? { version: request.ref.version }
                : { alias: request.ref.alias ?? 'challenger' },
            policyPath: policyPathFor(model),
            cardSourcePath: defaultCardSourcePath(model)
          })
        }
      ]
      const written = await writeInitFiles(path.resolve(io.cwd, values.out), files, values.overwrite)
      const lines = written.map((file) => `wrote ${path.join(values.out, file)}`)
      const policyFile = path.join(values.out, policyPathFor(model))
      lines.push(
        `Next: replace TODO in the approvers of ${policyFile}, then run ` + `aims-gate policy validate ${policyFile}.`
      )
      io.stdout(showControls(`${lines.join('\n')}\n`))
      return EXIT.allowed
    }
  })
}

export const initCommand: Command = createInitCommand()
