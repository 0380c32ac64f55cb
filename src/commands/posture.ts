/**
 * `aims-gate posture`: the compliance posture of the whole registry, as a static site and
 * `posture.json` (docs/posture.md). Reads only; exit 0 when the site was written.
 */
import { EXIT } from '../core/errors.js'
import { optionsHelp } from '../options/help.js'
import { runPosture } from '../pipeline/posture/run-posture.js'
import { defineCommand } from './command.js'
import { gatePorts } from './gate-ports.js'

const USAGE = `Usage: aims-gate posture --tracking-uri URI --out DIR [--policy FILE [--profile NAME]] [--alias A …]

Reads every registered model of an MLflow tracking server (versions, aliases, the aims.gate.*
tags and the reports the gate uploaded) and writes the registry's compliance posture to DIR:
a static site and posture.json (schemas/posture.schema.json). Nothing is written to MLflow.

${optionsHelp('posture')}
Exit codes: 0 written · 1 the registry could not be read · 2 invalid invocation.
`

export const postureCommand = defineCommand({
  options: 'posture',
  summary: 'registry-wide compliance posture: a static site and posture.json',
  usage: USAGE,
  async run({ values }, io) {
    const run = await runPosture(
      {
        aliases: values.postureAliases,
        maxInFlight: values.maxInFlight,
        approvalMaxAgeDays: values.approvalMaxAgeDays,
        ...(values.trackingUri === undefined ? {} : { trackingUri: values.trackingUri }),
        ...(values.postureOut === undefined ? {} : { out: values.postureOut }),
        ...(values.policyPath === undefined ? {} : { policyPath: values.policyPath }),
        ...(values.profile === undefined ? {} : { profile: values.profile }),
        ...(values.timeoutSeconds === undefined ? {} : { timeoutSeconds: values.timeoutSeconds }),
        ...(values.now === undefined ? {} : { now: values.now }),
        ...(values.sourceDateEpoch === undefined ? {} : { sourceDateEpoch: values.sourceDateEpoch })
      },
      gatePorts(io)
    )
    const t = run.report.totals
    io.stdout(
      `posture: ${t.models} models (${t.passing} passing, ${t.blocked} blocked, ${t.neverGated} never gated), ` +
        `${t.findings} findings → ${run.out} (${run.files.length} files; ${run.report.requests.count} MLflow ` +
        `requests, at most ${run.report.requests.maxInFlight} in flight)\n`
    )
    return EXIT.allowed
  }
})
