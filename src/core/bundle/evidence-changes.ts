/**
 * What changed in the registry since a bundle was written (`verify --against`): aliases, tags,
 * metrics, artifacts and model file digests of the bundled version, old value → new value.
 * Pure: both sides are `Evidence`, the bundled snapshot and a fresh read. News for the auditor,
 * not a verdict: the bundle's verdict is about the evidence as it was.
 */
import type { Evidence, EvidenceItem } from '../evidence/types.js'

export interface EvidenceChange {
  what: string
  before: string
  after: string
}

const present = <T>(item: EvidenceItem<T> | undefined): T | undefined =>
  item?.kind === 'present' ? item.value : undefined

function compareMaps(what: string, before: Record<string, string>, after: Record<string, string>): EvidenceChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return keys
    .filter((key) => before[key] !== after[key])
    .map((key) => ({ what: `${what} ${key}`, before: before[key] ?? '(none)', after: after[key] ?? '(none)' }))
}

function metrics(evidence: Evidence): Record<string, string> {
  const run = present(evidence.candidate.run)
  return Object.fromEntries(
    Object.entries(run?.metrics ?? {}).map(([key, metric]) => [key, String(metric.value.value)])
  )
}

function artifacts(evidence: Evidence): Record<string, string> {
  const list = present(evidence.candidate.artifacts) ?? []
  return Object.fromEntries(
    list.filter((a) => !a.isDir).map((a) => [a.path, a.size === undefined ? 'present' : `${a.size} bytes`])
  )
}

function modelFiles(evidence: Evidence): Record<string, string> {
  const model = present(evidence.candidate.model)
  return Object.fromEntries((model?.files ?? []).map((file) => [file.path, file.sha256]))
}

export function evidenceChanges(before: Evidence, after: Evidence): EvidenceChange[] {
  const version = (e: Evidence) => e.candidate.modelVersion.value
  return [
    ...compareMaps('alias', before.registeredModel.value.aliases, after.registeredModel.value.aliases),
    ...compareMaps('model tag', before.registeredModel.value.tags, after.registeredModel.value.tags),
    ...compareMaps('version tag', version(before).tags, version(after).tags),
    ...compareMaps('run tag', present(before.candidate.run)?.tags ?? {}, present(after.candidate.run)?.tags ?? {}),
    ...compareMaps('metric', metrics(before), metrics(after)),
    ...compareMaps('artifact', artifacts(before), artifacts(after)),
    ...compareMaps('model file', modelFiles(before), modelFiles(after))
  ]
}
