/** The readable (non-JSON) form of `aims-gate inspect`: what was found, and what is missing and why. */
import type { Evidence, EvidenceItem, VersionEvidence } from '../core/evidence/types.js'

export function formatEvidenceSummary(evidence: Evidence, asked: string): string {
  const lines: string[] = []
  const t = evidence.tracking
  lines.push(`Evidence for ${asked}`)
  lines.push(`  tracking:   ${t.uri} (${t.kind}${t.serverVersion ? `, MLflow ${t.serverVersion}` : ''})`)
  lines.push(`  collected:  ${evidence.collectedAt}`)
  const aliases = Object.entries(evidence.registeredModel.value.aliases).map(([a, v]) => `${a}→${v}`)
  lines.push(`  model:      ${evidence.registeredModel.value.name} (aliases: ${aliases.join(', ') || 'none'})`)
  lines.push('', 'Candidate', ...versionLines(evidence.candidate))
  lines.push('', 'Baseline')
  if (evidence.champion.kind === 'present') lines.push(...versionLines(evidence.champion.value))
  else lines.push(`  missing (${evidence.champion.reason}): ${evidence.champion.detail}`)
  return `${lines.join('\n')}\n`
}

function versionLines(v: VersionEvidence): string[] {
  const mv = v.modelVersion.value
  const out = [
    `  version:    ${mv.name}/${mv.version}${mv.aliases.length ? ` (@${mv.aliases.join(', @')})` : ''}, ${mv.status}`,
    `  source:     ${mv.source || '(none)'}`
  ]
  const tags = Object.entries(mv.tags)
  if (tags.length) out.push(`  tags:       ${tags.map(([k, val]) => `${k}=${short(val)}`).join(', ')}`)
  if (v.run.kind === 'present') {
    const r = v.run.value
    out.push(
      `  run:        ${r.runId}${r.runName ? ` "${r.runName}"` : ''} ` +
        `by ${r.user ?? 'unknown'}, ${r.status}, experiment ${r.experimentId}`
    )
    const metrics = Object.values(r.metrics).map((m) => `${m.value.key}=${fmt(m.value.value)}`)
    out.push(`  metrics:    ${metrics.join(', ') || 'none'}`)
    const params = Object.entries(r.params).map(([k, val]) => `${k}=${short(val)}`)
    out.push(`  params:     ${params.join(', ') || 'none'}`)
    for (const d of r.datasets) {
      out.push(
        `  dataset:    ${d.value.name} [${d.value.context ?? 'no context'}] ` +
          `digest ${d.value.digest} ` +
          `(${d.value.sourceType}${d.value.sourceUri ? ` ${d.value.sourceUri}` : ''})`
      )
    }
    if (r.datasets.length === 0) out.push('  dataset:    none logged')
  } else out.push(`  run:        ${missingText(v.run)}`)
  const files = v.artifacts.kind === 'present' ? v.artifacts.value.filter((f) => !f.isDir) : undefined
  out.push(`  artifacts:  ${files === undefined ? missingText(v.artifacts) : `${files.length} files`}`)
  for (const [path, doc] of Object.entries(v.documents)) {
    out.push(
      `  document:  ` +
        ` ${path}: ${doc.kind === 'present' ? `${doc.value.size} bytes, sha256 ${doc.value.sha256}` : missingText(doc)}`
    )
  }
  if (v.model.kind === 'present') {
    const m = v.model.value
    out.push(
      `  model dir:  ${m.localDir} (${m.files.length} ` +
        `files${m.loggedModelId ? `, logged model ${m.loggedModelId}` : ''})`
    )
    if (m.onnxPath) out.push(`  onnx:       ${m.onnxPath} sha256 ${m.onnxSha256 ?? '?'}`)
  } else out.push(`  model dir:  ${missingText(v.model)}`)
  return out
}

function missingText(item: EvidenceItem<unknown>): string {
  return item.kind === 'missing' ? `missing (${item.reason}): ${item.detail}` : 'present'
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)))
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ')
  return one.length > 60 ? `${one.slice(0, 59)}…` : one
}
