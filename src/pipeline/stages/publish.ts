/**
 * The publish stage: the card, its HTML view and the report into the card folder (and the report
 * to `--report` when asked), then, when asked, the verdict tags, card and report onto the model
 * version in MLflow. Only a writable store can take the write-back; prepare refuses it earlier
 * for a local store, so the refusal here is the type's, not a second policy. The evidence bundle
 * and the OSCAL results and the SARIF file (when asked) are written after the report, before the
 * write-back.
 */
import path from 'node:path'
import type { MlflowStore } from '../../collect/mlflow/store.js'
import { invalid } from '../../core/errors.js'
import type { ChangeContext, Evidence } from '../../core/evidence/types.js'
import { writeBackToMlflow, type WritebackResult } from '../../publish/mlflow-writeback.js'
import { mlflowWriterFor } from '../../publish/mlflow-writer.js'
import { writeFileAtomic } from '../../publish/write-file-atomic.js'
import { writeCardAndReport, type WrittenOutputs } from '../../publish/write-outputs.js'
import { buildWritebackTags } from '../../render/writeback-tags.js'
import { writeAuditOutputs } from '../evidence-bundle.js'
import { writeSarifOutput } from '../sarif-output.js'
import type { GateOptions } from '../gate-options.js'
import type { PreparedRun } from '../prepared-run.js'
import { redactStrings } from './render.js'
import type { Rendered } from './render.js'

const READ_ONLY =
  'write-back needs an MLflow tracking server; this store is read-only. ' +
  'Fix: turn write-back off or point --tracking-uri at a server'

export interface Published {
  outputs: WrittenOutputs
  writeback?: WritebackResult
  /** The evidence bundle's folder (absolute), when one was asked for. */
  bundlePath?: string
  /** The SARIF file as given, when one was asked for. */
  sarifPath?: string
}

export interface PublishInput {
  options: GateOptions
  prepared: PreparedRun
  evidence: Evidence
  rendered: Rendered
  store: MlflowStore
  change: ChangeContext
  cwd: string
  now: Date
  redact: (text: string) => string
}

export async function publishOutputs(input: PublishInput): Promise<Published> {
  const { options, rendered } = input
  const version = input.evidence.candidate.modelVersion.value
  const outputs = await writeCardAndReport({
    cwd: input.cwd,
    ...(options.cardDir ? { cardDir: options.cardDir } : {}),
    model: version.name,
    version: version.version,
    card: rendered.card,
    cardHtml: rendered.cardHtml,
    report: rendered.reportJson
  })
  if (options.reportPath) await writeFileAtomic(path.resolve(input.cwd, options.reportPath), rendered.reportJson)
  // The snapshot is scrubbed like the report: credentials a server echoed into evidence stay out.
  const audit = {
    prepared: input.prepared,
    report: rendered.report,
    reportJson: rendered.reportJson,
    card: rendered.card,
    now: input.now,
    evidence: redactStrings(input.redact, input.evidence),
    change: redactStrings(input.redact, input.change)
  }
  const bundlePath = await writeAuditOutputs(audit, options, input.cwd)
  const sarifPath = await writeSarifOutput(input.prepared, rendered.report, options.sarifPath, input.cwd)
  const written = {
    outputs,
    ...(bundlePath === undefined ? {} : { bundlePath }),
    ...(sarifPath === undefined ? {} : { sarifPath })
  }
  if (!options.writeBack) return written
  if (!input.store.writable) throw invalid(READ_ONLY)
  const tags = buildWritebackTags({
    verdict: rendered.verdict,
    policy: rendered.policy,
    reportSha256: outputs.reportSha256,
    cardSha256: outputs.cardSha256,
    checkedAt: input.now.toISOString(),
    trace: rendered.trace,
    ...(input.change.runUrl ? { runUrl: input.change.runUrl } : {})
  })
  const file = (name: string, text: string, contentType: string) => ({
    name,
    bytes: Buffer.from(text, 'utf8'),
    contentType
  })
  const writeback = await writeBackToMlflow(mlflowWriterFor(input.store), {
    model: version.name,
    version: version.version,
    runId: version.runId,
    tags: Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, input.redact(value)])),
    files: [
      file(`${version.version}.md`, rendered.card, 'text/markdown'),
      file(`${version.version}.report.json`, rendered.reportJson, 'application/json')
    ]
  })
  return { ...written, writeback }
}
