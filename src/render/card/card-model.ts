/**
 * Builds the card's view model from evidence, verdict and documentation. Pure: no I/O, no clock
 * (`generatedAt` comes in as a value), so the same inputs always give the same card.
 */
import { pathSegment } from '../../path-segment.js'
import { DOCUMENTATION_SECTION_TITLES } from '../../core/documentation/section-titles.js'
import {
  DOCUMENTATION_SECTIONS,
  type DocumentationSectionId,
  type DocumentationSet
} from '../../core/documentation/types.js'
import type { Evidence, VersionEvidence } from '../../core/evidence/types.js'
import type { Verdict } from '../../core/verdict/types.js'
import { buildCardDiff, cardDiffView } from '../card-diff.js'
import {
  escapeMarkdownBlock,
  escapeMarkdownInline,
  inlineCode,
  neutraliseReviewedMarkdown,
  truncateText
} from '../escape.js'
import { buildFrontMatter, type CardTask } from './card-front-matter.js'
import { fairnessView } from './card-fairness.js'
import { approvalsView, impactView, waiversView } from './card-governance.js'
import { cell, datasetRows, metricRows, requirementRow, sourceNotes } from './card-tables.js'
import type { CardView, MetricRow, SectionView } from './card-view.js'
import { describeProvenance, shortDigest } from './provenance-text.js'
import { controlsView } from './card-controls.js'
import { identityRows } from './card-identity.js'
import { unwrapParagraphs } from './unwrap-paragraphs.js'
import { summaryView } from './card-summary.js'
import type { Traceability } from '../traceability.js'
import { VERSION } from '../../version.js'

/** Longest human-owned section body a card shows before saying what was cut. */
export const MAX_SECTION_CHARS = 20_000

export interface PolicyIdentity {
  name: string
  sha256: string
  profile: string
  /** The profile's objectives (`objectives:` in the policy and the packs it extends). */
  objectives?: readonly string[]
}

export interface CardModelInput {
  evidence: Evidence
  verdict: Verdict
  documentation: DocumentationSet
  policy: PolicyIdentity
  /** ISO-8601, from the clock port. */
  generatedAt: string
  /** The champion's documentation, for the "documentation edited" part of the diff. */
  championDocumentation?: DocumentationSet
  /** Overrides the task inferred from the metric names. */
  task?: CardTask
  /** Why a section is absent (`ResolvedDocumentation.notes`), added to its "Missing" line. */
  documentationNotes?: Partial<Record<DocumentationSectionId, string>>
  /** Which aims-gate and repository commit wrote the card; the tool version alone when not given. */
  trace?: Traceability
}

/** Names and identifiers in running text: escaped, one line, bounded. */
const md = (text: string): string => escapeMarkdownInline(truncateText(text, 300))

/** The card source the hint should send the user to: the file read (`--card-source`), else the default one. */
function cardSourceName(evidence: Evidence): string {
  const source = evidence.cardSource
  return source.kind === 'present'
    ? source.value.path
    : `model-cards/${pathSegment(evidence.candidate.modelVersion.value.name)}.md`
}

function sectionView(
  cardFile: string,
  documentation: DocumentationSet,
  id: DocumentationSectionId,
  note: string | undefined
): SectionView {
  const section = documentation[id]
  const title = section.title
  const text = section.text?.trim()
  if (text === undefined || text === '') {
    return {
      id,
      title: md(title),
      body: null,
      source: null,
      // The hint names the heading the card-source parser looks for, whatever the set's title says.
      missing:
        `**Missing:** no source provides ${md(title)} — add ` +
        `a ${inlineCode(`## ${DOCUMENTATION_SECTION_TITLES[id]}`)} section ` +
        `to ${md(cardFile)} or an ${inlineCode(`aims.card.${id}`)} ` +
        `tag.${note !== undefined ? ` Found: ${md(note)}.` : ''}`
    }
  }
  const bounded = unwrapParagraphs(truncateText(text, MAX_SECTION_CHARS))
  // Reviewed repository text keeps its Markdown; anything else (MLflow) is fully escaped.
  const reviewed = section.provenance?.source === 'repo-file'
  return {
    id,
    title: md(title),
    body: reviewed ? neutraliseReviewedMarkdown(bounded) : escapeMarkdownBlock(bounded),
    source: section.provenance === undefined ? 'source not recorded' : describeProvenance(section.provenance),
    missing: null
  }
}

function descriptionText(evidence: Evidence): string | null {
  const parts = [evidence.candidate.modelVersion.value.description, evidence.registeredModel.value.description]
    .map((t) => t.trim())
    .filter((t, i, all) => t !== '' && all.indexOf(t) === i)
  return parts.length === 0
    ? null
    : parts.map((t) => escapeMarkdownBlock(truncateText(t, MAX_SECTION_CHARS))).join('\n\n')
}

/** The source text shared by most present sections (ties: the first), or null when none is present. */
function commonSource(sections: SectionView[]): string | null {
  const counts = new Map<string, number>()
  for (const s of sections)
    if (s.body !== null && s.source !== null) counts.set(s.source, (counts.get(s.source) ?? 0) + 1)
  let best: string | null = null
  for (const [source, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = source
  return best
}

/** A metric only the gate's recomputation produced and no requirement judged: listed in one line. */
const onlyRecomputedUnjudged = (row: MetricRow): boolean => row.value === '—' && row.outcome === '—'

function alsoRecomputed(rows: MetricRow[]): string | null {
  const extra = rows.filter(onlyRecomputedUnjudged)
  if (extra.length === 0) return null
  const source = [...new Set(extra.map((r) => r.source))].join(' ')
  return (
    `Also recomputed ${source}, not logged and not ` +
    `judged: ${extra.map((r) => `${r.metric} ${r.recomputed}`).join(', ')}.`
  )
}

/** Who wrote the card from what: tool version, time, policy (linked at the commit in CI), commit. */
function generatedLine(generatedAt: string, policy: PolicyIdentity, trace: Traceability): string {
  const name = trace.policyUrl !== undefined ? `[${md(policy.name)}](${trace.policyUrl})` : md(policy.name)
  const commit =
    trace.commit !== undefined
      ? `, commit ${md(trace.repository !== undefined ? `${trace.repository}@${trace.commit}` : trace.commit)}`
      : ''
  return (
    `Generated by aims-gate ${md(trace.toolVersion)} at ${md(generatedAt)} against ` +
    `policy ${name} (sha256 ${md(shortDigest(policy.sha256))}), ` +
    `profile ${md(policy.profile)}${commit}.`
  )
}

const championOf = (evidence: Evidence): VersionEvidence | undefined =>
  evidence.champion.kind === 'present' ? evidence.champion.value : undefined

export function buildCardModel(input: CardModelInput): CardView {
  const { evidence, verdict, documentation, policy } = input
  const v = evidence.candidate.modelVersion.value
  const champion = championOf(evidence)
  const cardFile = cardSourceName(evidence)
  const allSections = Object.fromEntries(
    DOCUMENTATION_SECTIONS.map((id) => [id, sectionView(cardFile, documentation, id, input.documentationNotes?.[id])])
  ) as Record<DocumentationSectionId, SectionView>
  const documentationSource = commonSource(Object.values(allSections))
  // The source most sections share is stated once; a section from anywhere else still says so.
  const sections = Object.fromEntries(
    Object.entries(allSections).map(([id, section]) => [
      id,
      section.source === documentationSource ? { ...section, source: null } : section
    ])
  ) as Record<DocumentationSectionId, SectionView>
  // One numbered list of sources for the whole card: data first (it comes first), then metrics.
  const sources = sourceNotes()
  const dataRows = datasetRows(evidence.candidate, sources.refer)
  const performanceRows = metricRows(evidence.candidate, champion, verdict.requirements, sources.refer)
  const blocking = verdict.blocking.map(cell).join(', ')
  const subject = `${md(v.name)} version ${md(v.version)}`
  const trace = input.trace ?? { toolVersion: VERSION }
  const controls = controlsView(verdict.controls, verdict.requirements)
  return {
    frontMatter: buildFrontMatter({
      candidate: evidence.candidate,
      documentation,
      verdict,
      policy,
      generatedAt: input.generatedAt,
      trace,
      ...(input.task !== undefined ? { task: input.task } : {})
    }),
    title: `${md(v.name)} v${md(v.version)}`,
    generated: generatedLine(input.generatedAt, policy, trace),
    toolVersion: md(trace.toolVersion),
    summary: summaryView(verdict.requirements, verdict.blocking, performanceRows, policy.objectives),
    verdict:
      verdict.verdict === 'pass'
        ? { icon: '✅', headline: `${subject} may be released under profile ${md(policy.profile)}.`, blocking: null }
        : {
            icon: '❌',
            headline: `${subject} is blocked under profile ${md(policy.profile)}.`,
            blocking: blocking === '' ? null : blocking
          },
    identity: identityRows(evidence),
    description: descriptionText(evidence),
    sections,
    documentationSource,
    data: {
      rows: dataRows,
      missing:
        dataRows.length > 0
          ? null
          : evidence.candidate.run.kind === 'present'
            ? '**Missing:** the run logged no datasets (log them with mlflow.log_input).'
            : `**Missing:** the run is not available (${cell(evidence.candidate.run.detail)}).`
    },
    performance: {
      rows: performanceRows.filter((row) => !onlyRecomputedUnjudged(row)),
      alsoRecomputed: alsoRecomputed(performanceRows),
      sources: sources.notes,
      championLabel:
        champion === undefined
          ? 'no champion'
          : `${md(champion.modelVersion.value.name)} v${md(champion.modelVersion.value.version)}`,
      missing:
        performanceRows.length > 0 ? null : '**Missing:** no metric was logged on the run and none was recomputed.'
    },
    fairness: (() => {
      const results = fairnessView(verdict.requirements)
      return { results, none: results.length > 0 ? null : 'No fairness requirement in this policy profile.' }
    })(),
    requirements: verdict.requirements.map(requirementRow),
    controls: controls.rows,
    controlsNotAssessed: controls.notAssessed,
    applicability: controls.applicability,
    approvals: approvalsView(evidence, verdict.requirements),
    waivers: waiversView(verdict.requirements),
    impactAssessment: impactView(evidence, verdict.requirements),
    diff:
      champion === undefined
        ? null
        : cardDiffView(
            buildCardDiff({
              candidate: evidence.candidate,
              champion,
              candidateDocumentation: documentation,
              ...(input.championDocumentation !== undefined
                ? { championDocumentation: input.championDocumentation }
                : {})
            })
          )
  }
}
