/**
 * What changed from the champion to the candidate: metrics with deltas, datasets added, removed
 * or re-digested, documentation sections edited. Pure: two versions' evidence (and, when known,
 * their documentation) in; a plain diff, its escaped view and its Markdown out. Used by the
 * card, the pull-request comment and `aims-gate diff`.
 */
import { DOCUMENTATION_SECTIONS, type DocumentationSet } from '../core/documentation/types.js'
import type { VersionEvidence } from '../core/evidence/types.js'
import type { CardDiffView } from './card/card-view.js'
import { shortDigest } from './card/provenance-text.js'
import { readableDelta, readableNumber } from './card/readable-number.js'
import { escapeMarkdownInline, escapeTableCell, truncateText } from './escape.js'

export type Change = 'added' | 'removed' | 'changed' | 'unchanged'

export interface MetricChange {
  key: string
  candidate?: number
  champion?: number
  change: Change
}

export interface DatasetChange {
  /** `context:name` is not used: the same name under two contexts is one dataset here. */
  name: string
  candidateDigest?: string
  championDigest?: string
  change: Change
}

export interface SectionChange {
  id: string
  title: string
  change: Change
}

export interface CardDiff {
  model: string
  candidateVersion: string
  championVersion: string
  /** The alias the baseline was found by (`champion`). */
  baselineAlias: string
  metrics: MetricChange[]
  datasets: DatasetChange[]
  /** Null when either side's documentation was not given. */
  sections: SectionChange[] | null
}

export interface CardDiffInput {
  candidate: VersionEvidence
  champion: VersionEvidence
  candidateDocumentation?: DocumentationSet
  championDocumentation?: DocumentationSet
  /** Default `champion`. */
  baselineAlias?: string
}

function loggedMetrics(version: VersionEvidence): Map<string, number> {
  const out = new Map<string, number>()
  if (version.run.kind === 'present') {
    for (const [key, metric] of Object.entries(version.run.value.metrics)) out.set(key, metric.value.value)
  }
  if (version.recomputed?.kind === 'present') {
    for (const [key, value] of Object.entries(version.recomputed.value.metrics)) out.set(`${key} (recomputed)`, value)
  }
  return out
}

function datasetDigests(version: VersionEvidence): Map<string, string> {
  const out = new Map<string, string>()
  if (version.run.kind === 'present') {
    for (const d of version.run.value.datasets) out.set(d.value.name, d.value.digest)
  }
  return out
}

function compare<T>(candidate: T | undefined, champion: T | undefined): Change {
  if (candidate === undefined) return champion === undefined ? 'unchanged' : 'removed'
  if (champion === undefined) return 'added'
  return Object.is(candidate, champion) ? 'unchanged' : 'changed'
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Builds the diff; keys are sorted so the output is stable from run to run. */
export function buildCardDiff(input: CardDiffInput): CardDiff {
  const candidateMetrics = loggedMetrics(input.candidate)
  const championMetrics = loggedMetrics(input.champion)
  const metricKeys = [...new Set([...candidateMetrics.keys(), ...championMetrics.keys()])].sort(byName)
  const candidateData = datasetDigests(input.candidate)
  const championData = datasetDigests(input.champion)
  const dataNames = [...new Set([...candidateData.keys(), ...championData.keys()])].sort(byName)
  const docsA = input.candidateDocumentation
  const docsB = input.championDocumentation
  return {
    model: input.candidate.modelVersion.value.name,
    candidateVersion: input.candidate.modelVersion.value.version,
    championVersion: input.champion.modelVersion.value.version,
    baselineAlias: input.baselineAlias ?? 'champion',
    metrics: metricKeys.map((key) => {
      const candidate = candidateMetrics.get(key)
      const champion = championMetrics.get(key)
      return { key, candidate, champion, change: compare(candidate, champion) }
    }),
    datasets: dataNames.map((name) => {
      const candidateDigest = candidateData.get(name)
      const championDigest = championData.get(name)
      return { name, candidateDigest, championDigest, change: compare(candidateDigest, championDigest) }
    }),
    sections:
      docsA === undefined || docsB === undefined
        ? null
        : DOCUMENTATION_SECTIONS.map((id) => ({
            id,
            title: docsA[id].title,
            change: compare(docsA[id].text?.trim(), docsB[id].text?.trim())
          }))
  }
}

const CHANGE_WORD: Record<Change, string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  unchanged: 'unchanged'
}
const SECTION_WORD: Record<Change, string> = {
  added: 'added',
  removed: 'removed',
  changed: 'edited',
  unchanged: 'unchanged'
}

const cell = (text: string): string => escapeTableCell(truncateText(text, 500))
const label = (text: string): string => escapeMarkdownInline(truncateText(text, 300))

const num = (value: number | undefined): string => (value === undefined ? '—' : readableNumber(value))

/** A metric the gate recomputed on one side only: the other side was not recomputed, not changed. */
const oneSidedRecomputation = (m: MetricChange): boolean =>
  (m.change === 'added' || m.change === 'removed') && m.key.endsWith(' (recomputed)')

/** The metric changes in one sentence, for the card (its Performance table shows them in full). */
function metricsLine(metrics: CardDiffView['metrics'], notes: string[]): string | null {
  const part = (change: string, render: (m: CardDiffView['metrics'][number]) => string): string => {
    const list = metrics.filter((m) => m.change === change)
    return list.length === 0 ? '' : `${change}: ${list.map(render).join(', ')}.`
  }
  const parts = [
    part('changed', (m) => `${m.metric} ${m.delta}`),
    part('added', (m) => `${m.metric} ${m.candidate}`),
    part('removed', (m) => `${m.metric} (was ${m.champion})`),
    ...notes
  ].filter(Boolean)
  return parts.length === 0 ? null : `Metrics ${parts.join(' ')}`
}

/** The escaped view the card template iterates: only what changed, numbers rounded for reading. */
export function cardDiffView(diff: CardDiff): CardDiffView {
  const sections = diff.sections?.filter((s) => s.change !== 'unchanged') ?? null
  const notCompared = diff.metrics.filter(oneSidedRecomputation)
  const unchangedCount = diff.metrics.filter((m) => m.change === 'unchanged').length
  const metrics = diff.metrics
    .filter((m) => m.change !== 'unchanged' && !oneSidedRecomputation(m))
    .map((m) => ({
      metric: cell(m.key),
      candidate: num(m.candidate),
      champion: num(m.champion),
      delta: m.candidate !== undefined && m.champion !== undefined ? readableDelta(m.candidate, m.champion) : '—',
      change: CHANGE_WORD[m.change]
    }))
  const notes = [
    unchangedCount > 0 ? `${unchangedCount} metric${unchangedCount === 1 ? '' : 's'} unchanged.` : '',
    notCompared.length > 0
      ? `${notCompared.length} recomputed ` +
        `metric${notCompared.length === 1 ? ' was' : 's were'} not compared: the gate ` +
        `recomputed ${notCompared.length === 1 ? 'it' : 'them'} on one version only.`
      : ''
  ].filter(Boolean)
  const datasets = diff.datasets
    .filter((d) => d.change !== 'unchanged')
    .map((d) => ({
      name: cell(d.name),
      change: d.change === 'changed' ? 'digest changed' : CHANGE_WORD[d.change],
      candidate: d.candidateDigest === undefined ? '—' : escapeTableCell(shortDigest(d.candidateDigest)),
      champion: d.championDigest === undefined ? '—' : escapeTableCell(shortDigest(d.championDigest))
    }))
  return {
    championLabel: `${label(diff.model)} v${label(diff.championVersion)} (${label(diff.baselineAlias)})`,
    metrics,
    metricsNote: notes.length === 0 ? null : notes.join(' '),
    metricsLine: metricsLine(metrics, notes),
    datasets,
    sections: sections?.map((s) => ({ title: cell(s.title), change: SECTION_WORD[s.change] })) ?? null,
    sectionsNote:
      sections === null
        ? "Documentation not compared: the champion's documentation was not available."
        : sections.length === 0
          ? 'No documentation section was edited.'
          : null,
    unchanged:
      diff.metrics.every((m) => m.change === 'unchanged' || oneSidedRecomputation(m)) &&
      datasets.length === 0 &&
      (sections === null || sections.length === 0)
  }
}

/** The diff as Markdown (pull-request comment, `aims-gate diff`); `heading` sets the level. */
export function renderCardDiffMarkdown(diff: CardDiff, heading = '###'): string {
  const view = cardDiffView(diff)
  const lines = [`${heading} Changes from ${view.championLabel}`, '']
  if (view.metrics.length === 0)
    lines.push(diff.metrics.length === 0 ? 'No metrics were logged on either version.' : 'No metric changed.', '')
  else {
    lines.push('| Metric | Candidate | Champion | Δ | Change |', '|---|---:|---:|---:|---|')
    for (const m of view.metrics)
      lines.push(`| ${m.metric} | ${m.candidate} | ${m.champion} | ${m.delta} | ${m.change} |`)
    lines.push('')
  }
  if (view.metricsNote !== null) lines.push(view.metricsNote, '')
  if (view.datasets.length === 0) lines.push('Datasets: no dataset was added, removed or changed.', '')
  else {
    lines.push('| Dataset | Change | Candidate digest | Champion digest |', '|---|---|---|---|')
    for (const d of view.datasets) lines.push(`| ${d.name} | ${d.change} | ${d.candidate} | ${d.champion} |`)
    lines.push('')
  }
  if (view.sectionsNote !== null) lines.push(view.sectionsNote, '')
  else for (const s of view.sections ?? []) lines.push(`- Documentation: ${s.title} ${s.change}`)
  return `${lines.join('\n').trimEnd()}\n`
}
