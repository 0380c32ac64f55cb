/**
 * A Hub dataset id (`owner/name`) when MLflow logged the dataset from the Hugging Face Hub
 * (`mlflow.data.from_huggingface`, or a `hf://datasets/…` / `https://huggingface.co/datasets/…`
 * source); undefined otherwise, so a local file is never passed off as a Hub dataset.
 */
import type { DatasetInput } from '../../../core/evidence/types.js'

const HUB_ID = /^[A-Za-z0-9][\w.-]{0,95}(\/[A-Za-z0-9][\w.-]{0,95})?$/
const HUB_PREFIX = String.raw`(?:hf:\/\/datasets\/|https:\/\/huggingface\.co\/datasets\/)`
const HUB_URL = new RegExp(String.raw`^${HUB_PREFIX}([A-Za-z0-9][\w.-]*(?:\/[A-Za-z0-9][\w.-]*)?)(?:[/@?#]|$)`)

export function hubDatasetId(dataset: DatasetInput): string | undefined {
  const uri = dataset.sourceUri ?? ''
  const fromUrl = HUB_URL.exec(uri)?.[1]
  if (fromUrl !== undefined) return fromUrl
  if (dataset.sourceType !== 'hugging_face') return undefined
  try {
    const source = JSON.parse(dataset.source) as { path?: unknown }
    return typeof source.path === 'string' && HUB_ID.test(source.path) ? source.path : undefined
  } catch {
    return undefined
  }
}
