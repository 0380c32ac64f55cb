/**
 * The one pipeline both entries share: prepare → collect → evaluate → render → publish.
 * It returns everything an entry needs to print, set outputs, comment or exit; it never prints
 * or exits itself.
 */
import { buildCardDiff, type CardDiff } from '../render/card-diff.js'
import { buildCardModel } from '../render/card/card-model.js'
import { renderCard } from '../render/card/render-card.js'
import { renderCardHtml } from '../render/html/card-html.js'
import { buildReport } from '../render/report.js'
import type { Report } from '../render/report-schema.js'
import { buildWritebackTags } from '../render/writeback-tags.js'
import { buildTraceability } from '../render/traceability.js'
import { resolveDocumentation } from '../core/documentation/resolve-documentation.js'
import type { ChangeContext, Evidence } from '../core/evidence/types.js'
import { evaluate } from '../core/verdict/evaluate.js'
import type { Verdict } from '../core/verdict/types.js'
import { withCardFailure } from '../core/verdict/card-failure.js'
import { fallbackCard } from '../render/card/fallback-card.js'
import { writeBackToMlflow, type WritebackResult } from '../publish/mlflow-writeback.js'
import { mlflowWriterFor, type StoreWriteOps } from '../publish/mlflow-writer.js'
import { writeFileAtomic } from '../publish/write-file-atomic.js'
import { writeCardAndReport, type WrittenOutputs } from '../publish/write-outputs.js'
import path from 'node:path'
import type { MlflowStore } from '../collect/mlflow/store.js'
import { invalid } from '../core/errors.js'
import { collectEvidence, type CollectPorts } from './collect-evidence.js'
import type { GateOptions } from './gate-options.js'
import { prepareRun, type PreparedRun } from './prepare-run.js'
import { holderStatus } from '../core/promotion/promotion-record.js'
import { evidenceDigest } from '../collect/mlflow/evidence-digest.js'

export interface GateRun {
  prepared: PreparedRun
  evidence: Evidence
  verdict: Verdict
  report: Report
  card: string
  diff: CardDiff | null
  outputs: WrittenOutputs
  writeback?: WritebackResult
  /** Requests sent to a tracking server while collecting (absent for a local store). */
  mlflowRequests?: number
}

/** Only a tracking server can be written to (prepareRun refuses write-back for local stores). */
function writableStore(store: MlflowStore): StoreWriteOps {
  const candidate = store as MlflowStore & Partial<StoreWriteOps>
  if (typeof candidate.setModelVersionTag === 'function' && typeof candidate.uploadArtifact === 'function') return candidate as MlflowStore & StoreWriteOps
  throw invalid('write-back needs an MLflow tracking server; this store is read-only. Fix: turn write-back off or point --tracking-uri at a server')
}

function redactValues(redact: (text: string) => string, tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, redact(value)]))
}

/** A copy of a JSON value with every string (keys included) redacted. */
function redactStrings<T>(redact: (text: string) => string, value: T): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(redact, item)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactStrings(redact, item)])) as T
  }
  return value
}

/**
 * The target alias as the gate saw it: `--to`/`promote-to`, else the policy's baseline alias.
 * The evidence digest is read only when a promotion was asked for (it costs two requests).
 */
async function promotionSection(options: GateOptions, prepared: PreparedRun, evidence: Evidence, store: MlflowStore): Promise<Report['promotion']> {
  const target = options.promoteTo ?? prepared.needs.baselineAlias
  if (target === undefined) return undefined
  const model = evidence.registeredModel.value
  const status = holderStatus(model.name, target, model.aliases, model.tags)
  const version = evidence.candidate.modelVersion.value
  return {
    target,
    expectedCurrent: status.holder,
    holderRecorded: status.recorded,
    ...(status.warning === undefined ? {} : { warning: status.warning }),
    ...(options.promoteTo === undefined ? {} : { evidenceSha256: await evidenceDigest(store, version.name, version.version) })
  }
}

export async function runGate(options: GateOptions, change: ChangeContext, ports: CollectPorts): Promise<GateRun> {
  const prepared = await prepareRun(options, ports.env, ports.cwd, ports.pullRequestBase)
  const collected = await collectEvidence(prepared, options, change, ports)
  try {
    const { evidence } = collected
    const now = ports.clock.now()
    let verdict = evaluate(prepared.profile, evidence, { now })
    const policy = { name: prepared.profile.policy.name, sha256: prepared.profile.policy.sha256, profile: prepared.profile.name }
    const trace = buildTraceability(change, prepared.profile.policy.file)

    const documentation = resolveDocumentation(evidence)
    const champion = evidence.champion.kind === 'present' ? evidence.champion.value : undefined
    const championDocumentation = champion ? resolveDocumentation({ ...evidence, candidate: champion }).sections : undefined
    const diff = champion
      ? buildCardDiff({
          candidate: evidence.candidate,
          champion,
          candidateDocumentation: documentation.sections,
          ...(championDocumentation ? { championDocumentation } : {}),
          ...(prepared.needs.baselineAlias ? { baselineAlias: prepared.needs.baselineAlias } : {})
        })
      : null
    // Everything below is written somewhere (files, MLflow, stdout): credentials a server echoed
    // into the evidence (an error message quoting a header) are scrubbed once, here.
    const redact = ports.redact ?? ((text: string) => text)
    let card: string
    try {
      const view = buildCardModel({
        evidence,
        verdict,
        documentation: documentation.sections,
        documentationNotes: documentation.notes,
        policy,
        generatedAt: now.toISOString(),
        trace,
        ...(championDocumentation ? { championDocumentation } : {})
      })
      card = redact(renderCard(view, prepared.template))
    } catch (error) {
      // Evaluated, but no card: the report is still written, and says the release is blocked.
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error'
      const version = evidence.candidate.modelVersion.value
      verdict = withCardFailure(prepared.profile, verdict, reason)
      card = redact(fallbackCard(version.name, version.version, reason))
    }
    // Value by value, so a secret that looks like JSON (`true`, `123`) cannot break the file.
    const promotion = await promotionSection(options, prepared, evidence, collected.store)
    const report = redactStrings(redact, buildReport({ verdict, evidence, profile: prepared.profile.name, policy: prepared.profile.policy, governance: prepared.governance, now, trace, ...(promotion ? { promotion } : {}) }))
    const reportJson = `${JSON.stringify(report, null, 2)}\n`

    const version = evidence.candidate.modelVersion.value
    const outputs = await writeCardAndReport({
      cwd: ports.cwd,
      ...(options.cardDir ? { cardDir: options.cardDir } : {}),
      model: version.name,
      version: version.version,
      card,
      // From the card as written (redacted), so both views say the same; also for a blocked or fallback card.
      cardHtml: redact(renderCardHtml({ card, model: version.name, version: version.version, verdict: verdict.verdict, blocking: verdict.blocking })),
      report: reportJson
    })
    if (options.reportPath) await writeFileAtomic(path.resolve(ports.cwd, options.reportPath), reportJson)

    // Read before write-back so the count is what collecting the evidence cost (and the digest).
    const requests = (collected.store as MlflowStore & { roundTrips?: number }).roundTrips
    const run: GateRun = { prepared, evidence, verdict, report, card, diff, outputs, ...(requests === undefined ? {} : { mlflowRequests: requests }) }
    if (options.writeBack) {
      run.writeback = await writeBackToMlflow(mlflowWriterFor(writableStore(collected.store)), {
        model: version.name,
        version: version.version,
        runId: version.runId,
        tags: redactValues(redact, buildWritebackTags({
          verdict,
          policy,
          reportSha256: outputs.reportSha256,
          cardSha256: outputs.cardSha256,
          checkedAt: now.toISOString(),
          trace,
          ...(change.runUrl ? { runUrl: change.runUrl } : {})
        })),
        files: [
          { name: `${version.version}.md`, bytes: Buffer.from(card, 'utf8'), contentType: 'text/markdown' },
          { name: `${version.version}.report.json`, bytes: Buffer.from(reportJson, 'utf8'), contentType: 'application/json' }
        ]
      })
    }
    return run
  } finally {
    await collected.dispose()
  }
}
