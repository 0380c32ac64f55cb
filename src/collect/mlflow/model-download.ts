/**
 * Downloads a whole MLflow model directory (MLmodel, the ONNX graph and any external-data side
 * files, environment files) from any `MlflowReader` into a local folder, hashing every file.
 * The whole directory is fetched on purpose: `mlflow.onnx.save_model` moves large initializers into
 * a UUID-named file beside `model.onnx`, and the graph cannot run without it.
 */
import { sha256File, sha256Hex } from '../../hash.js'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { ModelFile } from '../../core/evidence/types.js'
import { walkArtifacts, type WalkLimits } from './artifact-walk.js'
import { compareCodePoints } from './record-helpers.js'
import type { MlflowReader } from './store.js'

export interface ModelDownloadLimits extends WalkLimits {
  /** Sum of all file sizes; a bigger model is reported `too-large` rather than filling the disk. */
  maxTotalBytes: number
}

export const DEFAULT_MODEL_LIMITS: ModelDownloadLimits = {
  maxEntries: 1_000,
  maxDepth: 8,
  maxTotalBytes: 2 * 1024 ** 3
}

export type ModelDownload =
  | {
      ok: true
      files: ModelFile[]
      mlmodel: Record<string, unknown>
      onnxPath?: string
      onnxSha256?: string
    }
  | { ok: false; reason: 'not-found' | 'too-large' | 'invalid'; detail: string }

const PARALLEL = 4

/** The artifact reads a download needs (a test fake offers only these). */
export type ArtifactReader = Pick<MlflowReader, 'listArtifacts' | 'readArtifact' | 'downloadArtifact'>

/** Fetches every file below `rootUri` into `localDir` (emptied first) and reads the MLmodel. */
export async function downloadModelDirectory(
  store: ArtifactReader,
  rootUri: string,
  localDir: string,
  limits: ModelDownloadLimits = DEFAULT_MODEL_LIMITS
): Promise<ModelDownload> {
  const walk = await walkArtifacts(store, rootUri, limits)
  if (!walk.complete) {
    return {
      ok: false,
      reason: 'too-large',
      detail:
        `Model directory ${rootUri} has ${walk.reason}; aims-gate does not download it. ` +
        `Fix: keep only the model files in the model directory.`
    }
  }
  const outside = walk.files.find((f) => f.outside !== undefined)
  if (outside) {
    return {
      ok: false,
      reason: 'invalid',
      detail:
        `Model directory ${rootUri} holds ` +
        `"${outside.path}": ${outside.outside ?? 'it leads outside the store'}; nothing ` +
        `was downloaded. Fix: re-log the model so its files are inside the store.`
    }
  }
  const entries = walk.files.filter((f) => !f.isDir)
  if (!entries.some((f) => f.path === 'MLmodel')) {
    return {
      ok: false,
      reason: entries.length === 0 ? 'not-found' : 'invalid',
      detail:
        `No MLmodel file ` +
        `at ${rootUri}${entries.length === 0 ? ' (the directory is empty or absent)' : ''}. Fix: register a ` +
        `version whose source is an MLflow model directory (logged with mlflow.<flavor>.log_model).`
    }
  }
  const listedBytes = entries.reduce((sum, f) => sum + (f.size ?? 0), 0)
  if (listedBytes > limits.maxTotalBytes) {
    return {
      ok: false,
      reason: 'too-large',
      detail:
        `Model directory ${rootUri} holds ${listedBytes} bytes, over ` +
        `the ${limits.maxTotalBytes}-byte limit. Fix: use a smaller model or raise the limit.`
    }
  }

  const base = resolve(localDir)
  const unsafe = entries.find((f) => safeTarget(base, f.path) === undefined)
  if (unsafe) {
    return {
      ok: false,
      reason: 'invalid',
      detail:
        `Model directory ${rootUri} lists "${unsafe.path}", which points outside the ` +
        `directory; nothing was downloaded. Fix: re-log the model; artifact paths must ` +
        `stay inside it.`
    }
  }
  await rm(base, { recursive: true, force: true })
  await mkdir(base, { recursive: true })
  const files: ModelFile[] = []
  let total = 0
  for (let i = 0; i < entries.length; i += PARALLEL) {
    const batch = entries.slice(i, i + PARALLEL)
    const fetched = await Promise.all(
      batch.map((entry) => fetchFile(store, rootUri, entry.path, safeTarget(base, entry.path) as string))
    )
    for (const file of fetched) {
      total += file.size
      if (total > limits.maxTotalBytes) {
        return {
          ok: false,
          reason: 'too-large',
          detail:
            `Model directory ${rootUri} exceeds the ${limits.maxTotalBytes}-byte limit. ` +
            `Fix: use a smaller model or raise the limit.`
        }
      }
      files.push(file)
    }
  }
  files.sort((a, b) => compareCodePoints(a.path, b.path))

  // Listed above, so it was downloaded with the rest.
  const mlmodel = parseMlmodel(await readFile(join(base, 'MLmodel')), rootUri)
  if (!mlmodel.ok) return mlmodel
  const out: ModelDownload = { ok: true, files, mlmodel: mlmodel.value }
  const onnxPath = onnxDataPath(mlmodel.value)
  if (onnxPath !== undefined) {
    const onnx = files.find((f) => f.path === onnxPath)
    if (!onnx) {
      return {
        ok: false,
        reason: 'invalid',
        detail:
          `MLmodel at ${rootUri} names ONNX file "${onnxPath}", which is not in the model ` +
          `directory. Fix: re-log the model with mlflow.onnx.log_model.`
      }
    }
    out.onnxPath = onnxPath
    out.onnxSha256 = onnx.sha256
  }
  return out
}

/**
 * One model file to disk with its size and SHA-256. Streamed when the store can (model weights
 * can be gigabytes); otherwise read whole, as small stores and test fakes do.
 */
async function fetchFile(store: ArtifactReader, rootUri: string, path: string, target: string): Promise<ModelFile> {
  await mkdir(dirname(target), { recursive: true })
  if (store.downloadArtifact !== undefined) {
    await store.downloadArtifact(rootUri, path, target)
    return { path, size: (await stat(target)).size, sha256: await sha256File(target) }
  }
  const bytes = await store.readArtifact(rootUri, path)
  await writeFile(target, bytes)
  return { path, size: bytes.byteLength, sha256: sha256Hex(bytes) }
}

function parseMlmodel(
  bytes: Uint8Array,
  rootUri: string
): { ok: true; value: Record<string, unknown> } | { ok: false; reason: 'invalid'; detail: string } {
  let value: unknown
  try {
    value = parseYaml(new TextDecoder().decode(bytes))
  } catch (cause) {
    const why = cause instanceof Error ? cause.message.split('\n')[0] : 'unreadable'
    return {
      ok: false,
      reason: 'invalid',
      detail: `MLmodel at ${rootUri} is not valid YAML (${why}). Fix: re-log the model with MLflow.`
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      reason: 'invalid',
      detail: `MLmodel at ${rootUri} is not a YAML mapping. Fix: re-log the model with MLflow.`
    }
  }
  return { ok: true, value: value as Record<string, unknown> }
}

/** `flavors.onnx.data` — the graph file's path relative to the model directory. */
function onnxDataPath(mlmodel: Record<string, unknown>): string | undefined {
  const flavors = mlmodel.flavors
  if (flavors === null || typeof flavors !== 'object') return undefined
  const onnx = (flavors as Record<string, unknown>).onnx
  if (onnx === null || typeof onnx !== 'object') return undefined
  const data = (onnx as Record<string, unknown>).data
  return typeof data === 'string' && data !== '' ? data.replace(/^\.\//, '') : undefined
}

/** The local path for an artifact, or `undefined` when the path would escape the download folder. */
function safeTarget(base: string, relPath: string): string | undefined {
  const target = resolve(join(base, relPath))
  return target.startsWith(base + sep) && !relPath.split(/[\\/]/).includes('..') ? target : undefined
}
