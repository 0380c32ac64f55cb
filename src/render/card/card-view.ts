/**
 * The card's view model: what a card template (the default one or a user's own) can use.
 * Every string is already escaped Markdown, every absent value is `null` (never `undefined`),
 * so templates compiled in strict mode need no logic beyond `#each`, `#if` and partials, and a
 * typo in a field name is an error. This shape is the public contract of custom templates:
 * change it only additively.
 */
import type { DocumentationSectionId } from '../../core/documentation/types.js'

/** The card's opening: why it blocks, the key metrics, fairness and approvals at a glance. */
export interface SummaryView {
  /** Blocking requirements that fail or are missing, then failing warnings. */
  reasons: {
    icon: string
    id: string
    status: string
    severity: string
    observed: string
    expected: string
    message: string
  }[]
  /** Performance rows the policy sets a threshold for. */
  keyMetrics: MetricRow[]
  /** One line per fairness requirement, or null when the profile has none. */
  fairness: string | null
  /** One line per approval requirement, or null when the profile has none. */
  approvals: string | null
  /** The profile's AI objectives (after ISO/IEC 42001 Annex C), comma-separated, or null when it names none. */
  objectives: string | null
}

export interface LabelValue {
  label: string
  value: string
}

export interface SectionView {
  id: DocumentationSectionId
  title: string
  /** Escaped body, or null when no source provides the section. */
  body: string | null
  /** Where the text came from ("from repository file model-cards/x.md"), or null when absent or when it is the card's
   * `documentationSource`. */
  source: string | null
  /** The explicit "Missing: …" line, or null when the section is present. */
  missing: string | null
}

export interface DatasetRow {
  /** A short reference (`[1]`) to the provenance in `performance.sources`, or '' without one. */
  ref: string
  context: string
  name: string
  source: string
  digest: string
  licence: string
  date: string
  provenance: string
}

export interface MetricRow {
  metric: string
  /** The logged number rounded for reading, or — when only the gate's recomputation has it. */
  value: string
  /** The number the gate recomputed by running the model, or —. */
  recomputed: string
  /** Where the number came from, in full. */
  provenance: string
  /** A short reference (`[1]`) to the same text in `performance.sources`, for compact tables. */
  source: string
  /** What the policy asked for, with the requirement id, or "no threshold in the policy". */
  threshold: string
  outcome: string
  /** Outcome and threshold in one cell ("✅ ≥ 0.8 (auc)"), one line per requirement. */
  judged: string
  champion: string
  delta: string
}

/** One numbered source note under the performance table. */
export interface SourceNote {
  ref: string
  text: string
}

export interface RequirementRow {
  icon: string
  status: string
  id: string
  check: string
  severity: string
  controls: string
  observed: string
  expected: string
  message: string
  evidence: string
}

export interface ControlRow {
  icon: string
  status: string
  id: string
  title: string
  area: string
  /** The control in the NIST AI RMF and EU AI Act crosswalks, compact (`NIST MAP 2.2 · EU Art. 11, Art. 13`). */
  crosswalk: string
  requirements: string
  evidence: string
}

export interface ApprovalRow {
  who: string
  when: string
  through: string
  counted: string
  provenance: string
}

export interface WaiverRow {
  requirement: string
  reason: string
  approvedBy: string
  expires: string
}

export interface ImpactRow {
  item: string
  status: string
  detail: string
}

/** One fairness requirement: its decision and the per-group table behind it. */
export interface FairnessView {
  id: string
  icon: string
  status: string
  metric: string
  /** "sex" or "sex × race". */
  features: string
  observed: string
  expected: string
  message: string
  /** "95% percentile bootstrap, 1000 resamples, seed 42; …", or null when not recorded. */
  method: string | null
  /** Where the group statistics came from ("recomputed on …"), or null. */
  provenance: string | null
  /** Column titles, then one row of cells per group; empty when there are no statistics. */
  header: string[]
  rows: string[][]
  /** Sentence naming the excluded groups and why, or null. */
  excluded: string | null
  /** Why there is no table, or null when there is one. */
  noTable: string | null
}

export interface CardDiffView {
  /** "credit-risk v2 (champion)" */
  championLabel: string
  /** Metrics that changed, were added or removed (unchanged ones are only counted). */
  metrics: { metric: string; candidate: string; champion: string; delta: string; change: string }[]
  /** "9 metrics unchanged. 27 recomputed metrics were not compared: …", or null. */
  metricsNote: string | null
  /** Changed, added and removed metrics with their Δ in one sentence (plus the note), or null. */
  metricsLine: string | null
  datasets: { name: string; change: string; candidate: string; champion: string }[]
  /** Null when the champion's documentation was not available to compare. */
  sections: { title: string; change: string }[] | null
  sectionsNote: string | null
  unchanged: boolean
}

export interface CardView {
  /** YAML front matter (without the `---` lines), built by a YAML serialiser so it always parses. */
  frontMatter: string
  title: string
  /** "Generated by aims-gate at …, policy …, profile …" */
  generated: string
  /** The aims-gate version that wrote the card. */
  toolVersion: string
  /** The first screen: blocking reasons, judged metrics, fairness and approval headlines. */
  summary: SummaryView
  verdict: { icon: string; headline: string; blocking: string | null }
  identity: LabelValue[]
  description: string | null
  /** Where most sections' text came from, stated once; such sections have `source: null`. */
  documentationSource: string | null
  sections: Record<DocumentationSectionId, SectionView>
  data: { rows: DatasetRow[]; missing: string | null }
  performance: {
    rows: MetricRow[]
    /** One line listing metrics only recomputed and judged by no requirement, or null. */
    alsoRecomputed: string | null
    sources: SourceNote[]
    championLabel: string
    missing: string | null
  }
  /** Fairness requirements of the profile; `none` says so when there are none. */
  fairness: { results: FairnessView[]; none: string | null }
  requirements: RequirementRow[]
  /** Annex A controls the policy assesses or excludes (not-assessed ones are only summed up). */
  controls: ControlRow[]
  /** The one line naming the controls no requirement assesses, or null. */
  controlsNotAssessed: string | null
  /** The Statement of Applicability, one line per Annex A area. */
  applicability: string[]
  approvals: { rows: ApprovalRow[]; requirements: RequirementRow[]; missing: string | null }
  waivers: { rows: WaiverRow[]; none: string | null }
  impactAssessment: { rows: ImpactRow[]; missing: string | null }
  diff: CardDiffView | null
}
