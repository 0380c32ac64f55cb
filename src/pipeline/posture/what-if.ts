/**
 * "What if we adopted this policy today": one aliased version re-evaluated from MLflow's evidence
 * by the gate's own prepare → collect → evaluate stages (nothing rendered, nothing written back,
 * no GitHub). Whatever stops the evaluation becomes an error result, which counts as blocked.
 */
import type { WhatIfResult } from '../../core/posture/collected.js'
import { parseGateOptions } from '../gate-options.js'
import type { GatePorts } from '../ports.js'
import { collectEvidence } from '../stages/collect.js'
import { evaluateEvidence } from '../stages/evaluate.js'
import { prepareRun } from '../stages/prepare.js'

export interface WhatIfSettings {
  trackingUri: string
  policyPath: string
  profile?: string
  timeoutSeconds?: number
  now: Date
}

export type WhatIf = (model: string, version: string) => Promise<WhatIfResult>

/** `onRequests` receives what each evaluation cost, so the posture's count includes it. */
export function whatIfEvaluator(settings: WhatIfSettings, ports: GatePorts, onRequests: (n: number) => void): WhatIf {
  return async (model, version) => {
    try {
      const options = parseGateOptions(
        {
          trackingUri: settings.trackingUri,
          model,
          version,
          policyPath: settings.policyPath,
          ...(settings.profile === undefined ? {} : { profile: settings.profile }),
          ...(settings.timeoutSeconds === undefined ? {} : { timeoutSeconds: settings.timeoutSeconds })
        },
        (key) => key
      )
      const prepared = await prepareRun(options, ports.env, ports.cwd)
      const collected = await collectEvidence(prepared, options, {}, ports)
      try {
        const verdict = evaluateEvidence(prepared, collected.evidence, settings.now)
        return { verdict: verdict.verdict, blocking: [...verdict.blocking] }
      } finally {
        onRequests(collected.store.requestCount ?? 0)
        await collected.dispose()
      }
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) }
    }
  }
}
