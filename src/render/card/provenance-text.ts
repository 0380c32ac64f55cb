/**
 * Sentences that say where a fact came from, so every number in a card can be traced back
 * ("logged in run abc123 (runs:/abc123/metrics/roc_auc)"). All output is escaped Markdown.
 */
import type { LoggedMetric, Present, Provenance, RecomputedEvaluation } from '../../core/evidence/types.js'
import { escapeMarkdownInline, truncateText } from '../escape.js'

/** Provenance text goes into table cells: one line, bounded, escaped (pipes included). */
const md = (text: string): string => escapeMarkdownInline(truncateText(text.replace(/\s*\n\s*/g, ' '), 500))

/** First 12 hex digits of a digest: enough to recognise it, short enough for a table. */
export function shortDigest(digest: string): string {
  return digest.length > 12 ? `${digest.slice(0, 12)}…` : digest
}

/** One escaped sentence for any provenance. */
export function describeProvenance(p: Provenance): string {
  const extra: string[] = []
  if (p.datasetDigest !== undefined) extra.push(`dataset digest ${md(p.datasetDigest)}`)
  if (p.sha256 !== undefined) extra.push(`sha256 ${md(p.sha256)}`)
  const tail = extra.length > 0 ? `, ${extra.join(', ')}` : ''
  switch (p.source) {
    case 'mlflow-run':
      return `logged in run ${md(p.runId ?? '(unknown run)')} (${md(p.uri)}${tail})`
    case 'recomputed': {
      // The file first: it is what an auditor re-runs on; digest and hash pin its exact bytes.
      const pins = [
        p.datasetDigest !== undefined ? `dataset digest ${md(p.datasetDigest)}` : '',
        p.sha256 !== undefined ? `sha256 ${md(p.sha256)}` : ''
      ].filter(Boolean)
      return `recomputed on ${md(p.uri)}${pins.length > 0 ? ` (${pins.join(', ')})` : ''}`
    }
    case 'mlflow-registry':
      return `from the MLflow registry (${md(p.uri)}${tail})`
    case 'artifact':
      return `from run artifact ${md(p.uri)}${tail}`
    case 'github':
      return `from GitHub (${md(p.uri)}${tail})`
    case 'repo-file':
      return `from repository file ${md(p.uri)}${tail}`
  }
}

/** Where a logged metric came from, including the dataset MLflow 3 links it to. */
export function describeLoggedMetric(metric: Present<LoggedMetric>): string {
  const m = metric.value
  if (m.datasetName === undefined && m.datasetDigest === undefined)
    return `${describeProvenance(metric.provenance)}, step ${m.step}`
  // The dataset is named once, after the step, rather than also inside the parenthesis.
  const { datasetDigest: _sameDigest, ...withoutDigest } = metric.provenance
  const base = describeProvenance(withoutDigest)
  const dataset = [
    m.datasetName !== undefined ? md(m.datasetName) : undefined,
    m.datasetDigest !== undefined ? `digest ${md(m.datasetDigest)}` : undefined
  ]
    .filter((part) => part !== undefined)
    .join(' ')
  return `${base}, step ${m.step}, on dataset ${dataset}`
}

/** Where a recomputed metric came from: which model bytes ran on which data. */
export function describeRecomputed(evaluation: RecomputedEvaluation): string {
  const d = evaluation.dataset
  const digest = d.digest !== undefined ? `dataset digest ${md(d.digest)}, ` : ''
  return (
    `recomputed on ${md(d.uri)} (${digest}sha256 ${md(d.sha256)}, ${d.rows} rows) ` +
    `by running the model with sha256 ${md(evaluation.modelSha256)}`
  )
}

/**
 * A number as the report holds it. `String(n)` is the shortest text that reads back as the
 * same double, so the card's numbers equal the report's exactly.
 */
export function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞'
}

/** Candidate minus baseline, signed, without floating-point noise in the last digits. */
export function formatDelta(candidate: number, baseline: number): string {
  const delta = candidate - baseline
  if (!Number.isFinite(delta)) return 'n/a'
  const rounded = Number(delta.toPrecision(10))
  if (rounded === 0) return '±0'
  return rounded > 0 ? `+${String(rounded)}` : `−${String(-rounded)}`
}

/** Milliseconds since the epoch → ISO-8601 (dates in cards come from evidence, not the clock). */
export function formatTimestamp(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return 'not recorded'
  return new Date(ms).toISOString()
}
