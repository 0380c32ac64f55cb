/**
 * The one pipeline both entries share: prepare → collect → evaluate → render → publish, one
 * module each in `stages/`; this file only wires them. It returns everything an entry needs to
 * print, set outputs, comment or exit; it never prints or exits itself.
 */
import type { WritebackResult } from '../publish/mlflow-writeback.js'
import type { WrittenOutputs } from '../publish/write-outputs.js'
import type { CardDiff } from '../render/card-diff.js'
import type { Report } from '../render/report-schema.js'
import type { ChangeContext, Evidence } from '../core/evidence/types.js'
import type { Verdict } from '../core/verdict/types.js'
import type { GateOptions } from './gate-options.js'
import type { GatePorts } from './ports.js'
import type { PreparedRun } from './prepared-run.js'
import { prepareRun } from './stages/prepare.js'
import { collectEvidence, promotionFacts } from './stages/collect.js'
import { evaluateEvidence } from './stages/evaluate.js'
import { renderOutputs } from './stages/render.js'
import { publishOutputs } from './stages/publish.js'

export interface GateRun {
  prepared: PreparedRun
  evidence: Evidence
  verdict: Verdict
  report: Report
  card: string
  diff: CardDiff | null
  outputs: WrittenOutputs
  writeback?: WritebackResult
  /** The evidence bundle's folder (absolute), when one was asked for. */
  bundlePath?: string
  /** The SARIF file as given, when one was asked for. */
  sarifPath?: string
  /** Requests sent to a tracking server while collecting (absent for a local store). */
  mlflowRequests?: number
}

export async function runGate(options: GateOptions, change: ChangeContext, ports: GatePorts): Promise<GateRun> {
  const prepared = await prepareRun(options, ports.env, ports.cwd, ports.pullRequestBase)
  const collected = await collectEvidence(prepared, options, change, ports)
  try {
    const { evidence, store } = collected
    const now = ports.clock.now()
    const verdict = evaluateEvidence(prepared, evidence, now)
    const promotion = await promotionFacts(options, prepared, evidence, store)
    const redact = ports.redact ?? ((text: string) => text)
    const rendered = renderOutputs({
      prepared,
      evidence,
      verdict,
      change,
      now,
      redact,
      ...(promotion ? { promotion } : {})
    })
    // Read before write-back so the count is what collecting the evidence cost (and the digest).
    const requests = store.requestCount
    const published = await publishOutputs({
      options,
      prepared,
      evidence,
      rendered,
      store,
      change,
      cwd: ports.cwd,
      now,
      redact
    })
    return {
      prepared,
      evidence,
      verdict: rendered.verdict,
      report: rendered.report,
      card: rendered.card,
      diff: rendered.diff,
      ...published,
      ...(requests === undefined ? {} : { mlflowRequests: requests })
    }
  } finally {
    await collected.dispose()
  }
}
