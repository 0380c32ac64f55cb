/**
 * The render stage: the card (or, when the card cannot be rendered, a fallback card and a verdict
 * that blocks), its HTML view, the diff with the champion and the JSON report. Nothing is written
 * here; credentials a server echoed into the evidence (an error message quoting a header) are
 * scrubbed from everything it returns, once, here. Pure: `verify` renders a bundle's snapshot
 * through it and requires the bundled report and card byte for byte.
 */
import { buildCardDiff, type CardDiff } from '../../render/card-diff.js'
import { buildCardModel, type PolicyIdentity } from '../../render/card/card-model.js'
import { fallbackCard } from '../../render/card/fallback-card.js'
import { renderCard } from '../../render/card/render-card.js'
import { renderCardHtml } from '../../render/html/card-html.js'
import { buildReport } from '../../render/report.js'
import type { Report } from '../../render/report-schema.js'
import { buildTraceability, type Traceability } from '../../render/traceability.js'
import { resolveDocumentation } from '../../core/documentation/resolve-documentation.js'
import type { ChangeContext, Evidence } from '../../core/evidence/types.js'
import { withCardFailure } from '../../core/verdict/card-failure.js'
import type { Verdict } from '../../core/verdict/types.js'
import type { PolicyNeeds } from '../../core/policy/policy-needs.js'
import type { PreparedRun } from '../prepared-run.js'

/** What rendering takes from the prepared run (also what an evidence bundle records of it). */
export type RenderBasis = Pick<PreparedRun, 'profile' | 'governance' | 'template'> & {
  needs: Pick<PolicyNeeds, 'baselineAlias'>
}

export interface RenderInput {
  prepared: RenderBasis
  evidence: Evidence
  verdict: Verdict
  change: ChangeContext
  now: Date
  /** What the report says about the promotion target (collect.ts `promotionFacts`). */
  promotion?: Report['promotion']
  redact: (text: string) => string
}

export interface Rendered {
  /** The evaluated verdict, or the blocking one when the card could not be rendered. */
  verdict: Verdict
  card: string
  cardHtml: string
  report: Report
  reportJson: string
  diff: CardDiff | null
  policy: PolicyIdentity
  trace: Traceability
}

export function renderOutputs(input: RenderInput): Rendered {
  const { prepared, evidence, now, redact } = input
  const { profile } = prepared
  const policy = {
    name: profile.policy.name,
    sha256: profile.policy.sha256,
    profile: profile.name,
    ...(profile.objectives === undefined ? {} : { objectives: profile.objectives })
  }
  const trace = buildTraceability(input.change, profile.policy.file)
  const documentation = resolveDocumentation(evidence)
  const champion = evidence.champion.kind === 'present' ? evidence.champion.value : undefined
  const championDocumentation = champion
    ? resolveDocumentation({ ...evidence, candidate: champion }).sections
    : undefined
  const diff = champion
    ? buildCardDiff({
        candidate: evidence.candidate,
        champion,
        candidateDocumentation: documentation.sections,
        ...(championDocumentation ? { championDocumentation } : {}),
        ...(prepared.needs.baselineAlias ? { baselineAlias: prepared.needs.baselineAlias } : {})
      })
    : null
  const version = evidence.candidate.modelVersion.value
  let verdict = input.verdict
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
    verdict = withCardFailure(prepared.profile, verdict, reason)
    card = redact(fallbackCard(version.name, version.version, reason))
  }
  // Value by value, so a secret that looks like JSON (`true`, `123`) cannot break the file.
  const report = redactStrings(
    redact,
    buildReport({
      verdict,
      evidence,
      profile: prepared.profile.name,
      policy: prepared.profile.policy,
      governance: prepared.governance,
      now,
      trace,
      ...(input.promotion ? { promotion: input.promotion } : {})
    })
  )
  // From the card as written (redacted), so both views say the same; also for a blocked or fallback card.
  const cardHtml = redact(
    renderCardHtml({
      card,
      model: version.name,
      version: version.version,
      verdict: verdict.verdict,
      blocking: verdict.blocking
    })
  )
  return { verdict, card, cardHtml, report, reportJson: `${JSON.stringify(report, null, 2)}\n`, diff, policy, trace }
}

/** A copy of a JSON value with every string (keys included) redacted. */
export function redactStrings<T>(redact: (text: string) => string, value: T): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map((item: unknown) => redactStrings(redact, item)) as T
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => [redact(key), redactStrings(redact, item)])
    return Object.fromEntries(entries) as T
  }
  return value
}
