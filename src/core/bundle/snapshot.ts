/**
 * The evidence snapshot of a bundle: the `Evidence` the checks read, split by where it came from
 * so an auditor can read each part, and put back together exactly for the re-evaluation.
 * The local copy of a downloaded model (`localDir`, a temporary folder) is not evidence and
 * differs on every run, so it is written empty; the model's files are bound by their digests.
 */
import { z } from 'zod'
import type { Evidence, VersionEvidence } from '../evidence/types.js'
import { fromFaithfulJson, toFaithfulJson } from './faithful-json.js'

export const SNAPSHOT_FILES = {
  mlflow: 'evidence/mlflow.json',
  documents: 'evidence/documents.json',
  recomputed: 'evidence/recomputed.json',
  approvals: 'evidence/github-approvals.json',
  repository: 'evidence/repository.json'
} as const

function withoutLocalCopy(version: VersionEvidence): VersionEvidence {
  if (version.model.kind !== 'present') return version
  return { ...version, model: { ...version.model, value: { ...version.model.value, localDir: '' } } }
}

/** Path in the bundle → file text. */
export function snapshotFiles(evidence: Evidence): Record<string, string> {
  const { documents, recomputed, ...candidate } = withoutLocalCopy(evidence.candidate)
  const champion =
    evidence.champion.kind === 'present'
      ? { ...evidence.champion, value: withoutLocalCopy(evidence.champion.value) }
      : evidence.champion
  const files: Record<string, string> = {
    [SNAPSHOT_FILES.mlflow]: toFaithfulJson({
      schemaVersion: evidence.schemaVersion,
      collectedAt: evidence.collectedAt,
      tracking: evidence.tracking,
      registeredModel: evidence.registeredModel,
      candidate,
      champion
    }),
    [SNAPSHOT_FILES.documents]: toFaithfulJson(documents),
    [SNAPSHOT_FILES.repository]: toFaithfulJson({ cardSource: evidence.cardSource, change: evidence.change })
  }
  if (recomputed !== undefined) files[SNAPSHOT_FILES.recomputed] = toFaithfulJson(recomputed)
  if (evidence.externalApprovals !== undefined)
    files[SNAPSHOT_FILES.approvals] = toFaithfulJson(evidence.externalApprovals)
  return files
}

// The shape is checked only as far as reassembly needs; the checks themselves treat every
// field as untrusted evidence, as they do for a live store's answers.
const record = z.record(z.string(), z.unknown())
const mlflowPart = z
  .object({
    schemaVersion: z.literal(1),
    collectedAt: z.string(),
    tracking: record,
    registeredModel: record,
    candidate: record,
    champion: record
  })
  .strict()
const repositoryPart = z.object({ cardSource: record, change: record }).strict()

/** The bundle's snapshot files back into `Evidence`; `read` throws naming a missing file. */
export function evidenceFromSnapshot(read: (path: string) => string | undefined): Evidence {
  const part = (name: string): unknown => {
    const text = read(name)
    return text === undefined ? undefined : fromFaithfulJson(text)
  }
  const mlflow = mlflowPart.parse(part(SNAPSHOT_FILES.mlflow))
  const repository = repositoryPart.parse(part(SNAPSHOT_FILES.repository))
  const documents = record.parse(part(SNAPSHOT_FILES.documents))
  const recomputed = part(SNAPSHOT_FILES.recomputed)
  const approvals = part(SNAPSHOT_FILES.approvals)
  const candidate = { ...mlflow.candidate, documents, ...(recomputed === undefined ? {} : { recomputed }) }
  return {
    schemaVersion: mlflow.schemaVersion,
    collectedAt: mlflow.collectedAt,
    tracking: mlflow.tracking,
    registeredModel: mlflow.registeredModel,
    candidate,
    champion: mlflow.champion,
    cardSource: repository.cardSource,
    change: repository.change,
    ...(approvals === undefined ? {} : { externalApprovals: approvals })
  } as unknown as Evidence
}
