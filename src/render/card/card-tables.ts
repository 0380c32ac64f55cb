/**
 * The card's tables built from evidence and verdict: performance (each number with where it
 * came from and the threshold it was judged against), data, requirements and the Annex A
 * evidence matrix. Every cell is escaped here; templates only iterate.
 */
import type { DatasetInput, LoggedMetric, Present, VersionEvidence } from '../../core/evidence/types.js'
import type {
  ControlResult,
  ControlStatus,
  EvidenceRef,
  RequirementResult,
  RequirementStatus
} from '../../core/verdict/types.js'
import { crosswalkOf } from '../../core/controls/crosswalk.js'
import { escapeTableCell, truncateText } from '../escape.js'
import type { ControlRow, DatasetRow, MetricRow, RequirementRow, SourceNote } from './card-view.js'
import { describeLoggedMetric, describeProvenance, describeRecomputed } from './provenance-text.js'
import { limitsOf, readableDelta, readableNumber } from './readable-number.js'

/** Longest untrusted text a table cell shows before saying what was cut. */
export const MAX_CELL_CHARS = 500

export const cell = (text: string): string => escapeTableCell(truncateText(text, MAX_CELL_CHARS))

export const REQUIREMENT_ICONS: Record<RequirementStatus, string> = {
  pass: '✅',
  fail: '❌',
  missing: '⚠️',
  waived: '🟨'
}
export const CONTROL_ICONS: Record<ControlStatus, string> = {
  satisfied: '✅',
  supported: '◐',
  failed: '❌',
  missing: '⚠️',
  'not-assessed': '➖',
  'not-applicable': '⚪'
}

/** `NIST GOVERN 1.1 · EU Art. 17`: the control in the shipped crosswalks, compact; `none` when neither maps it. */
export function crosswalkCell(control: string): string {
  const { 'nist-ai-rmf': nist, 'eu-ai-act': eu } = crosswalkOf(control)
  const parts = [
    ...(nist.length === 0 ? [] : [`NIST ${nist.join(', ')}`]),
    ...(eu.length === 0 ? [] : [`EU ${eu.join(', ')}`])
  ]
  return parts.length === 0 ? 'none' : cell(parts.join(' · '))
}

/** The evidence refs of a requirement, one escaped line each, for a table cell. */
export function evidenceCell(refs: EvidenceRef[]): string {
  if (refs.length === 0) return 'none recorded'
  return refs.map((ref) => `${cell(ref.label)}: ${describeProvenance(ref.provenance)}`).join('<br>')
}

export function requirementRow(r: RequirementResult): RequirementRow {
  return {
    icon: REQUIREMENT_ICONS[r.status],
    status: r.status,
    id: cell(r.id),
    check: cell(r.check),
    severity: r.severity,
    controls: [...r.controls.map(cell), ...(r.supports ?? []).map((id) => `${cell(id)} (supports)`)].join(', '),
    observed: cell(r.observed),
    expected: cell(r.expected),
    message: cell(r.message),
    evidence: evidenceCell(r.evidence)
  }
}

/** Every control the policy touches, with its requirements and the evidence behind them. */
export function controlRows(controls: ControlResult[], requirements: RequirementResult[]): ControlRow[] {
  const byId = new Map(requirements.map((r) => [r.id, r]))
  return controls.map((c) => {
    const reqs = c.requirements.map((id) => byId.get(id))
    const reqText = c.requirements
      .map((id, i) => {
        const r = reqs[i]
        const level = c.satisfiedBy.includes(id) ? '' : ' (supports)'
        return r === undefined ? cell(id) : `${REQUIREMENT_ICONS[r.status]} ${cell(id)}${level}`
      })
      .join('<br>')
    const refs = reqs.flatMap((r) => r?.evidence ?? [])
    return {
      icon: CONTROL_ICONS[c.status],
      status: c.status,
      id: cell(c.id),
      title: cell(c.title),
      area: cell(c.area),
      crosswalk: crosswalkCell(c.id),
      requirements: !c.applicable
        ? `not applicable: ${cell(c.justification ?? 'no justification given')}`
        : reqText === ''
          ? 'none in this policy'
          : reqText,
      evidence: !c.applicable
        ? `Not applicable: ${cell(c.justification ?? 'no justification given')}`
        : refs.length === 0
          ? 'none recorded'
          : evidenceCell(refs)
    }
  })
}

/** `logged:<key>` / `recomputed:<key>` → the requirements that judged that number. */
function requirementsByMetric(requirements: RequirementResult[]): Map<string, RequirementResult[]> {
  const out = new Map<string, RequirementResult[]>()
  const add = (key: string, r: RequirementResult): void => {
    const list = out.get(key) ?? []
    if (!list.includes(r)) list.push(r)
    out.set(key, list)
  }
  for (const r of requirements) {
    for (const ref of r.evidence) {
      // Candidate refs only: "metric roc_auc" (logged) or "recomputed roc_auc" (the gate's run);
      // the champion's are labelled "<alias> metric …" and belong to the champion column.
      const recomputedName =
        ref.provenance.source === 'recomputed' ? /^recomputed (.+)$/.exec(ref.label)?.[1] : undefined
      const name =
        recomputedName ?? /^metric (.+)$/.exec(ref.label)?.[1] ?? /\/metrics\/([^/]+)$/.exec(ref.provenance.uri)?.[1]
      if (name === undefined) continue
      add(`${ref.provenance.source === 'recomputed' ? 'recomputed' : 'logged'}:${name}`, r)
    }
    const named = r.details?.metric
    if (typeof named === 'string' && r.evidence.length === 0) add(`logged:${named}`, r)
  }
  return out
}

function judged(list: RequirementResult[] | undefined): { threshold: string; outcome: string; judged: string } {
  if (list === undefined || list.length === 0)
    return { threshold: 'no threshold in the policy', outcome: '—', judged: '—' }
  return {
    threshold: list.map((r) => `${cell(r.expected)} (${cell(r.id)})`).join('<br>'),
    outcome: list.map((r) => `${REQUIREMENT_ICONS[r.status]} ${r.status}`).join('<br>'),
    judged: list.map((r) => `${REQUIREMENT_ICONS[r.status]} ${cell(r.expected)} (${cell(r.id)})`).join('<br>')
  }
}

/**
 * Numbers the sources of a table: rows whose source reads the same (the metrics logged in one
 * run step on one dataset; everything recomputed in one run of the model) share one note.
 */
export function sourceNotes(): { refer: (text: string) => string; notes: SourceNote[] } {
  const notes: SourceNote[] = []
  const refer = (text: string): string => {
    let note = notes.find((n) => n.text === text)
    if (note === undefined) {
      note = { ref: `[${notes.length + 1}]`, text }
      notes.push(note)
    }
    return note.ref
  }
  return { refer, notes }
}

/** A logged metric's source with the metric's own name left out of the URI, so rows can share it. */
function sharedLoggedSource(metric: Present<LoggedMetric>): string {
  const uri = metric.provenance.uri
  const key = metric.value.key
  const generic = uri.endsWith(`/metrics/${key}`) ? `${uri.slice(0, uri.length - key.length)}<metric>` : uri
  return describeLoggedMetric({ ...metric, provenance: { ...metric.provenance, uri: generic } })
}

/**
 * Performance: one row per metric, the logged number beside the one the gate recomputed (when
 * it ran the model), its provenance, threshold and outcome, and the champion. Numbers are
 * rounded for reading with enough digits to show each threshold decision.
 */
export function metricRows(
  candidate: VersionEvidence,
  champion: VersionEvidence | undefined,
  requirements: RequirementResult[],
  refer: (text: string) => string = () => ''
): MetricRow[] {
  const links = requirementsByMetric(requirements)
  const logged = candidate.run.kind === 'present' ? candidate.run.value.metrics : {}
  const evaluation = candidate.recomputed?.kind === 'present' ? candidate.recomputed.value : undefined
  const recomputed = evaluation?.metrics ?? {}
  const championLogged = champion?.run.kind === 'present' ? champion.run.value.metrics : {}
  const championRecomputed = champion?.recomputed?.kind === 'present' ? champion.recomputed.value.metrics : {}
  const keys = [...new Set([...Object.keys(logged), ...Object.keys(recomputed)])].sort()
  return keys.map((key) => {
    const metric = logged[key]
    const again = recomputed[key]
    const judges = [...(links.get(`logged:${key}`) ?? []), ...(links.get(`recomputed:${key}`) ?? [])].filter(
      (r, i, all) => all.indexOf(r) === i
    )
    const limits = judges.flatMap((r) => limitsOf(r.details))
    const value = metric?.value.value ?? again
    const other = championLogged[key]?.value.value ?? championRecomputed[key]
    const sources = [
      metric !== undefined ? refer(sharedLoggedSource(metric)) : '',
      again !== undefined && evaluation !== undefined ? refer(describeRecomputed(evaluation)) : ''
    ]
    return {
      metric: cell(key),
      value: metric === undefined ? '—' : readableNumber(metric.value.value, limits),
      recomputed: again === undefined ? '—' : readableNumber(again, limits),
      provenance: [
        metric !== undefined ? describeLoggedMetric(metric) : '',
        again !== undefined && evaluation !== undefined ? describeRecomputed(evaluation) : ''
      ]
        .filter(Boolean)
        .join('; '),
      source: sources.filter(Boolean).join(' '),
      ...judged(judges),
      champion: other === undefined ? '—' : readableNumber(other, limits),
      delta: other === undefined || value === undefined ? '—' : readableDelta(value, other)
    }
  })
}

const LICENCE_TAGS = ['license', 'licence', 'mlflow.data.license']
const DATE_TAGS = ['date', 'created', 'created_at', 'collected_at', 'snapshot_date']

function firstTag(tags: Record<string, string>, keys: string[]): string | undefined {
  for (const key of keys) if (tags[key] !== undefined && tags[key] !== '') return tags[key]
  return undefined
}

export function datasetRow(dataset: Present<DatasetInput>, refer: (text: string) => string = () => ''): DatasetRow {
  const d = dataset.value
  const provenance = describeProvenance(dataset.provenance)
  return {
    ref: refer(provenance),
    context: cell(d.context ?? 'not stated'),
    name: cell(d.name),
    source: cell(d.sourceUri ?? d.source),
    digest: cell(d.digest),
    licence: cell(firstTag(d.tags, LICENCE_TAGS) ?? 'not recorded'),
    date: cell(firstTag(d.tags, DATE_TAGS) ?? 'not recorded'),
    provenance
  }
}

/** Training datasets first, then evaluation, then anything else, each group by name. */
export function datasetRows(candidate: VersionEvidence, refer?: (text: string) => string): DatasetRow[] {
  if (candidate.run.kind !== 'present') return []
  const order = (d: Present<DatasetInput>): number =>
    d.value.context === 'training' ? 0 : d.value.context === 'evaluation' ? 1 : 2
  return [...candidate.run.value.datasets]
    .sort((a, b) => order(a) - order(b) || (a.value.name < b.value.name ? -1 : a.value.name > b.value.name ? 1 : 0))
    .map((d) => datasetRow(d, refer))
}
