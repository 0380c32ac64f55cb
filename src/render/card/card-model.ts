/**
 * Builds the card's view model from evidence, verdict and documentation. Pure: no I/O, no clock
 * (`generatedAt` comes in as a value), so the same inputs always give the same card.
 */
import { DOCUMENTATION_SECTION_TITLES } from '../../core/documentation/section-titles.js'
import { DOCUMENTATION_SECTIONS, type DocumentationSectionId, type DocumentationSet } from '../../core/documentation/types.js'
import type { Evidence, VersionEvidence } from '../../core/evidence/types.js'
import type { Verdict } from '../../core/verdict/types.js'
import { buildCardDiff, cardDiffView } from '../card-diff.js'
import { escapeMarkdownBlock, escapeMarkdownInline, inlineCode, neutraliseReviewedMarkdown, truncateText } from '../escape.js'
import { buildFrontMatter, type CardTask } from './card-front-matter.js'
import { fairnessView } from './card-fairness.js'
import { approvalsView, impactView, waiversView } from './card-governance.js'
import { cell, controlRows, datasetRows, metricRows, requirementRow, sourceNotes } from './card-tables.js'
import type { CardView, LabelValue, SectionView } from './card-view.js'
import { describeProvenance, formatTimestamp } from './provenance-text.js'

/** Longest human-owned section body a card shows before saying what was cut. */
export const MAX_SECTION_CHARS = 20_000

export interface PolicyIdentity {
  name: string
  sha256: string
  profile: string
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
}

/** Names and identifiers in running text: escaped, one line, bounded. */
const md = (text: string): string => escapeMarkdownInline(truncateText(text, 300))

function sectionView(model: string, documentation: DocumentationSet, id: DocumentationSectionId, note: string | undefined): SectionView {
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
      missing: `**Missing:** no source provides ${md(title)} — add a ${inlineCode(`## ${DOCUMENTATION_SECTION_TITLES[id]}`)} section to model-cards/${md(model)}.md or an ${inlineCode(`aims.card.${id}`)} tag.${note !== undefined ? ` Found: ${md(note)}.` : ''}`
    }
  }
  const bounded = truncateText(text, MAX_SECTION_CHARS)
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

function identityRows(evidence: Evidence): LabelValue[] {
  const mv = evidence.candidate.modelVersion
  const v = mv.value
  const run = evidence.candidate.run
  const model = evidence.candidate.model
  const rows: LabelValue[] = [
    { label: 'Model', value: cell(v.name) },
    { label: 'Version', value: `${cell(v.version)} (${describeProvenance(mv.provenance)})` },
    { label: 'Aliases', value: v.aliases.length === 0 ? 'none' : v.aliases.map(cell).join(', ') },
    { label: 'Registered', value: `${formatTimestamp(v.creationTimestamp)}${v.userId !== undefined ? ` by ${cell(v.userId)}` : ''}` },
    { label: 'Source', value: cell(v.source) }
  ]
  if (run.kind === 'present') {
    const r = run.value
    rows.push({
      label: 'Run',
      value: `${cell(r.runId)}${r.runName !== undefined ? ` (${cell(r.runName)})` : ''}, experiment ${cell(r.experimentId)}, status ${cell(r.status)}, started ${formatTimestamp(r.startTime)}${r.user !== undefined ? `, trained by ${cell(r.user)}` : ''}`
    })
  } else {
    rows.push({ label: 'Run', value: `**Missing** (${run.reason}): ${cell(run.detail)}` })
  }
  if (model.kind === 'present') {
    const m = model.value
    const digest =
      m.onnxSha256 !== undefined
        ? `${cell(m.onnxPath ?? 'model.onnx')}: ${cell(m.onnxSha256)}`
        : m.files.length === 0
          ? 'no files'
          : m.files.map((f) => `${cell(f.path)}: ${cell(f.sha256)}`).join('<br>')
    rows.push({ label: 'Artifact SHA-256', value: `${digest} (${describeProvenance(model.provenance)})` })
  } else {
    rows.push({ label: 'Artifact SHA-256', value: `**Missing** (${model.reason}): ${cell(model.detail)}` })
  }
  rows.push(
    { label: 'Git commit', value: evidence.change.gitCommit !== undefined ? cell(evidence.change.gitCommit) : 'not recorded (not run from CI)' },
    { label: 'Tracking server', value: `${cell(evidence.tracking.uri)} (${evidence.tracking.kind}${evidence.tracking.serverVersion !== undefined ? ` ${cell(evidence.tracking.serverVersion)}` : ''})` },
    { label: 'Evidence collected', value: cell(evidence.collectedAt) }
  )
  return rows
}

function descriptionText(evidence: Evidence): string | null {
  const parts = [evidence.candidate.modelVersion.value.description, evidence.registeredModel.value.description]
    .map((t) => t.trim())
    .filter((t, i, all) => t !== '' && all.indexOf(t) === i)
  return parts.length === 0 ? null : parts.map((t) => escapeMarkdownBlock(truncateText(t, MAX_SECTION_CHARS))).join('\n\n')
}

const championOf = (evidence: Evidence): VersionEvidence | undefined =>
  evidence.champion.kind === 'present' ? evidence.champion.value : undefined

export function buildCardModel(input: CardModelInput): CardView {
  const { evidence, verdict, documentation, policy } = input
  const v = evidence.candidate.modelVersion.value
  const champion = championOf(evidence)
  const sections = Object.fromEntries(DOCUMENTATION_SECTIONS.map((id) => [id, sectionView(v.name, documentation, id, input.documentationNotes?.[id])])) as Record<
    DocumentationSectionId,
    SectionView
  >
  const sources = sourceNotes()
  const performanceRows = metricRows(evidence.candidate, champion, verdict.requirements, sources.refer)
  const dataRows = datasetRows(evidence.candidate)
  const blocking = verdict.blocking.map(cell).join(', ')
  const subject = `${md(v.name)} version ${md(v.version)}`
  return {
    frontMatter: buildFrontMatter({
      candidate: evidence.candidate,
      documentation,
      verdict,
      policy,
      generatedAt: input.generatedAt,
      ...(input.task !== undefined ? { task: input.task } : {})
    }),
    title: `${md(v.name)} v${md(v.version)}`,
    generated: `Generated by aims-gate at ${md(input.generatedAt)} against policy ${md(policy.name)} (sha256 ${md(policy.sha256)}), profile ${md(policy.profile)}.`,
    verdict:
      verdict.verdict === 'pass'
        ? { icon: '✅', headline: `${subject} may be released under profile ${md(policy.profile)}.`, blocking: null }
        : { icon: '❌', headline: `${subject} is blocked under profile ${md(policy.profile)}.`, blocking: blocking === '' ? null : blocking },
    identity: identityRows(evidence),
    description: descriptionText(evidence),
    sections,
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
      rows: performanceRows,
      sources: sources.notes,
      championLabel: champion === undefined ? 'no champion' : `${md(champion.modelVersion.value.name)} v${md(champion.modelVersion.value.version)}`,
      missing: performanceRows.length > 0 ? null : '**Missing:** no metric was logged on the run and none was recomputed.'
    },
    fairness: (() => {
      const results = fairnessView(verdict.requirements)
      return { results, none: results.length > 0 ? null : 'No fairness requirement in this policy profile.' }
    })(),
    requirements: verdict.requirements.map(requirementRow),
    controls: controlRows(verdict.controls, verdict.requirements),
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
              ...(input.championDocumentation !== undefined ? { championDocumentation: input.championDocumentation } : {})
            })
          )
  }
}
