/**
 * Words and colours for every state the site shows. Colours come from the Okabe–Ito palette
 * (distinguishable with the common colour-vision deficiencies) and are never the only signal:
 * every coloured mark carries its word and a symbol, so the page reads the same in greyscale,
 * in print and to a screen reader.
 */
import type { FindingKind, ModelPosture, ModelState, PostureReport } from '../../core/posture/types.js'

export const PALETTE = {
  blue: '#0072B2',
  green: '#009E73',
  vermillion: '#D55E00',
  orange: '#E69F00',
  sky: '#56B4E9',
  purple: '#CC79A7',
  grey: '#6E6E6E'
} as const

export const STATE_LABELS: Record<ModelState, { symbol: string; text: string; colour: string }> = {
  passing: { symbol: '✓', text: 'passing', colour: PALETTE.green },
  blocked: { symbol: '✗', text: 'blocked', colour: PALETTE.vermillion },
  'never-gated': { symbol: '?', text: 'never gated', colour: PALETTE.orange }
}

/** A model state's words; a state this renderer does not know is shown as written, in grey. */
export function stateLabel(state: string): { symbol: string; text: string; colour: string; css: string } {
  return Object.hasOwn(STATE_LABELS, state)
    ? { ...STATE_LABELS[state as ModelState], css: `state-${state}` }
    : { symbol: '', text: state, colour: PALETTE.grey, css: 'state-other' }
}

/** Finding kinds in the order the findings list shows their sections. */
export const KIND_LABELS: Record<FindingKind, string> = {
  blocked: 'Blocked verdict',
  'never-gated': 'Never gated',
  'alias-moved': 'Alias moved after the gate',
  'stale-policy': 'Stale policy',
  'what-if-blocked': 'Blocks under the new policy',
  'report-mismatch': 'Report digest mismatch',
  'report-unreadable': 'Report unreadable',
  'waiver-expired': 'Waiver expired',
  'waiver-expiring': 'Waiver expiring within 30 days',
  'approval-stale': 'Approval too old',
  'card-missing': 'Model card missing'
}

export const KINDS = Object.keys(KIND_LABELS) as FindingKind[]

export const SEVERITY_LABELS: Record<'high' | 'medium' | 'low', { symbol: string; colour: string }> = {
  high: { symbol: '▲', colour: PALETTE.vermillion },
  medium: { symbol: '◆', colour: PALETTE.orange },
  low: { symbol: '●', colour: PALETTE.sky }
}

/**
 * Control statuses in the order the tables list them (the report's roll-up: satisfied only when
 * every mapped requirement passed and one satisfies the control); then the statuses reports of
 * schema 1 used, so a registry holding older gate runs still reads. Others are shown as written.
 */
export const STATUS_LABELS: Record<string, { symbol: string; text: string; short: string; css: string }> = {
  satisfied: { symbol: '✓', text: 'satisfied', short: 'sat.', css: 'st-pass' },
  supported: { symbol: '◐', text: 'supported (partial evidence)', short: 'supp.', css: 'st-supported' },
  failed: { symbol: '✗', text: 'failed', short: 'failed', css: 'st-fail' },
  missing: { symbol: '?', text: 'missing', short: 'missing', css: 'st-missing' },
  'not-assessed': { symbol: '·', text: 'not assessed', short: 'none', css: 'st-none' },
  'not-applicable': { symbol: '–', text: 'not applicable', short: 'n/a', css: 'st-na' },
  pass: { symbol: '✓', text: 'pass (older report)', short: 'pass', css: 'st-pass' },
  fail: { symbol: '✗', text: 'fail (older report)', short: 'fail', css: 'st-fail' },
  waived: { symbol: 'W', text: 'waived (older report)', short: 'waived', css: 'st-waived' }
}

export const KNOWN_STATUSES = Object.keys(STATUS_LABELS)

/** A known finding kind's label; an unknown one (a newer tool's report) shown as written. */
export const kindLabel = (kind: string): string =>
  Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind as FindingKind] : kind

/** A control status's words and class; an unknown status is shown as written, unstyled. */
export function statusLabel(status: string): { symbol: string; text: string; short: string; css: string } {
  return Object.hasOwn(STATUS_LABELS, status)
    ? (STATUS_LABELS[status] as (typeof STATUS_LABELS)[string])
    : { symbol: '', text: status, short: status, css: 'st-other' }
}

/**
 * The aliases of a model the posture considers: those named by `--alias` that the model has, or
 * all of its aliases when none were named; sorted, so the choice does not depend on tag order.
 */
export function consideredAliases(report: PostureReport, model: ModelPosture): string[] {
  const all = Object.keys(model.aliases).sort()
  return report.aliases.length === 0 ? all : all.filter((alias) => report.aliases.includes(alias))
}

/**
 * The version whose controls the matrix shows for a model: the one its first considered alias
 * points at, else its newest version. `via` names the alias (undefined for the newest).
 */
export function consideredVersion(
  report: PostureReport,
  model: ModelPosture
): { version: ModelPosture['versions'][number]; via?: string } | undefined {
  for (const alias of consideredAliases(report, model)) {
    const version = model.versions.find((v) => v.version === model.aliases[alias])
    if (version !== undefined) return { version, via: alias }
  }
  const newest = model.versions[0]
  return newest === undefined ? undefined : { version: newest }
}
