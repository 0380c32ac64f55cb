/**
 * Opt-in write-back of a verdict to MLflow: the card and report become artifacts of the
 * version's run, then namespaced tags (`aims.gate.*`) are set on the model version. It runs only
 * after evaluation completed (it needs the built tags and rendered files), and any failure is
 * reported as an error that fails the step; nothing is silently skipped.
 *
 * Order matters: artifacts first, tags second, `aims.gate.verdict` last, so a verdict tag on a
 * version always means the report it names was uploaded and the other tags were written.
 */
import { evidenceError } from '../core/errors.js'
import { WRITEBACK_ARTIFACT_DIR, WRITEBACK_TAG_PREFIX } from '../render/writeback-tags.js'

/** What write-back needs from an MLflow client (the REST store is adapted to this). */
export interface MlflowWriter {
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>
  /** `path` is relative to the run's artifact root (`aims-gate/3.md`). */
  uploadRunArtifact(runId: string, path: string, bytes: Uint8Array, contentType: string): Promise<void>
}

export interface WritebackFile {
  /** File name inside the write-back folder (`3.md`, `3.report.json`). */
  name: string
  bytes: Uint8Array
  contentType: string
}

export interface WritebackRequest {
  model: string
  version: string
  /** The version's run; artifacts cannot be uploaded without it. */
  runId: string | undefined
  /** From `buildWritebackTags`. */
  tags: Record<string, string>
  files: WritebackFile[]
  artifactDir?: string
}

export interface WritebackResult {
  artifacts: string[]
  tags: string[]
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Throws GateError('evidence') naming what failed and what was already written. */
export async function writeBackToMlflow(writer: MlflowWriter, request: WritebackRequest): Promise<WritebackResult> {
  const subject = `models:/${request.model}/${request.version}`
  if (request.runId === undefined || request.runId === '') {
    throw evidenceError(
      `Write-back to ${subject} failed: the version has no run to attach the card and ` +
        `report to. Fix: register the version from a run, or turn write-back off.`
    )
  }
  const dir = request.artifactDir ?? WRITEBACK_ARTIFACT_DIR
  const done: WritebackResult = { artifacts: [], tags: [] }
  for (const file of request.files) {
    const artifactPath = `${dir}/${file.name}`
    try {
      await writer.uploadRunArtifact(request.runId, artifactPath, file.bytes, file.contentType)
      done.artifacts.push(artifactPath)
    } catch (error) {
      throw evidenceError(
        `Write-back to ${subject} failed uploading ${artifactPath} to ` +
          `run ${request.runId}: ${reason(error)}. Nothing was ` +
          `tagged${done.artifacts.length > 0 ? `; already uploaded: ${done.artifacts.join(', ')}` : ''}. Fix: ` +
          `check the token's write permission and the artifact store, then rerun.`,
        error
      )
    }
  }
  const verdictKey = `${WRITEBACK_TAG_PREFIX}verdict`
  const keys = Object.keys(request.tags).sort((a, b) => (a === verdictKey ? 1 : b === verdictKey ? -1 : a < b ? -1 : 1))
  for (const key of keys) {
    try {
      await writer.setModelVersionTag(request.model, request.version, key, request.tags[key] as string)
      done.tags.push(key)
    } catch (error) {
      throw evidenceError(
        `Write-back to ${subject} failed setting tag ${key}: ${reason(error)}. ` +
          `Uploaded: ${done.artifacts.join(', ') || 'nothing'}; tags ` +
          `set: ${done.tags.join(', ') || 'none'}. Fix: check the token's write permission ` +
          `on the registry, then rerun.`,
        error
      )
    }
  }
  return done
}
