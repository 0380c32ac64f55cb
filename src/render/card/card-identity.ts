/**
 * The card's identity table: which model version, run, artifact, commit and tracking server the
 * card is about, each value escaped and pointed at its source.
 */
import type { Evidence } from '../../core/evidence/types.js'
import { cell } from './card-tables.js'
import type { LabelValue } from './card-view.js'
import { describeProvenance, formatTimestamp } from './provenance-text.js'

export function identityRows(evidence: Evidence): LabelValue[] {
  const mv = evidence.candidate.modelVersion
  const v = mv.value
  const run = evidence.candidate.run
  const model = evidence.candidate.model
  const rows: LabelValue[] = [
    { label: 'Model', value: cell(v.name) },
    { label: 'Version', value: `${cell(v.version)} (${describeProvenance(mv.provenance)})` },
    { label: 'Aliases', value: v.aliases.length === 0 ? 'none' : v.aliases.map(cell).join(', ') },
    {
      label: 'Registered',
      value: `${formatTimestamp(v.creationTimestamp)}${v.userId !== undefined ? ` by ${cell(v.userId)}` : ''}`
    },
    { label: 'Source', value: cell(v.source) }
  ]
  if (run.kind === 'present') {
    const r = run.value
    rows.push({
      label: 'Run',
      value:
        `${cell(r.runId)}${r.runName !== undefined ? ` (${cell(r.runName)})` : ''}, ` +
        `experiment ${cell(r.experimentId)}, status ${cell(r.status)}, ` +
        `started ${formatTimestamp(r.startTime)}${r.user !== undefined ? `, trained by ${cell(r.user)}` : ''}`
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
    // The digest is in the value already: the provenance names where the bytes came from, once.
    const { sha256: _sameDigest, ...where } = model.provenance
    rows.push({ label: 'Artifact SHA-256', value: `${digest} (${describeProvenance(where)})` })
  } else {
    rows.push({ label: 'Artifact SHA-256', value: `**Missing** (${model.reason}): ${cell(model.detail)}` })
  }
  rows.push(
    {
      label: 'Git commit',
      value:
        evidence.change.gitCommit !== undefined ? cell(evidence.change.gitCommit) : 'not recorded (not run from CI)'
    },
    {
      label: 'Tracking server',
      value:
        `${cell(evidence.tracking.uri)} ` +
        `(${evidence.tracking.kind}` +
        `${evidence.tracking.serverVersion !== undefined ? ` ${cell(evidence.tracking.serverVersion)}` : ''}), ` +
        `evidence collected ${cell(evidence.collectedAt)}`
    }
  )
  return rows
}
