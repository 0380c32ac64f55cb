/**
 * Everything about one registered model version, from any `MlflowReader`: the version record, its
 * run (metrics, params, tags, datasets), the run's artifact tree, requested documents and, when
 * asked, the downloaded and hashed model directory. Provenance is added here, never by a store.
 *
 * Failures below the version itself become `Missing` items with a reason (the gate then fails
 * closed per requirement); only programming errors propagate.
 */
import { join } from 'node:path'
import type {
  ArtifactDocument,
  ArtifactFile,
  EvidenceItem,
  ModelArtifact,
  ModelVersionEvidence,
  RunEvidence,
  VersionEvidence
} from '../../core/evidence/types.js'
import { GateError } from '../../core/errors.js'
import { missing, present } from '../../core/evidence/items.js'
import type { MissingReason } from '../../core/evidence/types.js'
import { walkArtifacts, DEFAULT_WALK_LIMITS } from './artifact-walk.js'
import { sha256Hex } from '../../hash.js'
import { MAX_DOCUMENT_BYTES } from '../../core/documents/text-document.js'
import { downloadModelDirectory } from './model-download.js'
import { compareCodePoints } from './record-helpers.js'
import type { LoggedModelRecord, MlflowReader, RunRecord } from './store.js'
import { runEvidence } from './run-evidence.js'

export interface VersionRequest {
  documents: string[]
  downloadModel: boolean
  workDir: string
}

const LOGGED_MODEL_URI = /^models:\/(m-[0-9a-f]{32})\/?$/

export async function assembleVersion(
  store: MlflowReader,
  mv: ModelVersionEvidence,
  request: VersionRequest
): Promise<VersionEvidence> {
  const registryUri = `models:/${mv.name}/${mv.version}`
  const modelVersion = present(
    mv,
    mv.runId
      ? { source: 'mlflow-registry', uri: registryUri, runId: mv.runId }
      : { source: 'mlflow-registry', uri: registryUri }
  )

  const runRecord = await attempt(
    () => (mv.runId ? store.getRun(mv.runId) : Promise.resolve(undefined)),
    `run ${mv.runId ?? ''} of ${registryUri}`
  )
  const loggedModel = await attempt(
    () => findLoggedModel(store, mv, runRecord.ok ? runRecord.value : undefined),
    `logged model of ${registryUri}`
  )
  const logged = loggedModel.ok ? loggedModel.value : undefined

  let run: EvidenceItem<RunEvidence>
  if (!mv.runId)
    run = missing(
      'not-logged',
      `${registryUri} records no source run. Fix: register versions from a run (log_model inside mlflow.start_run).`
    )
  else if (!runRecord.ok) run = runRecord.missing
  else if (runRecord.value === undefined)
    run = missing(
      'not-found',
      `Run ${mv.runId} of ${registryUri} does not exist (deleted?). Fix: restore the ` +
        `run or register a version from an existing run.`
    )
  else
    run = present(runEvidence(runRecord.value, logged), {
      source: 'mlflow-run',
      uri: `runs:/${mv.runId}`,
      runId: mv.runId
    })

  let artifacts: EvidenceItem<ArtifactFile[]> = missing(
    'not-logged',
    `${registryUri} has no run, so there are no run artifacts.`
  )
  if (run.kind === 'present') {
    const { runId, artifactUri } = run.value
    const walked = await attempt(
      () => walkArtifacts(store, artifactUri, DEFAULT_WALK_LIMITS),
      `artifacts of run ${runId}`
    )
    if (!walked.ok) artifacts = walked.missing
    else if (!walked.value.complete)
      artifacts = missing(
        'too-large',
        `Artifacts of run ${runId} have ${walked.value.reason}; the listing was not ` +
          `kept. Fix: keep fewer files in the run.`
      )
    else artifacts = present(walked.value.files, { source: 'mlflow-run', uri: `runs:/${runId}/`, runId })
  }

  const documents: Record<string, EvidenceItem<ArtifactDocument>> = {}
  for (const path of [...new Set(request.documents)].sort(compareCodePoints)) {
    documents[path] =
      run.kind === 'present'
        ? await readDocument(store, run.value, artifacts, path)
        : missing('not-logged', `Document ${path} cannot be read: ${registryUri} has no usable run.`)
  }

  const model = request.downloadModel
    ? await assembleModel(store, mv, runRecord.ok ? runRecord.value : undefined, logged, request.workDir)
    : missing(
        'unsupported',
        `The model of ${registryUri} was not downloaded (not requested). Fix: run with ` +
          `model download enabled (--download-model).`
      )
  return { modelVersion, run, artifacts, model, documents }
}

/**
 * MLflow 3's logged model behind a version (REST does not return `model_id`): the `models:/m-<id>`
 * source, else the run's output model whose `mlflow.modelVersions` tag lists this version.
 */
async function findLoggedModel(
  store: MlflowReader,
  mv: ModelVersionEvidence,
  run: RunRecord | undefined
): Promise<LoggedModelRecord | undefined> {
  const direct = LOGGED_MODEL_URI.exec(mv.source)?.[1]
  if (direct) return store.getLoggedModel(direct)
  for (const id of run?.outputModelIds ?? []) {
    const model = await store.getLoggedModel(id)
    if (model && listsVersion(model.tags['mlflow.modelVersions'], mv)) return model
  }
  return undefined
}

function listsVersion(tag: string | undefined, mv: ModelVersionEvidence): boolean {
  if (!tag) return false
  try {
    const entries: unknown = JSON.parse(tag)
    // MLflow writes the version as a number or a string depending on the client version.
    return (
      Array.isArray(entries) &&
      entries.some(
        (e: { name?: unknown; version?: unknown }) => e?.name === mv.name && String(e?.version) === mv.version
      )
    )
  } catch {
    return false
  }
}

async function assembleModel(
  store: MlflowReader,
  mv: ModelVersionEvidence,
  run: RunRecord | undefined,
  logged: LoggedModelRecord | undefined,
  workDir: string
): Promise<EvidenceItem<ModelArtifact>> {
  const registryUri = `models:/${mv.name}/${mv.version}`
  const root = modelRoot(mv, run, logged)
  if (!root.ok) return missing(root.reason, root.detail)
  const localDir = join(workDir, 'models', `${safeName(mv.name)}-v${mv.version}`)
  const result = await attempt(
    () => downloadModelDirectory(store, root.uri, localDir),
    `model directory of ${registryUri}`
  )
  if (!result.ok) return result.missing
  const download = result.value
  if (!download.ok) return missing(download.reason, download.detail)
  const model: ModelArtifact = { sourceUri: root.sourceUri, localDir, files: download.files, mlmodel: download.mlmodel }
  if (download.onnxPath !== undefined) model.onnxPath = download.onnxPath
  if (download.onnxSha256 !== undefined) model.onnxSha256 = download.onnxSha256
  if (logged) model.loggedModelId = logged.modelId
  const provenance = { source: 'artifact' as const, uri: root.sourceUri, ...(mv.runId ? { runId: mv.runId } : {}) }
  return present(model, download.onnxSha256 ? { ...provenance, sha256: download.onnxSha256 } : provenance)
}

type Root = { ok: true; uri: string; sourceUri: string } | { ok: false; reason: MissingReason; detail: string }

/** Where the model directory is: logged model (3.x), `runs:/` source, or the stored artifact URI. */
function modelRoot(mv: ModelVersionEvidence, run: RunRecord | undefined, logged: LoggedModelRecord | undefined): Root {
  const registryUri = `models:/${mv.name}/${mv.version}`
  if (LOGGED_MODEL_URI.test(mv.source)) {
    return logged?.artifactUri
      ? { ok: true, uri: logged.artifactUri, sourceUri: mv.source }
      : {
          ok: false,
          reason: 'not-found',
          detail:
            `${registryUri} points at logged model ${mv.source}, which the store does not ` +
            `have. Fix: check the model was not deleted, or re-register the version.`
        }
  }
  const runsUri = /^runs:\/([^/]+)\/?(.*)$/.exec(mv.source)
  if (runsUri) {
    if (!run || run.runId !== runsUri[1]) {
      return {
        ok: false,
        reason: 'not-found',
        detail:
          `${registryUri} source ${mv.source} names a run the store does not have. Fix: ` +
          `restore the run or re-register the version.`
      }
    }
    const uri = runsUri[2] ? `${run.artifactUri.replace(/\/+$/, '')}/${runsUri[2]}` : run.artifactUri
    return { ok: true, uri, sourceUri: mv.source }
  }
  if (mv.source === '') {
    return {
      ok: false,
      reason: 'not-logged',
      detail: `${registryUri} has no source. Fix: register the version from a logged model.`
    }
  }
  return { ok: true, uri: mv.source, sourceUri: mv.source }
}

async function readDocument(
  store: MlflowReader,
  run: RunEvidence,
  listing: EvidenceItem<ArtifactFile[]>,
  path: string
): Promise<EvidenceItem<ArtifactDocument>> {
  const clean = path.replace(/^\/+/, '')
  const where = `runs:/${run.runId}/${clean}`
  if (listing.kind === 'present') {
    // The document, or a folder on its way, may be a symlink out of a local store: say so by name.
    const link = listing.value.find(
      (f) => f.outside !== undefined && (f.path === clean || clean.startsWith(`${f.path}/`))
    )
    if (link)
      return missing(
        'invalid',
        `Document ${where} is not read: ${link.path} ${link.outside ?? ''}. Fix: ` +
          `log the document itself with mlflow.log_artifact (it copies the file into the store).`
      )
    const entry = listing.value.find((f) => f.path === clean && !f.isDir)
    if (!entry)
      return missing(
        'not-found',
        `Document ${clean} is not among the artifacts of run ${run.runId}. Fix: log it ` +
          `with mlflow.log_artifact or mlflow.log_text("…", "${clean}").`
      )
    if (entry.size !== undefined && entry.size > MAX_DOCUMENT_BYTES) {
      return missing(
        'too-large',
        `Document ${where} is ${entry.size} bytes, over the ${MAX_DOCUMENT_BYTES}-byte ` +
          `limit. Fix: keep documents small (link large ones).`
      )
    }
  }
  const read = await attempt(() => store.readArtifact(run.artifactUri, clean), `document ${where}`)
  if (!read.ok) return read.missing
  const bytes = read.value
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    return missing(
      'too-large',
      `Document ${where} is ${bytes.byteLength} bytes, over ` +
        `the ${MAX_DOCUMENT_BYTES}-byte limit. Fix: keep documents small (link large ones).`
    )
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return missing('invalid', `Document ${where} is not UTF-8 text. Fix: log it as a UTF-8 text file (Markdown).`)
  }
  const digest = sha256Hex(bytes)
  return present(
    { path: clean, text, size: bytes.byteLength, sha256: digest },
    { source: 'artifact', uri: where, runId: run.runId, sha256: digest }
  )
}

/** Runs a store call; a GateError becomes a `Missing` with a reason matching what went wrong. */
export async function attempt<T>(
  fn: () => Promise<T>,
  what: string
): Promise<{ ok: true; value: T } | { ok: false; missing: ReturnType<typeof missing> }> {
  try {
    return { ok: true, value: await fn() }
  } catch (error) {
    if (!(error instanceof GateError)) throw error
    const status = (error as { status?: unknown }).status
    const reason: MissingReason =
      status === 401 || status === 403
        ? 'unauthorised'
        : status === 404
          ? 'not-found'
          : error.kind === 'evidence'
            ? 'unreachable'
            : 'invalid'
    return { ok: false, missing: missing(reason, `Could not read the ${what}: ${error.message}`) }
  }
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_')
}
